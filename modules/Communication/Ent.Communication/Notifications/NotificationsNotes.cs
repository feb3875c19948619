using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Communication.Notifications;

/// <summary>
/// New grades → an in-app notification for the pupil and each legal guardian, in Scolarité's transaction. One
/// notification per recipient and assessment: a correction refreshes it (unread again) rather than adding another.
/// Later issues add SMS and e-mail by the family's preferences. Those who chose push for grades (issue 19) get one push
/// per assessment, when the grades become visible (a correction does not push again).
/// </summary>
internal sealed class NotificationsNotes(IAnnuaire annuaire, Push.DestinatairesPush push, TimeProvider clock) : IGestionnaireEvenement<NotesPubliees>
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

    // The push leaves when the grades become visible (not before: it would tell what the pupil may not see yet).
    private const string PushSql = """
        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, eleve_id, categorie, lien, cree_le, prochaine_tentative)
        SELECT gen_random_uuid(), 'push', NULL, n.destinataire_id, @titre, n.texte, n.cle, n.eleve_id, 'notes', n.lien, @maintenant,
               greatest(@maintenant, @visibleLe)
        FROM unnest(@destinataires, @eleves, @textes, @liens, @cles) AS n(destinataire_id, eleve_id, texte, lien, cle)
        ON CONFLICT (cle_idempotence) DO NOTHING
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

        var pousses = await push.ChoisirAsync(connexion, transaction, lignes.Select(d => d.Destinataire), Push.GenrePush.Notes, ct);
        var poussees = lignes.Where(d => pousses.Contains(d.Destinataire)).ToList();
        if (poussees.Count == 0)
        {
            return;
        }

        await connexion.ExecuteAsync(new CommandDefinition(PushSql, new
        {
            destinataires = poussees.Select(d => d.Destinataire).ToArray(),
            eleves = poussees.Select(d => d.Eleve).ToArray(),
            titre = $"Nouvelle note en {evenement.Matiere}",
            textes = poussees.Select(d => d.Destinataire == d.Eleve
                ? $"« {evenement.Titre} » : ta note est disponible."
                : $"« {evenement.Titre} » : la note de {eleves[d.Eleve].Prenom} est disponible.").ToArray(),
            liens = poussees.Select(d => LiensFamille.Note(d.Eleve, evenement.PeriodeId, evenement.MatiereCode, evenement.EvaluationId)).ToArray(),
            cles = poussees.Select(d => $"notes:{evenement.EvaluationId}:{d.Eleve}:{d.Destinataire}:push").ToArray(),
            maintenant = clock.GetUtcNow(),
            visibleLe = evenement.VisibleLe,
        }, transaction, cancellationToken: ct));
    }
}
