using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Enseignement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Appreciations;

/// <summary>
/// GET /api/scolarite/services/{serviceId}/periodes/{periodeId}/appreciations — the caller's pupils in one of their
/// services, each with their average for the period and the appraisal written so far. Only the service's teacher.
/// </summary>
internal static class ObtenirAppreciationsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/services/{serviceId:guid}/periodes/{periodeId:guid}/appreciations", Handle)
        .WithName("ObtenirAppreciations")
        .WithSummary("Les moyennes et appréciations de la période pour un de mes services d'enseignement.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<AppreciationsService>, ProblemHttpResult>> Handle(
        Guid serviceId, Guid periodeId, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IJournalAcces journal,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var service = await ServiceEnseignant.DuEnseignantAsync(conn, serviceId, personneId, ct);
        if (service is null || !await PeriodeDuServiceAsync(conn, service, periodeId, ct))
        {
            return Problemes.Introuvable("Aucun de vos services d'enseignement ne correspond à cette adresse.");
        }

        var appreciations = await AppreciationsService.ChargerAsync(conn, service, periodeId, annuaire, ct);
        await journal.NoterAsync(http, utilisateur, appreciations.Eleves.Select(e => e.EleveId).ToArray(), Domaine.TravailScolaire,
            ActionAcces.Lecture, "ObtenirAppreciations", ct);
        return TypedResults.Ok(appreciations);
    }

    /// <summary>True when the period is one of the service's établissement and school year.</summary>
    public static Task<bool> PeriodeDuServiceAsync(NpgsqlConnection conn, ServiceEnseignant service, Guid periodeId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM scolarite.periode WHERE id = @periodeId AND etablissement_id = @EtablissementId AND annee_scolaire = @AnneeScolaire)
            """, new { periodeId, service.EtablissementId, service.AnneeScolaire }, cancellationToken: ct));
}
