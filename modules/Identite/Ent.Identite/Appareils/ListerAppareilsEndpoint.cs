using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Appareils;

/// <summary>GET /api/identite/me/appareils — the devices the connected person logged in from, most recent first.</summary>
internal static class ListerAppareilsEndpoint
{
    /// <summary>A device.</summary>
    /// <param name="Id">Identifier, to forget it.</param>
    /// <param name="Libelle">Browser and system, e.g. « Firefox sur Android ».</param>
    /// <param name="PremierVu">First login from it (UTC).</param>
    /// <param name="DernierVu">Last login from it (UTC).</param>
    /// <param name="ConnexionMemorisee">A login kept with « Rester connecté » is open on it: forgetting the device ends it.</param>
    internal sealed record Appareil(Guid Id, string Libelle, DateTime PremierVu, DateTime DernierVu, bool ConnexionMemorisee);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/appareils", Handle)
        .WithName("ListerAppareils")
        .WithSummary("Liste les appareils depuis lesquels la personne connectée s'est connectée.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT a.id, a.libelle, a.premier_vu, a.dernier_vu, a.connexion_memorisee_tampon IS NOT DISTINCT FROM c.tampon_securite AS connexion_memorisee
        FROM identite.appareil a JOIN identite.compte c ON c.personne_id = a.personne_id
        WHERE a.personne_id = @id ORDER BY a.dernier_vu DESC
        """;

    private static async Task<Results<Ok<Appareil[]>, ProblemHttpResult>> Handle(ICurrentUser user, NpgsqlDataSource db, CancellationToken ct)
    {
        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await conn.QueryAsync<Appareil>(new CommandDefinition(Sql, new { id }, cancellationToken: ct))).ToArray());
    }
}
