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
/// PUT /api/scolarite/etablissements/{uai}/classes/{classeId}/professeurs-principaux — the administrators set a class's
/// head teachers: at most two, each a teacher of the établissement.
/// </summary>
internal static class RemplacerProfesseursPrincipauxEndpoint
{
    /// <summary>What a third name is told, here and by the edge's limits check (which sees the list first).</summary>
    internal const string AuPlusDeux = "Une classe a au plus deux professeurs principaux (une liste vide n'en laisse aucun).";

    public const int MaxProfesseursPrincipaux = 2;

    /// <summary>The head teachers of a class.</summary>
    /// <param name="EnseignantIds">Every head teacher of the class (none, one or two), each a teacher of the établissement.</param>
    internal sealed record ProfesseursPrincipaux([property: MaxLength(2, ErrorMessage = RemplacerProfesseursPrincipauxEndpoint.AuPlusDeux)] Guid[] EnseignantIds);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/classes/{classeId:guid}/professeurs-principaux", Handle)
        .WithName("RemplacerProfesseursPrincipaux")
        .WithSummary("Remplace les professeurs principaux d'une classe de l'année en cours (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // Locks the class: two replacements at once are applied one after the other.
    private const string ClasseSql = """
        SELECT id FROM scolarite.classe
        WHERE id = @classeId AND etablissement_id = @etablissementId AND annee_scolaire = @annee
        FOR UPDATE
        """;

    private const string RemplacerSql = """
        DELETE FROM scolarite.professeur_principal WHERE classe_id = @classeId;
        INSERT INTO scolarite.professeur_principal (classe_id, enseignant_id) SELECT @classeId, unnest(@enseignantIds);
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid classeId, ProfesseursPrincipaux demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
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

        if (demande.EnseignantIds is not { Length: <= MaxProfesseursPrincipaux } enseignantIds)
        {
            return new Erreurs().Add("enseignantIds", AuPlusDeux)
                .ToProblem();
        }

        var enseignants = (await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Enseignant, ct)).Select(p => p.Id).ToHashSet();
        var erreurs = new Erreurs().Verifier("enseignantIds", enseignantIds, enseignants,
            id => $"Aucun enseignant de l'établissement n'a l'identifiant {id}.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var parametres = new { etablissementId = etablissement.Id, annee = AnneeScolaire.Courante(clock), classeId, enseignantIds };
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(ClasseSql, parametres, tx, cancellationToken: ct)) is null)
        {
            return Problemes.Introuvable("L'établissement n'a aucune classe de cet identifiant cette année.");
        }

        await conn.ExecuteAsync(new CommandDefinition(RemplacerSql, parametres, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
