using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Communication.Notifications;

/// <summary>
/// New grades → an in-app notification for the pupil and each legal guardian, in Scolarité's transaction. One
/// notification per recipient and assessment: a correction refreshes it (unread again) rather than adding another.
/// Later issues add SMS and e-mail by the family's preferences.
/// </summary>
internal sealed class NotificationsNotes(IAnnuaire annuaire) : IGestionnaireEvenement<NotesPubliees>
{
    // One statement for the whole class (a list handed to Dapper would run one INSERT per recipient, ~90 round trips
    // while the assessment's row is locked: the benchmark of #6 measured it).
    private const string Sql = """
        INSERT INTO communication.notification (id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, visible_le)
        SELECT n.id, n.destinataire_id, n.eleve_id, 'notes', @titre, n.texte, n.lien, n.cle, @visibleLe
        FROM unnest(@ids, @destinataires, @eleves, @textes, @liens, @cles) AS n(id, destinataire_id, eleve_id, texte, lien, cle)
        ON CONFLICT (destinataire_id, cle) DO UPDATE
        SET titre = excluded.titre, texte = excluded.texte, visible_le = excluded.visible_le, lue_le = NULL
        """;

    public async Task TraiterAsync(NotesPubliees evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        if (evenement.EleveIds.Count == 0)
        {
            return;
        }

        var eleves = (await annuaire.TrouverPersonnesAsync(evenement.EleveIds, ct)).ToDictionary(e => e.Id);
        var responsables = await annuaire.ListerResponsablesLegauxAsync(evenement.EleveIds, ct);
        var destinataires = evenement.EleveIds.Where(eleves.ContainsKey).Select(e => (Destinataire: e, Eleve: e))
            .Concat(responsables.Where(r => eleves.ContainsKey(r.EleveId)).Select(r => (Destinataire: r.ResponsableId, Eleve: r.EleveId)));

        var lignes = destinataires.ToList();
        await connexion.ExecuteAsync(new CommandDefinition(Sql, new
        {
            ids = lignes.Select(_ => Guid.CreateVersion7()).ToArray(),
            destinataires = lignes.Select(d => d.Destinataire).ToArray(),
            eleves = lignes.Select(d => d.Eleve).ToArray(),
            titre = $"Nouvelle note en {evenement.Matiere}",
            // The pupil reads about themself; a guardian reads which child it is about.
            textes = lignes.Select(d => d.Destinataire == d.Eleve
                ? $"« {evenement.Titre} » : ta note est disponible."
                : $"« {evenement.Titre} » : la note de {eleves[d.Eleve].Prenom} est disponible.").ToArray(),
            liens = lignes.Select(d => LiensFamille.Note(d.Eleve, evenement.PeriodeId, evenement.MatiereCode, evenement.EvaluationId)).ToArray(),
            cles = lignes.Select(d => $"notes:{evenement.EvaluationId}:{d.Eleve}").ToArray(),
            visibleLe = evenement.VisibleLe,
        }, transaction, cancellationToken: ct));
    }
}
