using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Database;
using Ent.Kernel.Rgpd;

namespace Ent.Communication.Rgpd;

/// <summary>
/// Communication's share of an RGPD export (section « communication »).
/// <list type="bullet">
/// <item>One's own export: the conversations one takes part in (every message of them, as the messaging shows them),
/// one's notifications and notification settings, the reports one filed with their exchanges, the consent forms one
/// signed (with the network address), and the elections one voted in — the day only: the ballot is secret and Ent
/// holds no link between a voter and a choice.</item>
/// <item>A guardian's export of a child: the notifications about the child (to whichever guardian), and every guardian's
/// answers to the consent forms about the child (without the other guardian's address). The child's own conversations
/// and reports are the child's correspondence with the school: not in the guardians' export (as in the app).</item>
/// </list>
/// </summary>
internal sealed class ContributionCommunication(EntDatabase db, IAnnuaire annuaire) : IContributionExport
{
    public string Section => "communication";

    public async Task ContribuerAsync(SujetExport sujet, IDossierExport dossier, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var p = new { id = sujet.PersonneId, demandeur = sujet.DemandeurId };
        if (!sujet.Soi)
        {
            var notificationsEnfant = (await conn.QueryAsync(new CommandDefinition("""
                SELECT categorie, titre, texte, cree_le, lue_le FROM communication.notification
                WHERE eleve_id = @id AND destinataire_id = @demandeur ORDER BY cree_le, id
                """, p, cancellationToken: ct))).AsList();
            var reponses = (await conn.QueryAsync(new CommandDefinition("""
                SELECT c.titre, c.lieu, c.debut, c.fin, r.accord, r.nom_signataire, r.signee_le, r.attestation,
                       CASE WHEN r.responsable_id = @demandeur THEN host(r.adresse) END AS adresse
                FROM communication.consentement_reponse r JOIN communication.consentement c ON c.id = r.consentement_id
                WHERE r.eleve_id = @id ORDER BY r.signee_le, r.id
                """, p, cancellationToken: ct))).AsList();
            await dossier.EcrireJsonAsync("notifications.json", notificationsEnfant, ct);
            await dossier.EcrireJsonAsync("autorisations-sorties-et-projets.json", reponses, ct);
            dossier.Resumer("Communication", [
                $"{notificationsEnfant.Count} notification(s) reçue(s) à propos de l'enfant.",
                $"{reponses.Count} réponse(s) signée(s) à des demandes d'autorisation (sorties, projets).",
                "Les messages et signalements de l'élève restent sa correspondance avec l'établissement : ils ne figurent pas dans cet export.",
            ]);
            return;
        }

        var conversations = (await conn.QueryAsync<Conversation>(new CommandDefinition("""
            SELECT c.id, c.sujet, c.cree_le FROM communication.participant pa JOIN communication.conversation c ON c.id = pa.conversation_id
            WHERE pa.personne_id = @id ORDER BY c.cree_le, c.id
            """, p, cancellationToken: ct))).AsList();
        var messages = (await conn.QueryAsync<Message>(new CommandDefinition("""
            SELECT m.conversation_id AS parent_id, m.auteur_id, m.envoye_le, m.texte
            FROM communication.participant pa JOIN communication.message m ON m.conversation_id = pa.conversation_id
            WHERE pa.personne_id = @id ORDER BY m.envoye_le, m.id
            """, p, cancellationToken: ct))).AsList();
        var notifications = (await conn.QueryAsync(new CommandDefinition("""
            SELECT categorie, titre, texte, cree_le, lue_le FROM communication.notification
            WHERE destinataire_id = @id ORDER BY cree_le, id
            """, p, cancellationToken: ct))).AsList();
        var preferences = (await conn.QueryAsync(new CommandDefinition(
            "SELECT sms, courriel, application, modifie_le FROM communication.preference_notification WHERE personne_id = @id",
            p, cancellationToken: ct))).AsList();
        var signalements = (await conn.QueryAsync(new CommandDefinition("""
            SELECT d.id, d.titre, d.etat, d.confidentiel, d.depose_le, d.reponses::text AS reponses
            FROM communication.dossier_signalement d WHERE d.depose_par = @id ORDER BY d.depose_le, d.id
            """, p, cancellationToken: ct))).AsList();
        var echanges = (await conn.QueryAsync<Message>(new CommandDefinition("""
            SELECT m.dossier_id AS parent_id, m.auteur_id, m.envoye_le, m.texte
            FROM communication.dossier_signalement d JOIN communication.dossier_signalement_message m ON m.dossier_id = d.id
            WHERE d.depose_par = @id ORDER BY m.envoye_le, m.id
            """, p, cancellationToken: ct))).AsList();
        var signatures = (await conn.QueryAsync(new CommandDefinition("""
            SELECT c.titre, c.lieu, c.debut, c.fin, r.eleve_id, r.accord, r.nom_signataire, r.signee_le,
                   r.attestation, host(r.adresse) AS adresse
            FROM communication.consentement_reponse r JOIN communication.consentement c ON c.id = r.consentement_id
            WHERE r.responsable_id = @id ORDER BY r.signee_le, r.id
            """, p, cancellationToken: ct))).AsList();
        var votes = (await conn.QueryAsync(new CommandDefinition("""
            SELECT el.titre, em.vote_le::date AS a_vote_le
            FROM communication.election_emargement em JOIN communication.election el ON el.id = em.election_id
            WHERE em.personne_id = @id ORDER BY em.vote_le
            """, p, cancellationToken: ct))).AsList();

        // The authors' names through the directory (Communication reads no other module's tables).
        var noms = (await annuaire.TrouverPersonnesAsync([.. messages.Concat(echanges).Select(m => m.AuteurId).Distinct()], ct))
            .ToDictionary(n => n.Id, n => $"{n.Prenom} {n.Nom}");
        List<Dictionary<string, object?>> Fil(IEnumerable<Message> fil) => [.. fil.Select(m => new Dictionary<string, object?>
        {
            ["auteur"] = noms.GetValueOrDefault(m.AuteurId), ["envoyeLe"] = ZipDate(m.EnvoyeLe), ["texte"] = m.Texte,
        })];
        var parConversation = messages.ToLookup(m => m.ParentId);
        await dossier.EcrireJsonAsync("conversations.json", conversations.Select(c => new Dictionary<string, object?>
        {
            ["id"] = c.Id, ["sujet"] = c.Sujet, ["creeLe"] = c.CreeLeUtc, ["messages"] = Fil(parConversation[c.Id]),
        }).ToList(), ct);
        await dossier.EcrireJsonAsync("notifications.json", notifications, ct);
        await dossier.EcrireJsonAsync("preferences.json", preferences, ct);
        var parDossier = echanges.ToLookup(m => m.ParentId);
        await dossier.EcrireJsonAsync("signalements.json", signalements.Select(s => new Dictionary<string, object?>
        {
            ["id"] = s.id, ["titre"] = s.titre, ["etat"] = s.etat, ["confidentiel"] = s.confidentiel, ["deposeLe"] = ZipDate(s.depose_le),
            ["reponses"] = System.Text.Json.JsonDocument.Parse((string)s.reponses).RootElement.Clone(),
            ["echanges"] = Fil(parDossier[(Guid)s.id]),
        }).ToList(), ct);
        await dossier.EcrireJsonAsync("autorisations-sorties-et-projets.json", signatures, ct);
        await dossier.EcrireJsonAsync("elections.json", votes, ct);
        dossier.Resumer("Communication", [
            $"{conversations.Count} conversation(s) et {notifications.Count} notification(s).",
            $"{signalements.Count} signalement(s) déposé(s) et {signatures.Count} réponse(s) signée(s) à des demandes d'autorisation.",
            $"{votes.Count} élection(s) où vous avez voté (le vote est secret : Ent ne garde aucun lien entre vous et votre choix).",
        ]);
    }

    private sealed record Conversation(Guid Id, string? Sujet, DateTime CreeLe)
    {
        public DateTimeOffset CreeLeUtc => new(DateTime.SpecifyKind(CreeLe, DateTimeKind.Utc));
    }

    private sealed record Message(Guid ParentId, Guid AuteurId, DateTime EnvoyeLe, string Texte);

    private static DateTimeOffset? ZipDate(object? valeur) => valeur is DateTime d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null;
}
