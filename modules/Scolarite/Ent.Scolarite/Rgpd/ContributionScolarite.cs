using Dapper;
using Ent.Kernel.Database;
using Ent.Kernel.Rgpd;

namespace Ent.Scolarite.Rgpd;

/// <summary>
/// Scolarité's share of a pupil's RGPD export (section « scolarite »): classes and groups, grades as the family sees them
/// (an assessment from its publication day), the report cards' appraisals and the class council's once the report cards
/// are published, and the homework the pupil ticked as done. Nothing for a person who is not a pupil: a teacher's
/// entries are about pupils, not about the teacher.
/// </summary>
internal sealed class ContributionScolarite(EntDatabase db) : IContributionExport
{
    public string Section => "scolarite";

    public async Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct)
    {
        if (!sujet.EstEleve)
        {
            return;
        }

        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var p = new { eleve = sujet.PersonneId, instant = sujet.Instant, jour = DateOnly.FromDateTime(sujet.Instant.UtcDateTime) };
        var classes = (await conn.QueryAsync(new CommandDefinition("""
            SELECT c.annee_scolaire, 'classe' AS nature, c.code, c.libelle FROM scolarite.inscription_classe i
            JOIN scolarite.classe c ON c.id = i.classe_id WHERE i.eleve_id = @eleve
            UNION ALL
            SELECT g.annee_scolaire, 'groupe', g.code, g.libelle FROM scolarite.inscription_groupe i
            JOIN scolarite.groupe g ON g.id = i.groupe_id WHERE i.eleve_id = @eleve
            ORDER BY 1, 2, 3
            """, p, cancellationToken: ct))).AsList();
        var notes = (await conn.QueryAsync(new CommandDefinition("""
            SELECT pe.annee_scolaire, pe.numero AS periode, s.matiere_libelle AS matiere, e.date, e.titre, e.bareme, e.coefficient,
                   n.valeur, n.marqueur, n.commentaire, n.saisie_le
            FROM scolarite.note n
            JOIN scolarite.evaluation e ON e.id = n.evaluation_id
            JOIN scolarite.service_enseignement s ON s.id = e.service_id
            JOIN scolarite.periode pe ON pe.id = e.periode_id
            WHERE n.eleve_id = @eleve AND (e.publication IS NULL OR e.publication <= @jour)
            ORDER BY e.date, s.matiere_libelle, e.titre
            """, p, cancellationToken: ct))).AsList();
        // The report cards as the family reads them: a period's appraisals once its report cards are published.
        var appreciations = (await conn.QueryAsync(new CommandDefinition("""
            SELECT pe.annee_scolaire, pe.numero AS periode, s.matiere_libelle AS matiere, a.texte, a.modifie_le
            FROM scolarite.appreciation a
            JOIN scolarite.service_enseignement s ON s.id = a.service_id
            JOIN scolarite.periode pe ON pe.id = a.periode_id
            WHERE a.eleve_id = @eleve AND pe.bulletins_publies_le <= @instant
            ORDER BY pe.annee_scolaire, pe.numero, s.matiere_libelle
            """, p, cancellationToken: ct))).AsList();
        var conseils = (await conn.QueryAsync(new CommandDefinition("""
            SELECT pe.annee_scolaire, pe.numero AS periode, k.appreciation_generale, k.decision, k.modifie_le
            FROM scolarite.conseil_classe k JOIN scolarite.periode pe ON pe.id = k.periode_id
            WHERE k.eleve_id = @eleve AND pe.bulletins_publies_le <= @instant
            ORDER BY pe.annee_scolaire, pe.numero
            """, p, cancellationToken: ct))).AsList();
        var devoirs = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM scolarite.devoir_fait WHERE eleve_id = @eleve", p, cancellationToken: ct));

        await dossier.EcrireJsonAsync("classes-et-groupes.json", classes, ct);
        await dossier.EcrireJsonAsync("notes.json", notes, ct);
        await dossier.EcrireJsonAsync("bulletins.json", new Dictionary<string, object?>
        {
            ["appreciations"] = appreciations,
            ["conseilsDeClasse"] = conseils,
        }, ct);
        dossier.Resumer("Scolarité", [
            $"{classes.Count} inscription(s) dans une classe ou un groupe.",
            $"{notes.Count} note(s), {appreciations.Count} appréciation(s) de bulletin et {conseils.Count} avis de conseil de classe.",
            $"{devoirs} devoir(s) marqué(s) comme faits.",
        ]);
    }
}
