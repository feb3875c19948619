using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Classes;

/// <summary>
/// PUT /api/scolarite/etablissements/{uai}/classes/{classeId}/eleves — the administrators set a class's pupils. Each
/// must be a pupil of the établissement, and in no other class of it this school year: a pupil who changes class is
/// taken out of the old one first. All or nothing.
/// </summary>
internal static class RemplacerElevesClasseEndpoint
{
    public const int MaxEleves = 200;

    /// <summary>The pupils of a class.</summary>
    /// <param name="EleveIds">Every pupil of the class (an empty list empties it), at most 200.</param>
    internal sealed record ElevesClasse([property: MaxLength(200)] Guid[] EleveIds);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/classes/{classeId:guid}/eleves", Handle)
        .WithName("RemplacerElevesClasse")
        .WithSummary("Remplace la liste des élèves d'une classe de l'année en cours (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // Whether a pupil is in another class is decided under a lock per établissement and year: two administrators
    // cannot each put the same pupil in a different class at the same moment.
    private const string VerrouSql = """
        SELECT pg_advisory_xact_lock(hashtextextended('scolarite.inscription_classe:' || @etablissementId || ':' || @annee, 0))
        """;

    private const string ClasseSql = """
        SELECT code FROM scolarite.classe
        WHERE id = @classeId AND etablissement_id = @etablissementId AND annee_scolaire = @annee
        FOR UPDATE
        """;

    private const string AutresClassesSql = """
        SELECT i.eleve_id, c.code
        FROM scolarite.inscription_classe i
        JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE i.eleve_id = ANY(@eleveIds) AND c.id <> @classeId
          AND c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee
        """;

    private const string RemplacerSql = """
        DELETE FROM scolarite.inscription_classe WHERE classe_id = @classeId;
        INSERT INTO scolarite.inscription_classe (classe_id, eleve_id) SELECT @classeId, unnest(@eleveIds);
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid classeId, ElevesClasse demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, refus) = await Administration.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return refus!;
        }

        if (demande.EleveIds is not { Length: <= MaxEleves } eleveIds)
        {
            return new Erreurs().Add("eleveIds", $"Donnez la liste des élèves de la classe : au plus {MaxEleves}, vide pour la vider.").ToProblem();
        }

        var eleves = (await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Eleve, ct)).ToDictionary(p => p.Id);
        var erreurs = new Erreurs().Verifier("eleveIds", eleveIds, eleves.Keys.ToHashSet(),
            id => $"Aucun élève de l'établissement n'a l'identifiant {id}.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var annee = AnneeScolaire.Courante(clock);
        var parametres = new { etablissementId = etablissement.Id, annee, classeId, eleveIds };
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(VerrouSql, parametres, tx, cancellationToken: ct));
        if (await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(ClasseSql, parametres, tx, cancellationToken: ct)) is null)
        {
            return Problemes.Introuvable("L'établissement n'a aucune classe de cet identifiant cette année.");
        }

        var ailleurs = (await conn.QueryAsync<(Guid EleveId, string Code)>(new CommandDefinition(AutresClassesSql, parametres, tx,
            cancellationToken: ct))).ToDictionary(a => a.EleveId, a => a.Code);
        for (var i = 0; i < eleveIds.Length; i++)
        {
            if (ailleurs.TryGetValue(eleveIds[i], out var autre))
            {
                var eleve = eleves[eleveIds[i]];
                erreurs.Add($"eleveIds[{i}]", $"{eleve.Prenom} {eleve.Nom} est déjà dans la classe {autre} cette année : " +
                                              "retirez d'abord l'élève de cette classe.");
            }
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await conn.ExecuteAsync(new CommandDefinition(RemplacerSql, parametres, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
