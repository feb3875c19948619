using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ent.Testing;
using static Ent.Communication.Tests.Messagerie.Reponses;

namespace Ent.Communication.Tests.Messagerie;

/// <summary>
/// Conversations from both ends: a family writes to their child's teacher with an attachment, the teacher answers, the
/// family is notified in the application and reads; read state per recipient, search, archive, drafts; anyone outside a
/// conversation gets 404 for it, its answers and its files; a report reaches the head with the message, sender and
/// time, and the head's block stops the sender.
/// </summary>
public sealed class ConversationsTests(MessagerieApp app) : IClassFixture<MessagerieApp>
{
    private static readonly string[] Etrangers = ["camarade", "parent du camarade", "autre enseignant", "cpe", "direction", "infirmerie", "région"];

    private static MultipartFormDataContent Fichier(byte[] octets, string nom)
    {
        var contenu = new ByteArrayContent(octets);
        contenu.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { contenu, "fichier", nom } };
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();

    private async Task<Guid> DeposerAsync(string qui)
    {
        var reponse = await app.Client(qui).PostAsync("/api/communication/me/messagerie/pieces-jointes", Fichier(Pdf, "certificat.pdf"));
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return (Guid)(await reponse.ReadJsonAsync())["id"]!;
    }

    private async Task<Conversation> LireAsync(string qui, Guid id) =>
        await (await app.Client(qui).GetAsync($"/api/communication/me/conversations/{id}")).ReadAsync<Conversation>();

    [Fact]
    public async Task A_family_writes_with_an_attachment_the_teacher_answers_and_the_family_is_notified_and_reads()
    {
        var piece = await DeposerAsync("parent");
        var envoi = await app.EnvoyerAsync("parent", [app.Ids["enseignant"]], "Absence de vendredi",
            "Bonjour, voici le certificat. <script>alert(1)</script> Voir https://exemple.org/a?b=1", piecesJointes: [piece]);
        Assert.Equal(HttpStatusCode.Created, envoi.StatusCode);
        var id = Assert.Single((await envoi.ReadAsync<Envoye>()).Conversations);

        // The teacher sees it unread in the inbox, reads it as plain text (HTML kept as text), downloads the file.
        var boite = await (await app.Client("enseignant").GetAsync("/api/communication/me/conversations")).ReadAsync<MesConversations>();
        var resume = boite.Conversations.Single(c => c.Id == id);
        Assert.Equal(1, resume.NonLus);
        Assert.True(boite.NonLues >= 1);
        var conversation = await LireAsync("enseignant", id);
        var message = Assert.Single(conversation.Messages);
        Assert.Contains("<script>alert(1)</script>", message.Texte, StringComparison.Ordinal);
        var pj = Assert.Single(message.PiecesJointes);
        Assert.Equal("application/pdf", pj.TypeContenu);
        var telechargement = await app.Client("enseignant").GetAsync($"/api/communication/messagerie/pieces-jointes/{pj.Id}");
        Assert.Equal(HttpStatusCode.OK, telechargement.StatusCode);
        Assert.Equal(Pdf, await telechargement.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", telechargement.Headers.GetValues("X-Content-Type-Options").Single());

        // Not read yet by the teacher: the family's message shows no reader; once read, it does.
        Assert.Empty((await LireAsync("parent", id)).Messages.Single().LuPar);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("enseignant").PostAsync($"/api/communication/me/conversations/{id}/lecture", null)).StatusCode);
        var nomEnseignant = await app.ScalarAsync<string>("SELECT prenom || ' ' || nom FROM identite.personne WHERE id = @id", new { id = app.Ids["enseignant"] });
        Assert.Equal([nomEnseignant], (await LireAsync("parent", id)).Messages.Single().LuPar);

