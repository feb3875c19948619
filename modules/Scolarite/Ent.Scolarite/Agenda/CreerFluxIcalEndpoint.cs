using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ent.Scolarite.Agenda;

/// <summary>
/// POST /api/scolarite/moi/flux-ical — creates the caller's private calendar address for a purpose (today
/// « emploi-du-temps »: their lessons, or their children's, and the homework due). The address is in the answer only:
/// it cannot be shown again. A person has one live feed per purpose: creating another revokes the previous one (a
/// phone subscribed to the old address stops receiving anything), which is also how a leaked address is replaced.
/// </summary>
internal static class CreerFluxIcalEndpoint
{
    /// <summary>What to create.</summary>
    /// <param name="Usage">The purpose: « emploi-du-temps ».</param>
    internal sealed record NouveauFluxIcal(string? Usage);

    /// <summary>The new feed, with its address, shown this once.</summary>
    /// <param name="Id">The feed, to revoke it later.</param>
    /// <param name="Usage">Its purpose.</param>
    /// <param name="Adresse">The address to give the calendar app (https://…/ical/….ics). Not stored: copy it now.</param>
    /// <param name="CreeLe">When it was created (UTC).</param>
    /// <param name="Remplace">True when it revoked the person's previous feed for the same purpose.</param>
    internal sealed record FluxIcalCree(Guid Id, string Usage, string Adresse, DateTimeOffset CreeLe, bool Remplace);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/moi/flux-ical", Handle)
        .WithName("CreerFluxIcal")
        .WithSummary("Crée l'adresse privée de mon agenda (iCal) ; l'adresse n'est donnée qu'une fois et remplace la précédente.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string RevoquerSql = """
        UPDATE scolarite.flux_ical SET revoque_le = @maintenant
        WHERE personne_id = @personneId AND usage = @usage AND revoque_le IS NULL
        """;

    private const string CreerSql = """
        INSERT INTO scolarite.flux_ical (id, personne_id, usage, jeton_sha256, cree_le) VALUES (@id, @personneId, @usage, @empreinte, @maintenant)
        """;

    private static async Task<Results<Created<FluxIcalCree>, ValidationProblem, ProblemHttpResult>> Handle(
        NouveauFluxIcal demande, ICurrentUser utilisateur, NpgsqlDataSource db, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        if (demande.Usage is not { } usage || !FluxIcal.Usages.Contains(usage))
        {
            return Problemes.Validation(new Dictionary<string, string[]>
            {
                ["usage"] = [$"Indiquez l'usage de l'agenda : {string.Join(", ", FluxIcal.Usages)}."],
            });
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var (jeton, empreinte) = FluxIcal.NouveauJeton();
        var id = Guid.CreateVersion7();
        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var revoques = await conn.ExecuteAsync(new CommandDefinition(RevoquerSql, new { personneId, usage, maintenant }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(CreerSql, new { id, personneId, usage, empreinte, maintenant }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);

        return TypedResults.Created($"/api/scolarite/moi/flux-ical/{id}",
            new FluxIcalCree(id, usage, FluxIcal.Adresse(configuration, jeton), maintenant, revoques > 0));
    }
}
