using Dapper;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Ressources.Espaces;

/// <summary>
/// The RGPD export's share of the class workspaces: the work the pupil handed in (every version, with its dépôt's title
/// and deadline), JSON <c>espaces-classe/rendus.json</c>, and the files themselves under <c>espaces-classe/rendus/</c>. What
/// teachers put in the spaces is theirs and the class's, not the pupil's: it is not exported.
/// </summary>
internal sealed class ContributionRendus(NpgsqlDataSource db, StockageEspaces stockage) : IContributionExport
{
    // A section of its own: the GAR's contribution is « ressources » (one contribution per section).
    public string Section => "espaces-classe";

    private sealed record Rendu(Guid DepotId, string Depot, DateTimeOffset DateLimite, int Numero, string NomOriginal, string TypeContenu, long Taille,
        DateTimeOffset DeposeLe, string NomStockage);

    public async Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rendus = (await conn.QueryAsync<Rendu>(new CommandDefinition("""
            SELECT r.depot_id, d.titre AS depot, d.date_limite, r.numero, r.nom_original, r.type_contenu, r.taille, r.depose_le, r.nom_stockage
            FROM ressources.espace_rendu r JOIN ressources.espace_depot d ON d.id = r.depot_id
            WHERE r.eleve_id = @PersonneId AND r.depose_le <= @Instant
            ORDER BY r.depose_le, r.depot_id, r.numero
            """, new { sujet.PersonneId, sujet.Instant }, cancellationToken: ct))).AsList();
        await dossier.EcrireJsonAsync("rendus.json",
            rendus.Select(r => new { r.DepotId, r.Depot, r.DateLimite, version = r.Numero, r.NomOriginal, r.TypeContenu, r.Taille, r.DeposeLe }), ct);

        var copies = 0;
        foreach (var r in rendus)
        {
            await using var fichier = stockage.Ouvrir(r.NomStockage);
            if (fichier is null)
            {
                continue;
            }

            await dossier.EcrireFichierAsync($"rendus/{r.DepotId:N}-v{r.Numero}-{NomSur(r.NomOriginal)}", fichier, ct);
            copies++;
        }

        dossier.Resumer("Travaux rendus (espaces de classe)",
        [
            rendus.Count == 0
                ? "Aucun travail rendu dans un espace de classe."
                : $"{rendus.Count} envoi(s) de travaux pour {rendus.Select(r => r.DepotId).Distinct().Count()} dépôt(s), dont {copies} fichier(s) dans le dossier « espaces-classe/rendus ».",
        ]);
    }

    // The original name, kept readable but never a path: letters, digits, dots, dashes and underscores.
    private static string NomSur(string nom)
    {
        var sur = new string([.. Path.GetFileName(nom).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return sur.Length == 0 ? "document" : sur[..Math.Min(sur.Length, 100)];
    }
}