        // The teacher answers: the family is notified in the application (never by SMS) and reads it.
        var reponse = await app.Client("enseignant").PostAsJsonAsync($"/api/communication/me/conversations/{id}/messages",
            new { texte = "Merci, bien reçu. Bon rétablissement !" });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM communication.message_sortant WHERE categorie = 'messagerie' AND canal <> 'application'"));
        Assert.Equal(1L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM communication.message_sortant
            WHERE categorie = 'messagerie' AND personne_id = @parent AND lien = @lien
            """, new { parent = app.Ids["parent"], lien = $"/messagerie/{id}" }));
        // The outbox stamps its rows with the application's (here pinned) clock, the one its worker reads: delivered at once.
        var limite = DateTime.UtcNow.AddSeconds(20);
        while (await app.ScalarAsync<long>("SELECT count(*) FROM communication.notification WHERE destinataire_id = @parent AND lien = @lien",
                   new { parent = app.Ids["parent"], lien = $"/messagerie/{id}" }) == 0)
        {
            Assert.True(DateTime.UtcNow < limite, "La notification n'est pas arrivée.");
            await Task.Delay(50);
        }

        var notifications = await (await app.Client("parent").GetAsync("/api/communication/me/notifications?limite=100")).ReadJsonAsync();
        Assert.Contains(notifications["notifications"]!.AsArray(), n => (string?)n!["lien"] == $"/messagerie/{id}" && (bool)n["lue"]! == false);
        var lue = await LireAsync("parent", id);
        Assert.Equal(["Bonjour, voici le certificat. <script>alert(1)</script> Voir https://exemple.org/a?b=1", "Merci, bien reçu. Bon rétablissement !"],
            lue.Messages.Select(m => m.Texte));
        Assert.True(lue.PeutRepondre);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").PostAsync($"/api/communication/me/conversations/{id}/lecture", null)).StatusCode);
        Assert.Equal(0, (await (await app.Client("parent").GetAsync("/api/communication/me/conversations")).ReadAsync<MesConversations>())
            .Conversations.Single(c => c.Id == id).NonLus);
        notifications = await (await app.Client("parent").GetAsync("/api/communication/me/notifications?limite=100")).ReadJsonAsync();
        Assert.All(notifications["notifications"]!.AsArray().Where(n => (string?)n!["lien"] == $"/messagerie/{id}"), n => Assert.True((bool)n!["lue"]!));

        // Anyone outside the conversation: 404 for it, its answers, its marks, its files.
        foreach (var qui in Etrangers)
        {
            var client = app.Client(qui);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/communication/me/conversations/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/communication/me/conversations/{id}/messages", new { texte = "Intrus" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/communication/me/conversations/{id}/lecture", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/communication/me/conversations/{id}/archive", new { archivee = true })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/communication/messagerie/pieces-jointes/{pj.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(
                $"/api/communication/me/conversations/{id}/messages/{message.Id}/signalement", new { motif = "Intrus" })).StatusCode);
            Assert.DoesNotContain((await (await client.GetAsync("/api/communication/me/conversations?q=certificat")).ReadAsync<MesConversations>()).Conversations,
                c => c.Id == id);
        }

        // Nobody attaches another's file.
        var vol = await app.EnvoyerAsync("enseignant", [app.Ids["parent"]], "Pièce volée", piecesJointes: [piece]);
        Assert.Equal(HttpStatusCode.NotFound, vol.StatusCode);
    }

    [Fact]
    public async Task A_file_is_checked_on_its_content()
    {
        var faux = await app.Client("parent").PostAsync("/api/communication/me/messagerie/pieces-jointes", Fichier("MZ\x90\0 exécutable"u8.ToArray(), "certificat.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, faux.StatusCode);
        Assert.Contains("quel que soit son nom", await faux.TexteAsync(), StringComparison.Ordinal);
        var vide = await app.Client("parent").PostAsync("/api/communication/me/messagerie/pieces-jointes", Fichier([], "vide.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, vide.StatusCode);
    }

    [Fact]
    public async Task A_message_to_several_families_gives_each_their_own_conversation()
    {
        var envoi = await app.EnvoyerAsync("enseignant", [app.Ids["parent"], app.Ids["parent du camarade"]], "Réunion", "Réunion jeudi à 18 h.");
        var ids = (await envoi.ReadAsync<Envoye>()).Conversations;
        Assert.Equal(2, ids.Length);
        var boite = await (await app.Client("parent").GetAsync("/api/communication/me/conversations")).ReadAsync<MesConversations>();
        var vue = await LireAsync("parent", Assert.Single(boite.Conversations, c => ids.Contains(c.Id)).Id);
        Assert.DoesNotContain(vue.Participants, p => p.Id == app.Ids["parent du camarade"]);
        Assert.Equal(2, vue.Participants.Length);

        // Staff together share one conversation.
        var equipe = await app.EnvoyerAsync("enseignant", [app.Ids["cpe"], app.Ids["direction"]], "Conseil", "Conseil de classe mardi.");
        var conversation = Assert.Single((await equipe.ReadAsync<Envoye>()).Conversations);
        Assert.Equal(3, (await LireAsync("cpe", conversation)).Participants.Length);
    }

    [Fact]
    public async Task Search_archive_and_drafts_are_each_persons_own()
    {
        var id = (await (await app.EnvoyerAsync("parent", [app.Ids["cpe"]], "Cantine", "Question sur le menu végétarien de la cantine."))
            .ReadAsync<Envoye>()).Conversations[0];
        Assert.Contains((await (await app.Client("parent").GetAsync("/api/communication/me/conversations?q=v%C3%A9g%C3%A9tarien")).ReadAsync<MesConversations>()).Conversations,
            c => c.Id == id);
        Assert.Empty((await (await app.Client("parent").GetAsync("/api/communication/me/conversations?q=introuvable-zzz")).ReadAsync<MesConversations>()).Conversations);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").PutAsJsonAsync($"/api/communication/me/conversations/{id}/archive", new { archivee = true })).StatusCode);
        Assert.DoesNotContain((await (await app.Client("parent").GetAsync("/api/communication/me/conversations")).ReadAsync<MesConversations>()).Conversations, c => c.Id == id);
        Assert.Contains((await (await app.Client("parent").GetAsync("/api/communication/me/conversations?dossier=archives")).ReadAsync<MesConversations>()).Conversations, c => c.Id == id);
        // Archived for the family only; an answer brings it back.
        Assert.Contains((await (await app.Client("cpe").GetAsync("/api/communication/me/conversations")).ReadAsync<MesConversations>()).Conversations, c => c.Id == id);
        await app.Client("cpe").PostAsJsonAsync($"/api/communication/me/conversations/{id}/messages", new { texte = "Oui, chaque jeudi." });
        Assert.Contains((await (await app.Client("parent").GetAsync("/api/communication/me/conversations")).ReadAsync<MesConversations>()).Conversations, c => c.Id == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client("parent").GetAsync("/api/communication/me/conversations?dossier=corbeille")).StatusCode);

        var brouillon = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").PutAsJsonAsync($"/api/communication/me/brouillons/{brouillon}",
            new { destinataires = new[] { app.Ids["enseignant"] }, sujet = "Brouillon", texte = "À finir" })).StatusCode);
        var brouillons = await (await app.Client("parent").GetAsync("/api/communication/me/brouillons")).ReadJsonAsync();
        Assert.Equal("À finir", (string?)brouillons.AsArray().Single(b => (Guid)b!["id"]! == brouillon)!["texte"]);
        Assert.DoesNotContain((await (await app.Client("enseignant").GetAsync("/api/communication/me/brouillons")).ReadJsonAsync()).AsArray(),
            b => (Guid)b!["id"]! == brouillon);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client("enseignant").PutAsJsonAsync($"/api/communication/me/brouillons/{brouillon}", new { texte = "Volé" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client("enseignant").DeleteAsync($"/api/communication/me/brouillons/{brouillon}")).StatusCode);

        // Sending from the draft deletes it.
        var envoi = await app.Client("parent").PostAsJsonAsync("/api/communication/me/conversations", new
        {
            destinataires = new[] { app.Ids["enseignant"] }, sujet = "Brouillon", texte = "Fini", brouillonId = brouillon,
        });
        Assert.Equal(HttpStatusCode.Created, envoi.StatusCode);
        Assert.DoesNotContain((await (await app.Client("parent").GetAsync("/api/communication/me/brouillons")).ReadJsonAsync()).AsArray(),
            b => (Guid)b!["id"]! == brouillon);
    }

    [Fact]
    public async Task A_report_reaches_the_head_who_blocks_the_sender()
    {
        try
        {
            var id = (await (await app.EnvoyerAsync("enseignant", [app.Ids["parent"]], "Remarque", "Un message déplacé."))
                .ReadAsync<Envoye>()).Conversations[0];
            var message = (await LireAsync("parent", id)).Messages.Single();

            // One's own message cannot be reported; the recipient's report reaches the head.
            Assert.Equal(HttpStatusCode.NotFound, (await app.Client("enseignant").PostAsJsonAsync(
                $"/api/communication/me/conversations/{id}/messages/{message.Id}/signalement", new { motif = "Moi" })).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await app.Client("parent").PostAsJsonAsync(
                $"/api/communication/me/conversations/{id}/messages/{message.Id}/signalement", new { motif = "" })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").PostAsJsonAsync(
                $"/api/communication/me/conversations/{id}/messages/{message.Id}/signalement", new { motif = "Propos déplacés" })).StatusCode);
            Assert.Equal(1L, await app.ScalarAsync<long>(
                "SELECT count(*) FROM communication.message_sortant WHERE categorie = 'signalement' AND personne_id = @direction",
                new { direction = app.Ids["direction"] }));

            const string Moderation = "/api/communication/etablissements/0750000A/messagerie/moderation";
            var vue = await (await app.Client("direction").GetAsync(Moderation)).ReadAsync<VueModeration>();
            var signalement = vue.Signalements.Single(s => s.Sujet == "Remarque");
            Assert.Equal("Un message déplacé.", signalement.Texte);
            Assert.Equal(app.Ids["enseignant"], signalement.ExpediteurId);
            Assert.Equal(message.EnvoyeLe, signalement.EnvoyeLe);
            Assert.Equal("Propos déplacés", signalement.Motif);
            Assert.False(signalement.Traite);
            foreach (var qui in new[] { "cpe", "enseignant", "parent", "infirmerie", "région" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await app.Client(qui).GetAsync(Moderation)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await app.Client(qui).PutAsJsonAsync(
                    $"/api/communication/etablissements/0750000A/messagerie/blocages/{app.Ids["enseignant"]}", new { motif = "Non" })).StatusCode);
            }

            // The head blocks the sender: their sending stops, with the reason; lifted, it resumes.
            Assert.Equal(HttpStatusCode.NoContent, (await app.Client("direction").PutAsJsonAsync(
                $"/api/communication/etablissements/0750000A/messagerie/blocages/{app.Ids["enseignant"]}", new { motif = "Après signalement." })).StatusCode);
            var refus = await app.EnvoyerAsync("enseignant", [app.Ids["cpe"]], "Bloqué");
            Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);
            Assert.Contains("Après signalement.", await refus.TexteAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await app.Client("enseignant").PostAsJsonAsync($"/api/communication/me/conversations/{id}/messages",
                new { texte = "Encore" })).StatusCode);
            Assert.True((await (await app.Client("direction").GetAsync(Moderation)).ReadAsync<VueModeration>()).Signalements.Single(s => s.Id == signalement.Id).ExpediteurBloque);

            Assert.Equal(HttpStatusCode.NoContent, (await app.Client("direction").PostAsync(
                $"/api/communication/etablissements/0750000A/messagerie/signalements/{signalement.Id}/traitement", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await app.Client("direction").DeleteAsync(
                $"/api/communication/etablissements/0750000A/messagerie/blocages/{app.Ids["enseignant"]}")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("enseignant", [app.Ids["cpe"]], "Débloqué")).StatusCode);
            Assert.True((await (await app.Client("direction").GetAsync(Moderation)).ReadAsync<VueModeration>()).Signalements.Single(s => s.Id == signalement.Id).Traite);
        }
        finally
        {
            await app.RetablirAsync();
        }
    }
}
