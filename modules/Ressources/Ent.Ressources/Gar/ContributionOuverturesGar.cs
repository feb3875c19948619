using Dapper;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Ressources.Gar;

/// <summary>
/// The RGPD export's « ressources » section: the person's GAR pseudonym and the resources they opened through Ent (what
/// the family sees week by week; the exporter has checked the relation). JSON: <c>ressources/ouvertures.json</c>.
/// </summary>
internal sealed class ContributionOuverturesGar(NpgsqlDataSource db) : IContributionExport
{
    public string Section => "ressources";

    private sealed record Ouverture(string IdRessource, string NomRessource, string NomEditeur, DateTimeOffset OuverteLe);

    public async Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var identifiant = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT identifiant FROM ressources.gar_identifiant WHERE personne_id = @PersonneId", new { sujet.PersonneId }, cancellationToken: ct));
        var ouvertures = (await conn.QueryAsync<Ouverture>(new CommandDefinition("""
            SELECT id_ressource AS IdRessource, nom_ressource AS NomRessource, nom_editeur AS NomEditeur, ouverte_le AS OuverteLe
            FROM ressources.gar_ouverture
            WHERE personne_id = @PersonneId AND ouverte_le <= @Instant
            ORDER BY ouverte_le
            """, new { sujet.PersonneId, sujet.Instant }, cancellationToken: ct))).AsList();
        await dossier.EcrireJsonAsync("ouvertures.json", new { garPersonIdentifiant = identifiant, ouvertures }, ct);
        dossier.Resumer("Ressources numériques (GAR)",
        [
            identifiant is null ? "Aucun identifiant GAR n'a été attribué." : $"Identifiant transmis au GAR (pseudonyme) : {identifiant}.",
            ouvertures.Count == 0
                ? "Aucune ressource numérique ouverte depuis Ent cette année scolaire."
                : $"{ouvertures.Count} ouverture(s) de ressources numériques depuis Ent cette année scolaire, dont « {ouvertures[^1].NomRessource} » en dernier.",
        ]);
    }
}
