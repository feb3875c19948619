using Dapper;
using Ent.Identite.Contracts;
using Ent.Scolarite.Enseignement;
using Ent.Scolarite.Notes;
using Npgsql;

namespace Ent.Scolarite.Appreciations;

/// <summary>A pupil of the service for the period: their average and the teacher's appraisal.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="Nom">Surname.</param>
/// <param name="Prenom">First name.</param>
/// <param name="Moyenne">Their average in the service (/20), null when nothing counts.</param>
/// <param name="Appreciation">The appraisal, if written.</param>
internal sealed record AppreciationEleve(Guid EleveId, string Nom, string Prenom, decimal? Moyenne, string? Appreciation);

/// <summary>A service's appraisals for a period, with the averages they are written from.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="PeriodeId">The period.</param>
/// <param name="Matiere">Subject name.</param>
/// <param name="Libelle">The class's or group's name.</param>
/// <param name="MoyenneClasse">Mean of the pupils' averages.</param>
/// <param name="Eleves">The pupils taught, by name.</param>
internal sealed record AppreciationsService(Guid ServiceId, Guid PeriodeId, string Matiere, string Libelle, decimal? MoyenneClasse, AppreciationEleve[] Eleves)
{
    private const string Sql = """
        SELECT id, service_id, date, titre, bareme, coefficient, mode, compte_dans_moyenne, publication
        FROM scolarite.evaluation WHERE service_id = @serviceId AND periode_id = @periodeId;
        SELECT n.evaluation_id, n.eleve_id, n.valeur, n.marqueur, n.commentaire, n.saisie_le
        FROM scolarite.note n JOIN scolarite.evaluation e ON e.id = n.evaluation_id
        WHERE e.service_id = @serviceId AND e.periode_id = @periodeId;
        SELECT eleve_id, texte FROM scolarite.appreciation WHERE service_id = @serviceId AND periode_id = @periodeId;
        SELECT non_rendu = 'zero' FROM scolarite.parametres_notation WHERE etablissement_id = @etablissementId;
        """;

    public static async Task<AppreciationsService> ChargerAsync(NpgsqlConnection conn, ServiceEnseignant service, Guid periodeId, IAnnuaire annuaire,
        CancellationToken ct)
    {
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
            new { serviceId = service.Id, periodeId, etablissementId = service.EtablissementId }, cancellationToken: ct));
        var evaluations = (await lecture.ReadAsync<EvaluationNotes>()).AsList();
        var notes = (await lecture.ReadAsync<NoteEleve>()).ToDictionary(n => (n.EvaluationId, n.EleveId));
        var appreciations = (await lecture.ReadAsync<(Guid EleveId, string Texte)>()).ToDictionary(a => a.EleveId, a => a.Texte);
        var nonRenduZero = await lecture.ReadSingleOrDefaultAsync<bool>();

        var eleves = await service.ElevesAsync(conn, ct);
        var personnes = await annuaire.TrouverPersonnesAsync(eleves, ct);
        var lignes = personnes
            .Select(p => new AppreciationEleve(p.Id, p.Nom, p.Prenom,
                Moyennes.MoyenneMatiere(evaluations.Select(e => (e.Calcul, notes.GetValueOrDefault((e.Id, p.Id))?.Resultat ?? new Resultat(null, null))),
                    nonRenduZero),
                appreciations.GetValueOrDefault(p.Id)))
            .ToArray();
        return new AppreciationsService(service.Id, periodeId, service.Matiere, service.Libelle, Moyennes.Stats(lignes.Select(l => l.Moyenne)).Moyenne, lignes);
    }
}
