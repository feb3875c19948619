using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>
/// GET /api/communication/me/elections — the parents' elections of the établissements where the caller is a legal
/// guardian (or was an elector at opening), latest first, each with the caller's place (elector, « a voté »). Anyone
/// else: an empty list.
/// </summary>
internal static class ListerMesElectionsEndpoint
{
    /// <summary>An election as a family sees it in its list.</summary>
    internal sealed record MonElection(Guid Id, string Titre, string Etablissement, string Etat, DateTimeOffset Ouverture, DateTimeOffset Cloture,
        bool Electeur, DateTimeOffset? AVoteLe, bool PeutVoter);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/elections", Handle)
        .WithName("ListerMesElections")
        .WithSummary("Les élections des parents qui me concernent, et si j'ai voté.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id FROM communication.election
        WHERE etablissement_id = ANY(@etablissements)
           OR id IN (SELECT election_id FROM communication.election_electeur WHERE personne_id = @moi)
        ORDER BY ouverture DESC LIMIT 20
        """;

    private static async Task<Results<Ok<MonElection[]>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, IAnnuaire annuaire, Scrutins scrutins,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var etablissements = (await annuaire.ListerRattachementsAsync(moi, ct)).Where(r => r.Profil == Profils.Responsable)
            .Select(r => r.EtablissementId).Distinct().ToArray();
        List<Guid> ids;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            ids = (await conn.QueryAsync<Guid>(new CommandDefinition(Sql, new { etablissements, moi }, cancellationToken: ct))).AsList();
        }

        var maintenant = clock.GetUtcNow();
        var resultat = new List<MonElection>(ids.Count);
        foreach (var id in ids)
        {
            if (await scrutins.OuvrirAsync(id, moi, ct) is (var e, var regard) && (regard.Famille || regard.Electeur))
            {
                var etat = e.Etat(maintenant);
                var nom = (await annuaire.TrouverEtablissementAsync(e.EtablissementId, ct))?.Nom ?? string.Empty;
                resultat.Add(new MonElection(e.Id, e.Titre, nom, etat, e.Ouverture, e.Cloture, regard.Electeur, regard.AVoteLe,
                    etat == "ouverte" && regard.Electeur && regard.AVoteLe is null));
            }
        }

        return TypedResults.Ok(resultat.ToArray());
    }
}
