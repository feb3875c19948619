using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Administration;

/// <summary>
/// GET /api/identite/region/etablissements — for the region's administrators (a row in <c>administrateur_region</c>):
/// every établissement with its last import (state and date) and how far its families and staff got with their accounts
/// (counts by state, activation rate). Figures only: never a person's name or data. Anyone else gets 404.
/// </summary>
internal static class ListerEtablissementsRegionEndpoint
{
    /// <summary>An établissement's accounts, counted by state (a person attached there, whatever their profile).</summary>
    /// <param name="AActiver">Waiting for the family (or the person) to activate them.</param>
    /// <param name="Actifs">Active.</param>
    /// <param name="Bloques">Blocked.</param>
    /// <param name="Desactives">Closed.</param>
    internal sealed record ComptesParEtat(int AActiver, int Actifs, int Bloques, int Desactives);

    /// <summary>An établissement as the region follows it.</summary>
    /// <param name="Uai">Its UAI.</param>
    /// <param name="Nom">Its name.</param>
    /// <param name="Commune">Its town, when known.</param>
    /// <param name="DernierImport">The state of its last import (termine or echoue), null when never imported.</param>
    /// <param name="DernierImportLe">When its last import ended.</param>
    /// <param name="Comptes">Its accounts by state.</param>
    /// <param name="TauxActivation">The share of its open accounts (not closed) that were activated — no longer « à activer » —,
    /// from 0 to 1; null without any. (The state, not <c>compte.active_le</c>: accounts made by hand before the import had none.)</param>
    internal sealed record EtablissementRegion(string Uai, string Nom, string? Commune, string? DernierImport, DateTime? DernierImportLe,
        ComptesParEtat Comptes, double? TauxActivation);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/region/etablissements", Handle)
        .WithName("ListerEtablissementsRegion")
        .WithSummary("Liste les établissements avec l'état de leur dernier import et le taux d'activation des comptes (administrateurs de la région).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record Ligne(string Uai, string Nom, string? Commune, string? DernierImport, DateTime? DernierImportLe,
        int AActiver, int Actifs, int Bloques, int Desactives);

    private const string Sql = """
        SELECT e.uai, e.nom, e.commune, i.etat AS dernier_import, i.termine_le AS dernier_import_le,
               count(*) FILTER (WHERE c.etat = 'a_activer')::int AS a_activer,
               count(*) FILTER (WHERE c.etat = 'actif')::int AS actifs,
               count(*) FILTER (WHERE c.etat = 'bloque')::int AS bloques,
               count(*) FILTER (WHERE c.etat = 'desactive')::int AS desactives
        FROM identite.etablissement e
        LEFT JOIN LATERAL (
            SELECT x.etat, x.termine_le FROM identite.import_aaf_etablissement x
            WHERE x.etablissement_id = e.id ORDER BY x.termine_le DESC LIMIT 1) i ON true
        LEFT JOIN LATERAL (
            SELECT DISTINCT r.personne_id FROM identite.rattachement r
            WHERE r.etablissement_id = e.id AND r.retire_le IS NULL) r ON true
        LEFT JOIN identite.compte c ON c.personne_id = r.personne_id
        GROUP BY e.id, e.uai, e.nom, e.commune, i.etat, i.termine_le
        ORDER BY e.nom, e.uai
        """;

    private static async Task<Results<Ok<EtablissementRegion[]>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, NpgsqlDataSource db,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (utilisateur.PersonneId is not { } personneId || !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM identite.administrateur_region WHERE personne_id = @personneId)", new { personneId }, cancellationToken: ct)))
        {
            return Problemes.Introuvable("Cette liste est réservée aux administrateurs de la région.");
        }

        var lignes = await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, cancellationToken: ct));
        return TypedResults.Ok(lignes.Select(l =>
        {
            var ouverts = l.AActiver + l.Actifs + l.Bloques;
            return new EtablissementRegion(l.Uai, l.Nom, l.Commune, l.DernierImport, l.DernierImportLe,
                new ComptesParEtat(l.AActiver, l.Actifs, l.Bloques, l.Desactives),
                ouverts == 0 ? null : Math.Round((double)(l.Actifs + l.Bloques) / ouverts, 4));
        }).ToArray());
    }
}
