using Dapper;
using Ent.Kernel.Database;
using Ent.Kernel.Rgpd;
using Ent.VieScolaire.Documents;

namespace Ent.VieScolaire.Rgpd;

/// <summary>
/// VieScolaire's share of a pupil's RGPD export (section « vie-scolaire »): absences and lateness (cancelled ones left
/// out), the justifications with their documents (the files themselves, under <c>justificatifs/</c>), the regime, the
/// standing exit authorisations and the one-off exit requests. A signature's network address is exported to the person
/// who signed only. Nothing for a person who is not a pupil.
/// </summary>
internal sealed class ContributionVieScolaire(EntDatabase db, StockageJustificatifs stockage) : IContributionExport
{
    public string Section => "vie-scolaire";

    private sealed record Document(Guid Id, string NomStockage, string NomOriginal);

    public async Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct)
    {
        if (!sujet.EstEleve)
        {
            return;
        }

        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var p = new { eleve = sujet.PersonneId, demandeur = sujet.DemandeurId };
        var absences = (await conn.QueryAsync(new CommandDefinition("""
            SELECT id, type, jour, demi_journee, debut, fin, minutes_retard, cours, statut, motif_code, commentaire, saisie_le
            FROM viescolaire.absence WHERE eleve_id = @eleve AND annulee_le IS NULL ORDER BY debut, id
            """, p, cancellationToken: ct))).AsList();
        var justificatifs = (await conn.QueryAsync(new CommandDefinition("""
            SELECT j.id, j.motif_code, j.commentaire, j.depose_le, j.statut, j.decide_le, j.raison_refus,
                   d.nom_original AS document, d.type_contenu, d.taille,
                   ARRAY(SELECT ja.absence_id FROM viescolaire.justificatif_absence ja WHERE ja.justificatif_id = j.id ORDER BY 1) AS absences
            FROM viescolaire.justificatif j LEFT JOIN viescolaire.document d ON d.id = j.document_id
            WHERE j.eleve_id = @eleve ORDER BY j.depose_le, j.id
            """, p, cancellationToken: ct))).AsList();
        var regimes = (await conn.QueryAsync(new CommandDefinition(
            "SELECT annee_scolaire, regime, modifie_le FROM viescolaire.regime_eleve WHERE eleve_id = @eleve ORDER BY annee_scolaire",
            p, cancellationToken: ct))).AsList();
        var autorisations = (await conn.QueryAsync(new CommandDefinition("""
            SELECT annee_scolaire, type, accordee, signee_le, CASE WHEN signee_par = @demandeur THEN host(adresse) END AS adresse
            FROM viescolaire.autorisation_sortie WHERE eleve_id = @eleve ORDER BY annee_scolaire, type
            """, p, cancellationToken: ct))).AsList();
        var demandes = (await conn.QueryAsync(new CommandDefinition("""
            SELECT date, heure_sortie, heure_retour, motif, signee_le, attestation, statut, traitee_le, commentaire, annulee_le,
                   CASE WHEN signee_par = @demandeur THEN host(adresse) END AS adresse
            FROM viescolaire.demande_sortie WHERE eleve_id = @eleve ORDER BY date, heure_sortie
            """, p, cancellationToken: ct))).AsList();

        await dossier.EcrireJsonAsync("absences.json", absences, ct);
        await dossier.EcrireJsonAsync("justificatifs.json", justificatifs, ct);
        await dossier.EcrireJsonAsync("sorties.json", new Dictionary<string, object?>
        {
            ["regimes"] = regimes,
            ["autorisations"] = autorisations,
            ["demandes"] = demandes,
        }, ct);

        // The documents themselves: justificatifs/{justification id}-{original name}.
        var documents = (await conn.QueryAsync<Document>(new CommandDefinition("""
            SELECT j.id, d.nom_stockage, d.nom_original FROM viescolaire.justificatif j
            JOIN viescolaire.document d ON d.id = j.document_id WHERE j.eleve_id = @eleve ORDER BY j.depose_le, j.id
            """, p, cancellationToken: ct))).AsList();
        var copies = 0;
        foreach (var document in documents)
        {
            await using var fichier = stockage.Ouvrir(document.NomStockage);
            if (fichier is null)
            {
                continue;
            }

            await dossier.EcrireFichierAsync($"justificatifs/{document.Id:N}-{NomSur(document.NomOriginal)}", fichier, ct);
            copies++;
        }

        dossier.Resumer("Vie scolaire", [
            $"{absences.Count(a => a.type == "absence")} absence(s) et {absences.Count(a => a.type != "absence")} retard(s).",
            $"{justificatifs.Count} justificatif(s), dont {copies} document(s) joint(s) dans le dossier « vie-scolaire/justificatifs ».",
            $"{autorisations.Count} autorisation(s) de sortie et {demandes.Count} demande(s) de sortie.",
        ]);
    }

    // The original name, kept readable but never a path: letters, digits, dots, dashes and underscores.
    private static string NomSur(string nom)
    {
        var sur = new string([.. Path.GetFileName(nom).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return sur.Length == 0 ? "document" : sur[..Math.Min(sur.Length, 100)];
    }
}
