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
/// GET /api/communication/etablissements/{uai}/elections — the établissement's elections for its direction (head, local
/// administrators), latest first, with the electors and the online turnout; anyone else 404.
/// </summary>
internal static class ListerElectionsEtablissementEndpoint
{
    /// <summary>An election in the direction's list.</summary>
    internal sealed record ElectionResume(Guid Id, string Titre, string Etat, DateTimeOffset Ouverture, DateTimeOffset Cloture, int Sieges,
        bool Correspondance, int? NombreElecteurs, int Votants, int Listes);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/elections", Handle)
        .WithName("ListerElectionsEtablissement")
        .WithSummary("Les élections des parents de l'établissement, pour sa direction.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT e.id, (SELECT count(*)::int FROM communication.election_urne u WHERE u.election_id = e.id) AS votants,
               (SELECT count(*)::int FROM communication.election_liste l WHERE l.election_id = e.id) AS listes
        FROM communication.election e WHERE e.etablissement_id = @etablissementId ORDER BY e.ouverture DESC LIMIT 50
        """;

    private static async Task<Results<Ok<ElectionResume[]>, ValidationProblem, ProblemHttpResult>> Handle(string uai, ICurrentUser utilisateur,
        IAnnuaire annuaire, IReglesAcces regles, Scrutins scrutins, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement || !await regles.PeutAdministrerAsync(moi, etablissement.Id, ct))
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        List<(Guid Id, int Votants, int Listes)> lignes;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            lignes = (await conn.QueryAsync<(Guid, int, int)>(new CommandDefinition(Sql, new { etablissementId = etablissement.Id }, cancellationToken: ct))).AsList();
        }

        var maintenant = clock.GetUtcNow();
        var resultat = new List<ElectionResume>(lignes.Count);
        foreach (var (id, votants, listes) in lignes)
        {
            if (await scrutins.OuvrirAsync(id, moi, ct) is (var e, _))
            {
                resultat.Add(new ElectionResume(e.Id, e.Titre, e.Etat(maintenant), e.Ouverture, e.Cloture, e.Sieges, e.Correspondance, e.NombreElecteurs,
                    votants, listes));
            }
        }

        return TypedResults.Ok(resultat.ToArray());
    }
}
