using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.VieScolaire.Justificatifs;

/// <summary>A person a justification names: the pupil, the guardian who sent it, the staff member who decided.</summary>
/// <param name="Id">The person.</param>
/// <param name="Nom">Family name.</param>
/// <param name="Prenom">First name.</param>
internal sealed record PersonneJustificatif(Guid Id, string Nom, string Prenom);

/// <summary>The pupil a justification is about.</summary>
/// <param name="Id">The pupil.</param>
/// <param name="Nom">Family name.</param>
/// <param name="Prenom">First name.</param>
/// <param name="Classe">Their class's code this school year (e.g. 2NDE1), null when not enrolled in one.</param>
internal sealed record EleveJustificatif(Guid Id, string Nom, string Prenom, string? Classe);

/// <summary>The document attached to a justification (downloaded from <c>/api/viescolaire/justificatifs/{id}/document</c>).</summary>
/// <param name="NomOriginal">The file's name as the family sent it (cleaned, with the extension of its real type).</param>
/// <param name="TypeContenu">application/pdf, image/jpeg or image/png, as found from the content.</param>
/// <param name="Taille">Size in bytes.</param>
internal sealed record DocumentJustificatif(string NomOriginal, string TypeContenu, int Taille);

/// <summary>An absence or lateness a justification covers.</summary>
/// <param name="Id">The absence.</param>
/// <param name="Type">absence or retard.</param>
/// <param name="Debut">Start of the lesson (UTC).</param>
/// <param name="Fin">End of the lesson (UTC).</param>
/// <param name="Jour">The school day.</param>
/// <param name="DemiJournee">matin or apres_midi.</param>
/// <param name="MinutesRetard">Minutes late, for a lateness.</param>
/// <param name="Cours">The lesson as families read it, e.g. « Mathématiques — 2NDE1 »; null when recorded by the desk.</param>
/// <param name="Statut">The absence's status: non_justifiee, justificatif_depose, justifiee or refusee.</param>
/// <param name="AnnuleeLe">When the absence was cancelled (roll call corrected), else null.</param>
internal sealed record AbsenceJustificatif(
    Guid Id, string Type, DateTime Debut, DateTime Fin, DateOnly Jour, string DemiJournee, int? MinutesRetard, string? Cours, string Statut,
    DateTime? AnnuleeLe);

/// <summary>A family's justification of one or more absences, and the vie scolaire desk's decision.</summary>
/// <param name="Id">The justification.</param>
/// <param name="Statut">a_examiner (waiting for the desk), accepte or refuse.</param>
/// <param name="Eleve">The pupil.</param>
/// <param name="MotifCode">The reason's code (see <c>GET /api/viescolaire/motifs-absence</c>).</param>
/// <param name="MotifLibelle">The reason's label.</param>
/// <param name="Commentaire">The family's comment, if any.</param>
/// <param name="Document">The attached document, if any.</param>
/// <param name="DeposePar">The guardian who sent it.</param>
/// <param name="DeposeLe">When (UTC).</param>
/// <param name="DecidePar">Who decided, once decided.</param>
/// <param name="DecideLe">When (UTC), once decided.</param>
/// <param name="RaisonRefus">Why it was refused, for a refusal.</param>
/// <param name="Absences">The absences and lateness covered, oldest first.</param>
internal sealed record Justificatif(
    Guid Id, string Statut, EleveJustificatif Eleve, string MotifCode, string MotifLibelle, string? Commentaire, DocumentJustificatif? Document,
    PersonneJustificatif DeposePar, DateTime DeposeLe, PersonneJustificatif? DecidePar, DateTime? DecideLe, string? RaisonRefus,
    AbsenceJustificatif[] Absences);

/// <summary>Loads justifications for the answers, with the names and classes other modules know.</summary>
internal static class LectureJustificatifs
{
    public static readonly string[] Statuts = ["a_examiner", "accepte", "refuse"];

