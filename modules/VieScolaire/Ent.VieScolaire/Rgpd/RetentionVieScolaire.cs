using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Rgpd;
using Ent.VieScolaire.Documents;
using Npgsql;

namespace Ent.VieScolaire.Rgpd;

/// <summary>
/// Attendance and school-life records — roll calls and their history, absences and lateness with their history and
/// justifications, regimes, exit authorisations and requests — are kept for their school year and the next (the follow-up
/// of a pupil's attendance and the proof of an authorisation in case of an incident), then deleted at the rentrée after
/// (1 September, Paris time). Batched, idempotent; a justification's document after its row.
/// </summary>
internal sealed class PurgeAnneesVieScolaire(NpgsqlDataSource db, StockageJustificatifs fichiers) : IPurgeRetention
{
    public string Nom => "viescolaire.annee_scolaire";

    public string Duree => "l'année scolaire et la suivante : effacées à la rentrée d'après (1er septembre)";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var p = new
        {
            limite = PurgeParLots.DebutRentree(maintenant, 1),
            jour = PurgeParLots.Rentree(maintenant, 1),
            annee = PurgeParLots.AnneeScolaire(maintenant, 1),
        };
        var total = 0;
        // Absences first (their history and justification links), then the roll calls they came from.
        total += await PurgeParLots.SupprimerAsync(db, """
            WITH a AS (SELECT id FROM viescolaire.absence WHERE jour < @jour LIMIT 1000),
                 h AS (DELETE FROM viescolaire.absence_historique WHERE absence_id IN (SELECT id FROM a)),
                 j AS (DELETE FROM viescolaire.justificatif_absence WHERE absence_id IN (SELECT id FROM a))
            DELETE FROM viescolaire.absence WHERE id IN (SELECT id FROM a)
            """, p, ct);
        total += await PurgeParLots.SupprimerAsync(db, """
            WITH a AS (SELECT id FROM viescolaire.appel WHERE debut < @limite LIMIT 1000),
                 h AS (DELETE FROM viescolaire.appel_historique WHERE appel_id IN (SELECT id FROM a)),
                 e AS (DELETE FROM viescolaire.appel_eleve WHERE appel_id IN (SELECT id FROM a)),
                 r AS (UPDATE viescolaire.absence SET appel_id = NULL WHERE appel_id IN (SELECT id FROM a))
            DELETE FROM viescolaire.appel WHERE id IN (SELECT id FROM a)
            """, p, ct);
        // Justifications that cover no absence any more, once old enough.
        total += await PurgeParLots.SupprimerAsync(db, """
            WITH j AS (SELECT id FROM viescolaire.justificatif j WHERE depose_le < @limite
                         AND NOT EXISTS (SELECT 1 FROM viescolaire.justificatif_absence ja WHERE ja.justificatif_id = j.id) LIMIT 1000)
            DELETE FROM viescolaire.justificatif WHERE id IN (SELECT id FROM j)
            """, p, ct);
        total += await PurgeParLots.SupprimerAsync(db, """
            WITH r AS (SELECT eleve_id, annee_scolaire FROM viescolaire.regime_eleve WHERE annee_scolaire < @annee LIMIT 1000),
                 h AS (DELETE FROM viescolaire.regime_historique WHERE (eleve_id, annee_scolaire) IN (SELECT eleve_id, annee_scolaire FROM r))
            DELETE FROM viescolaire.regime_eleve WHERE (eleve_id, annee_scolaire) IN (SELECT eleve_id, annee_scolaire FROM r)
            """, p, ct);
        total += await PurgeParLots.SupprimerAsync(db, """
            DELETE FROM viescolaire.regime_historique WHERE id IN (
                SELECT id FROM viescolaire.regime_historique WHERE annee_scolaire < @annee LIMIT 1000)
            """, p, ct);
        total += await PurgeParLots.SupprimerAsync(db, """
            DELETE FROM viescolaire.autorisation_sortie WHERE id IN (
                SELECT id FROM viescolaire.autorisation_sortie WHERE annee_scolaire < @annee LIMIT 1000)
            """, p, ct);
        total += await PurgeParLots.SupprimerAsync(db, """
            DELETE FROM viescolaire.demande_sortie WHERE id IN (
                SELECT id FROM viescolaire.demande_sortie WHERE date < @jour LIMIT 1000)
            """, p, ct);
        // Reminders of roll calls not taken serve the current year only.
        total += await PurgeParLots.SupprimerAsync(db, """
            DELETE FROM viescolaire.relance_appel WHERE (service_id, debut) IN (
                SELECT service_id, debut FROM viescolaire.relance_appel WHERE debut < @rentree LIMIT 1000)
            """, new { rentree = PurgeParLots.DebutRentree(maintenant, 0) }, ct);
        return total + await PurgeDocumentsJustificatifs.PurgerAsync(db, fichiers, maintenant, ct);
    }
}

/// <summary>
/// A justification's document (often a medical certificate) serves the CPE's decision: it is deleted at the next
/// rentrée once decided — the decision and its reason stay with the justification — and at once when no justification
/// holds it (a day after its upload). The rows in one statement, the files after.
/// </summary>
internal static class PurgeDocumentsJustificatifs
{
    public static async Task<int> PurgerAsync(NpgsqlDataSource db, StockageJustificatifs fichiers, DateTimeOffset maintenant, CancellationToken ct)
    {
        var rentree = PurgeParLots.DebutRentree(maintenant, 0);
        var total = 0;
        while (true)
        {
            List<string> noms;
            await using (var conn = await db.OpenConnectionAsync(ct))
            {
                noms = (await conn.QueryAsync<string>(new CommandDefinition("""
                    WITH decides AS (SELECT id, document_id FROM viescolaire.justificatif
                                     WHERE document_id IS NOT NULL AND statut <> 'a_examiner' AND depose_le < @rentree LIMIT 1000),
                         detaches AS (UPDATE viescolaire.justificatif SET document_id = NULL WHERE id IN (SELECT id FROM decides)),
                         orphelins AS (SELECT d.id FROM viescolaire.document d
                                       WHERE d.depose_le < @veille AND NOT EXISTS (SELECT 1 FROM viescolaire.justificatif j WHERE j.document_id = d.id)
                                       LIMIT 1000)
                    DELETE FROM viescolaire.document
                    WHERE id IN (SELECT document_id FROM decides) OR id IN (SELECT id FROM orphelins)
                    RETURNING nom_stockage
                    """, new { rentree, veille = maintenant.AddDays(-1) }, cancellationToken: ct))).AsList();
            }

            foreach (var nom in noms)
            {
                fichiers.Supprimer(nom);
            }

            total += noms.Count;
            if (noms.Count < PurgeParLots.Lot)
            {
                return total;
            }
        }
    }
}

/// <summary>
/// A person erased (three months after their right to an account ended): their health record (PAI and its document,
/// infirmary visits) goes with them — a PAI is never kept for a pupil who left.
/// </summary>
internal sealed class EffacementPersonneVieScolaire : IGestionnaireEvenement<PersonneEffacee>
{
    public Task TraiterAsync(PersonneEffacee evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct) =>
        connexion.ExecuteAsync(new CommandDefinition("""
            DELETE FROM viescolaire.pai WHERE eleve_id = @PersonneId;
            DELETE FROM viescolaire.passage_infirmerie WHERE eleve_id = @PersonneId;
            """, evenement, transaction, cancellationToken: ct));
}
