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

namespace Ent.Scolarite.Groupes;

/// <summary>
/// PUT /api/scolarite/etablissements/{uai}/groupes/{groupeId}/eleves — the administrators set a group's pupils, each a
/// pupil of the établissement (a pupil may be in several groups). All or nothing.
/// </summary>
internal static class RemplacerElevesGroupeEndpoint
{
    public const int MaxEleves = 500;

    /// <summary>The pupils of a group.</summary>
    /// <param name="EleveIds">Every pupil of the group (an empty list empties it), at most 500.</param>
    internal sealed record ElevesGroupe([property: MaxLength(500)] Guid[] EleveIds);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/groupes/{groupeId:guid}/eleves", Handle)
        .WithName("RemplacerElevesGroupe")
        .WithSummary("Remplace la liste des élèves d'un groupe de l'année en cours (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // Locks the group: two replacements at once are applied one after the other.
    private const string GroupeSql = """
        SELECT id FROM scolarite.groupe
        WHERE id = @groupeId AND etablissement_id = @etablissementId AND annee_scolaire = @annee
        FOR UPDATE
        """;

    private const string RemplacerSql = """
        DELETE FROM scolarite.inscription_groupe WHERE groupe_id = @groupeId;
        INSERT INTO scolarite.inscription_groupe (groupe_id, eleve_id) SELECT @groupeId, unnest(@eleveIds);
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid groupeId, ElevesGroupe demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
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
            return new Erreurs().Add("eleveIds", $"Donnez la liste des élèves du groupe : au plus {MaxEleves}, vide pour le vider.").ToProblem();
        }

        var eleves = (await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Eleve, ct)).Select(p => p.Id).ToHashSet();
        var erreurs = new Erreurs().Verifier("eleveIds", eleveIds, eleves, id => $"Aucun élève de l'établissement n'a l'identifiant {id}.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var parametres = new { etablissementId = etablissement.Id, annee = AnneeScolaire.Courante(clock), groupeId, eleveIds };
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(GroupeSql, parametres, tx, cancellationToken: ct)) is null)
        {
            return Problemes.Introuvable("L'établissement n'a aucun groupe de cet identifiant cette année.");
        }

        await conn.ExecuteAsync(new CommandDefinition(RemplacerSql, parametres, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
