using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Enseignement;
using Ent.Scolarite.Evaluations;
using Npgsql;

namespace Ent.Scolarite.Notes;

/// <summary>A pupil's line in the grade-entry grid.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="Nom">Surname.</param>
/// <param name="Prenom">First name.</param>
/// <param name="Valeur">The mark on the assessment's scale, or null.</param>
/// <param name="Marqueur">absent, dispense, non_note or non_rendu instead of a mark, or null.</param>
/// <param name="Commentaire">The teacher's short comment on this result, if any.</param>
internal sealed record LigneGrille(Guid EleveId, string Nom, string Prenom, decimal? Valeur, string? Marqueur, string? Commentaire);

/// <summary>An assessment's grade-entry grid: the assessment, its service, every pupil taught (by name) and their result.</summary>
/// <param name="Evaluation">The assessment and its figures.</param>
/// <param name="Matiere">Subject name.</param>
/// <param name="Libelle">The class's or group's name.</param>
/// <param name="NonRenduCompteZero">True when the établissement counts Non rendu as 0 in averages.</param>
/// <param name="Eleves">The pupils taught, by surname, with their result.</param>
internal sealed record GrilleNotes(Evaluation Evaluation, string Matiere, string Libelle, bool NonRenduCompteZero, LigneGrille[] Eleves)
{
    private const string Sql = """
        SELECT eleve_id, valeur, marqueur, commentaire FROM scolarite.note WHERE evaluation_id = @evaluationId;
        SELECT non_rendu = 'zero' FROM scolarite.parametres_notation WHERE etablissement_id = @etablissementId;
        """;

    /// <summary>
    /// The grid of the pupils taught today. A pupil who has left the class but kept a result is still listed, so that no
    /// mark disappears from the teacher's view.
    /// </summary>
    public static async Task<GrilleNotes> ChargerAsync(NpgsqlConnection conn, ServiceEnseignant service, Guid evaluationId, IAnnuaire annuaire,
        CancellationToken ct)
    {
        var evaluation = (await Evaluation.ListerAsync(conn, service, null, evaluationId, ct))[0];
        var eleves = await service.ElevesAsync(conn, ct);
        Dictionary<Guid, (decimal? Valeur, string? Marqueur, string? Commentaire)> notes;
        bool nonRenduZero;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
                         new { evaluationId, etablissementId = service.EtablissementId }, cancellationToken: ct)))
        {
            notes = (await lecture.ReadAsync<(Guid EleveId, decimal? Valeur, string? Marqueur, string? Commentaire)>())
                .ToDictionary(n => n.EleveId, n => (n.Valeur, n.Marqueur, n.Commentaire));
            nonRenduZero = await lecture.ReadSingleOrDefaultAsync<bool>();
        }

        var ids = eleves.Union(notes.Keys).ToArray();
        var personnes = await annuaire.TrouverPersonnesAsync(ids, ct);
        var lignes = personnes
            .Select(p => notes.TryGetValue(p.Id, out var n)
                ? new LigneGrille(p.Id, p.Nom, p.Prenom, n.Valeur, n.Marqueur, n.Commentaire)
                : new LigneGrille(p.Id, p.Nom, p.Prenom, null, null, null))
            .ToArray();
        return new GrilleNotes(evaluation, service.Matiere, service.Libelle, nonRenduZero, lignes);
    }
}
