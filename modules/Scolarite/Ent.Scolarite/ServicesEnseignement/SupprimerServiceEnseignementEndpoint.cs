using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.ServicesEnseignement;

/// <summary>
/// DELETE /api/scolarite/etablissements/{uai}/services/{serviceId} — the administrators remove a teaching service
/// created by mistake. One that already has assessments or appraisals stays: they belong to the pupils' record.
/// </summary>
internal static class SupprimerServiceEnseignementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/etablissements/{uai}/services/{serviceId:guid}", Handle)
        .WithName("SupprimerServiceEnseignement")
        .WithSummary("Supprime un service d'enseignement de l'année en cours qui n'a encore ni évaluation ni appréciation (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    // Locks the service so that the check and the deletion see the same state.
    private const string ServiceSql = $"""
        SELECT EXISTS (SELECT 1 FROM scolarite.evaluation e WHERE e.service_id = s.id)
               OR EXISTS (SELECT 1 FROM scolarite.appreciation a WHERE a.service_id = s.id)
        FROM {ServiceEnseignement.DeLAnnee} AND s.id = @serviceId
        FOR UPDATE OF s
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid serviceId, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
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

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var utilise = await conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(ServiceSql,
            new { etablissementId = etablissement.Id, annee = AnneeScolaire.Courante(clock), serviceId }, tx, cancellationToken: ct));
        if (utilise is null)
        {
            return Problemes.Introuvable("L'établissement n'a aucun service d'enseignement de cet identifiant cette année.");
        }

        const string conflit = "Ce service a déjà des évaluations ou des appréciations : il ne peut pas être supprimé. " +
                               "Changez plutôt son enseignant.";
        if (utilise.Value)
        {
            return Problemes.Conflit(conflit);
        }

        try
        {
            await conn.ExecuteAsync(new CommandDefinition("DELETE FROM scolarite.service_enseignement WHERE id = @serviceId",
                new { serviceId }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return Problemes.Conflit(conflit);
        }

        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