    private sealed record Ligne(
        Guid Id, string Statut, Guid EleveId, string MotifCode, string MotifLibelle, string? Commentaire, string? NomOriginal, string? TypeContenu,
        int? Taille, Guid DeposePar, DateTime DeposeLe, Guid? DecidePar, DateTime? DecideLe, string? RaisonRefus);

    private sealed record LigneAbsence(
        Guid JustificatifId, Guid Id, string Type, DateTime Debut, DateTime Fin, DateOnly Jour, string DemiJournee, int? MinutesRetard, string? Cours,
        string Statut, DateTime? AnnuleeLe);

    private const string Sql = """
        SELECT j.id, j.statut, j.eleve_id, j.motif_code, m.libelle AS motif_libelle, j.commentaire,
               d.nom_original, d.type_contenu, d.taille, j.depose_par, j.depose_le, j.decide_par, j.decide_le, j.raison_refus
        FROM viescolaire.justificatif j
        JOIN viescolaire.motif_absence m ON m.code = j.motif_code
        LEFT JOIN viescolaire.document d ON d.id = j.document_id
        WHERE j.id = ANY(@ids);

        SELECT ja.justificatif_id, a.id, a.type, a.debut, a.fin, a.jour, a.demi_journee, a.minutes_retard, a.cours, a.statut, a.annulee_le
        FROM viescolaire.justificatif_absence ja
        JOIN viescolaire.absence a ON a.id = ja.absence_id
        WHERE ja.justificatif_id = ANY(@ids)
        ORDER BY a.debut, a.id;
        """;

    /// <summary>The given justifications, in the given order (unknown ids left out).</summary>
    public static async Task<Justificatif[]> ChargerAsync(NpgsqlConnection conn, IReadOnlyList<Guid> ids, IAnnuaire annuaire,
        IServicesEnseignement enseignement, CancellationToken ct, NpgsqlTransaction? tx = null)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        Dictionary<Guid, Ligne> lignes;
        ILookup<Guid, LigneAbsence> absences;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { ids = ids.ToArray() }, tx, cancellationToken: ct)))
        {
            lignes = (await lecture.ReadAsync<Ligne>()).ToDictionary(l => l.Id);
            absences = (await lecture.ReadAsync<LigneAbsence>()).ToLookup(a => a.JustificatifId);
        }

        var eleveIds = lignes.Values.Select(l => l.EleveId).Distinct().ToArray();
        var personneIds = lignes.Values.SelectMany(l => new[] { l.EleveId, l.DeposePar, l.DecidePar ?? l.DeposePar }).Distinct().ToArray();
        var personnes = (await annuaire.TrouverPersonnesAsync(personneIds, ct)).ToDictionary(p => p.Id);
        var classes = await enseignement.ClassesAsync(eleveIds, ct);

        PersonneJustificatif Personne(Guid id) => personnes.TryGetValue(id, out var p)
            ? new PersonneJustificatif(id, p.Nom, p.Prenom)
            : new PersonneJustificatif(id, "(inconnu)", string.Empty);

        return ids.Where(lignes.ContainsKey).Select(id =>
        {
            var l = lignes[id];
            var eleve = Personne(l.EleveId);
            return new Justificatif(l.Id, l.Statut, new EleveJustificatif(eleve.Id, eleve.Nom, eleve.Prenom, classes.GetValueOrDefault(l.EleveId)),
                l.MotifCode, l.MotifLibelle, l.Commentaire,
                l.NomOriginal is null ? null : new DocumentJustificatif(l.NomOriginal, l.TypeContenu!, l.Taille!.Value),
                Personne(l.DeposePar), l.DeposeLe, l.DecidePar is { } decideur ? Personne(decideur) : null, l.DecideLe, l.RaisonRefus,
                absences[id].Select(a => new AbsenceJustificatif(a.Id, a.Type, a.Debut, a.Fin, a.Jour, a.DemiJournee, a.MinutesRetard, a.Cours,
                    a.Statut, a.AnnuleeLe)).ToArray());
        }).ToArray();
    }
}
