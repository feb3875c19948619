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
    private const string Sql = """
        INSERT INTO communication.notification (id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, visible_le)
        VALUES (@Id, @DestinataireId, @EleveId, 'notes', @Titre, @Texte, @Lien, @Cle, @VisibleLe)
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

        var lignes = destinataires.Select(d => new
        {
            Id = Guid.CreateVersion7(),
            DestinataireId = d.Destinataire,
            EleveId = d.Eleve,
            Titre = $"Nouvelle note en {evenement.Matiere}",
            // The pupil reads about themself; a guardian reads which child it is about.
            Texte = d.Destinataire == d.Eleve
                ? $"« {evenement.Titre} » : ta note est disponible."
                : $"« {evenement.Titre} » : la note de {eleves[d.Eleve].Prenom} est disponible.",
            Lien = $"/notes?eleve={d.Eleve}",
            Cle = $"notes:{evenement.EvaluationId}:{d.Eleve}",
            evenement.VisibleLe,
        });
        await connexion.ExecuteAsync(new CommandDefinition(Sql, lignes, transaction, cancellationToken: ct));
    }
}
