using System.Net;
using System.Net.Http.Json;
using Ent.Testing;
using static Ent.Communication.Tests.Messagerie.Reponses;

namespace Ent.Communication.Tests.Messagerie;

/// <summary>
/// Who may write to whom is data: each default rule allows its pairs and every other pair is refused with 404 (a forged
/// recipient is an unknown one), the picker offering exactly what the server accepts; an administrator's edit takes
/// effect at once; the head's and the region's switches stop a profile's sending with a reason shown to them, reading
/// stays possible; the hourly limits and the class-sized cap hold.
/// </summary>
public sealed class ReglesMessagerieTests(MessagerieApp app) : IClassFixture<MessagerieApp>
{
    private const string Regles = "/api/communication/etablissements/0750000A/messagerie/regles";

    /// <summary>The default rules' matrix: sender, recipient, allowed.</summary>
    public static TheoryData<string, string, bool> Matrice() => new()
    {
        // Families ↔ their children's teachers, the CPE and the direction.
        { "parent", "enseignant", true },
        { "parent", "cpe", true },
        { "parent", "direction", true },
        { "enseignant", "parent", true },
        { "cpe", "parent", true },
        { "direction", "parent", true },
        // Pupils → their teachers and the vie scolaire desk.
        { "élève", "enseignant", true },
        { "élève", "cpe", true },
        // Teachers ↔ staff; teachers → the pupils they teach; the desk → pupils.
        { "enseignant", "autre enseignant", true },
        { "enseignant", "cpe", true },
        { "enseignant", "direction", true },
        { "enseignant", "infirmerie", true },
        { "infirmerie", "enseignant", true },
        { "enseignant", "élève", true },
        { "cpe", "élève", true },
        { "direction", "élève", true },
        // Refused: no pupil ↔ pupil, no family ↔ another family, nobody beyond their links.
        { "élève", "camarade", false },
        { "camarade", "élève", false },
        { "parent", "parent du camarade", false },
        { "parent du camarade", "parent", false },
        { "parent", "camarade", false },
        { "parent", "autre enseignant", false },
        { "élève", "autre enseignant", false },
        { "élève", "parent", false },
        { "élève", "direction", false },
        { "élève", "infirmerie", false },
        { "autre enseignant", "élève", false },
        { "autre enseignant", "parent", false },
        { "infirmerie", "parent", false },
        { "infirmerie", "élève", false },
    };

    [Theory]
    [MemberData(nameof(Matrice))]
    public async Task Each_default_rule_allows_its_pairs_and_refuses_the_others(string expediteur, string destinataire, bool autorise)
    {
        // The picker, searched by the recipient's name (a teacher's list is long: the picker lists 100 at most).
        var nom = await app.ScalarAsync<string>("SELECT nom FROM identite.personne WHERE id = @id", new { id = app.Ids[destinataire] });
        var possibles = await (await app.Client(expediteur).GetAsync($"/api/communication/me/messagerie/destinataires?q={Uri.EscapeDataString(nom)}"))
            .ReadAsync<Destinataires>();
        Assert.False(possibles.Tronque);
        Assert.Equal(autorise, possibles.Personnes.Any(p => p.Id == app.Ids[destinataire]));

        var reponse = await app.EnvoyerAsync(expediteur, [app.Ids[destinataire]], $"Matrice {expediteur} → {destinataire}");
        Assert.Equal(autorise ? HttpStatusCode.Created : HttpStatusCode.NotFound, reponse.StatusCode);
        if (!autorise)
        {
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await reponse.ReadJsonAsync())["type"]);
            // Nothing half-written: no conversation with that subject.
            Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM communication.conversation WHERE sujet = @sujet",
                new { sujet = $"Matrice {expediteur} → {destinataire}" }));
        }
    }

    [Fact]
    public async Task A_family_sees_their_childs_teachers_with_the_subject_and_the_child()
    {
        var possibles = await (await app.Client("parent").GetAsync("/api/communication/me/messagerie/destinataires")).ReadAsync<Destinataires>();
        var prenom = await app.ScalarAsync<string>("SELECT prenom FROM identite.personne WHERE id = @id", new { id = app.Ids["élève"] });
        var enseignant = possibles.Personnes.Single(p => p.Id == app.Ids["enseignant"]);
        Assert.Contains("Mathématiques", enseignant.Qualite, StringComparison.Ordinal);
        Assert.Contains(prenom, enseignant.Qualite, StringComparison.Ordinal);
        Assert.Empty(possibles.Groupes);
        // A forged group is refused as a forged person is.
        var reponse = await app.Client("parent").PostAsJsonAsync("/api/communication/me/conversations",
            new { destinataires = Array.Empty<Guid>(), groupes = new[] { $"responsable:{app.ClasseId}" }, sujet = "Groupe", texte = "Bonjour" });
        Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
    }

    [Fact]
    public async Task An_administrators_edit_of_a_rule_takes_effect_at_once_and_others_cannot_edit()
    {
        try
        {
            var avant = await (await app.Client("direction").GetAsync(Regles)).ReadAsync<ReglesEtablissement>();
            Assert.True(avant.ParDefaut);
            Assert.Equal(36, avant.Regles.Length);
            Assert.Equal("aucune", avant.Regles.Single(r => r is { Expediteur: "eleve", Destinataire: "eleve" }).Portee);

            // Pupils may now write to their classmates.
            var ouvertes = avant.Regles.Select(r => r is { Expediteur: "eleve", Destinataire: "eleve" } ? r with { Portee = "liens" } : r).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await app.Client("direction").PutAsJsonAsync(Regles, new { regles = ouvertes })).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("élève", [app.Ids["camarade"]], "Entre camarades")).StatusCode);

            // And the teachers may no longer write to the families: refused at once, and gone from the picker.
            var fermees = ouvertes.Select(r => r is { Expediteur: "enseignant", Destinataire: "responsable" } ? r with { Portee = "aucune" } : r).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await app.Client("direction").PutAsJsonAsync(Regles, new { regles = fermees })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.EnvoyerAsync("enseignant", [app.Ids["parent"]], "Après la règle")).StatusCode);
            var possibles = await (await app.Client("enseignant").GetAsync("/api/communication/me/messagerie/destinataires")).ReadAsync<Destinataires>();
            Assert.DoesNotContain(possibles.Personnes, p => p.Profil == "responsable");
            Assert.DoesNotContain(possibles.Groupes, g => g.Id.StartsWith("responsable:", StringComparison.Ordinal));

            // A pair left out is closed; a bad code is a French 400; nobody but the administrators reads or edits.
            var apres = await (await app.Client("direction").GetAsync(Regles)).ReadAsync<ReglesEtablissement>();
            Assert.False(apres.ParDefaut);
            var invalide = await app.Client("direction").PutAsJsonAsync(Regles, new { regles = new[] { new { expediteur = "eleve", destinataire = "pirate", portee = "tout" } } });
            Assert.Equal(HttpStatusCode.BadRequest, invalide.StatusCode);
            Assert.Contains("portée", await invalide.TexteAsync(), StringComparison.Ordinal);
            foreach (var qui in new[] { "cpe", "enseignant", "parent", "élève", "infirmerie", "région" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await app.Client(qui).GetAsync(Regles)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await app.Client(qui).PutAsJsonAsync(Regles, new { regles = ouvertes })).StatusCode);
            }
        }
        finally
        {
            await app.RetablirAsync();
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.EnvoyerAsync("élève", [app.Ids["camarade"]], "Entre camarades, encore")).StatusCode);
    }

    [Fact]
    public async Task More_than_a_class_worth_of_recipients_needs_a_staff_profile()
    {
        try
        {
            // A teacher writes to a whole class's families at once: one conversation per family.
            var possibles = await (await app.Client("enseignant").GetAsync("/api/communication/me/messagerie/destinataires")).ReadAsync<Destinataires>();
            var familles = possibles.Groupes.Where(g => g.Id.StartsWith("responsable:", StringComparison.Ordinal)).MaxBy(g => g.Nombre)!;
            Assert.True(familles.Nombre > 35, $"{familles.Libelle} : {familles.Nombre}");
            var envoi = await app.EnvoyerAsync("enseignant", [], "Sortie au musée", "Le 12, sortie au musée.", [familles.Id]);
            Assert.Equal(HttpStatusCode.Created, envoi.StatusCode);
            Assert.Equal(familles.Nombre, (await envoi.ReadAsync<Envoye>()).Conversations.Length);

            // A family allowed (by an edited rule) to write to the other families of the class is capped at a class's worth.
            var regles = (await (await app.Client("direction").GetAsync(Regles)).ReadAsync<ReglesEtablissement>()).Regles
                .Select(r => r is { Expediteur: "responsable", Destinataire: "responsable" } ? r with { Portee = "liens" } : r).ToArray();
            Assert.Equal(HttpStatusCode.OK, (await app.Client("direction").PutAsJsonAsync(Regles, new { regles })).StatusCode);
            var autresFamilles = (await (await app.Client("parent").GetAsync("/api/communication/me/messagerie/destinataires")).ReadAsync<Destinataires>())
                .Personnes.Where(p => p.Profil == "responsable").Select(p => p.Id).ToArray();
            Assert.True(autresFamilles.Length > 35);
            var trop = await app.EnvoyerAsync("parent", autresFamilles, "À toutes les familles");
            Assert.Equal(HttpStatusCode.BadRequest, trop.StatusCode);
            Assert.Contains("réservé au personnel", await trop.TexteAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("parent", autresFamilles[..2], "À deux familles")).StatusCode);
        }
        finally
        {
            await app.RetablirAsync();
        }
    }

    [Fact]
    public async Task The_head_suspends_pupils_sending_with_a_reason_they_see_and_reading_stays_possible()
    {
        try
        {
            var envoi = await (await app.EnvoyerAsync("enseignant", [app.Ids["élève"]], "Avant la suspension")).ReadAsync<Envoye>();
            var suspendre = await app.Client("direction").PutAsJsonAsync("/api/communication/etablissements/0750000A/messagerie/suspensions/eleve",
                new { motif = "Messages inappropriés cette semaine : la messagerie des élèves reprend lundi." });
            Assert.Equal(HttpStatusCode.NoContent, suspendre.StatusCode);

            var etat = await (await app.Client("élève").GetAsync("/api/communication/me/messagerie")).ReadAsync<MaMessagerie>();
            var lycee = Assert.Single(etat.Etablissements);
            Assert.False(lycee.PeutEcrire);
            Assert.Contains("reprend lundi", lycee.Raison, StringComparison.Ordinal);

            var refus = await app.EnvoyerAsync("élève", [app.Ids["enseignant"]], "Pendant la suspension");
            Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);
            Assert.Contains("reprend lundi", await refus.TexteAsync(), StringComparison.Ordinal);
            var reponse = await app.Client("élève").PostAsJsonAsync($"/api/communication/me/conversations/{envoi.Conversations[0]}/messages", new { texte = "Merci" });
            Assert.Equal(HttpStatusCode.Forbidden, reponse.StatusCode);
            Assert.Empty((await (await app.Client("élève").GetAsync("/api/communication/me/messagerie/destinataires")).ReadAsync<Destinataires>()).Personnes);

            // Reading stays possible; the others write on.
            var conversation = await (await app.Client("élève").GetAsync($"/api/communication/me/conversations/{envoi.Conversations[0]}")).ReadAsync<Conversation>();
            Assert.False(conversation.PeutRepondre);
            Assert.Contains("reprend lundi", conversation.Raison, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("parent", [app.Ids["enseignant"]], "Une famille écrit encore")).StatusCode);

            // Only the établissement's administrators hold the switch.
            foreach (var qui in new[] { "cpe", "enseignant", "élève" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await app.Client(qui).DeleteAsync("/api/communication/etablissements/0750000A/messagerie/suspensions/eleve")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.NoContent, (await app.Client("direction").DeleteAsync("/api/communication/etablissements/0750000A/messagerie/suspensions/eleve")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("élève", [app.Ids["enseignant"]], "Après la suspension")).StatusCode);
        }
        finally
        {
            await app.RetablirAsync();
        }
    }

    [Fact]
    public async Task The_region_suspends_a_profile_in_every_etablissement_and_only_the_region_lifts_it()
    {
        const string Region = "/api/communication/region/messagerie/suspensions/responsable";
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.Client("direction").PutAsJsonAsync(Region, new { motif = "Non" })).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await app.Client("région").PutAsJsonAsync(Region,
                new { motif = "Comptes de familles détournés : messagerie des familles coupée par la région." })).StatusCode);

            var refus = await app.EnvoyerAsync("parent", [app.Ids["enseignant"]], "Pendant la coupure");
            Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);
            Assert.Contains("toute la région", await refus.TexteAsync(), StringComparison.Ordinal);
            var moderation = await (await app.Client("direction").GetAsync("/api/communication/etablissements/0750000A/messagerie/moderation")).ReadAsync<VueModeration>();
            Assert.Contains(moderation.Suspensions, s => s is { Profil: "responsable", Region: true });

            // The head's own switch does not lift the region's.
            await app.Client("direction").DeleteAsync("/api/communication/etablissements/0750000A/messagerie/suspensions/responsable");
            Assert.Equal(HttpStatusCode.Forbidden, (await app.EnvoyerAsync("parent", [app.Ids["enseignant"]], "Toujours coupée")).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("enseignant", [app.Ids["parent"]], "Les enseignants écrivent encore")).StatusCode);

            Assert.Equal(HttpStatusCode.NoContent, (await app.Client("région").DeleteAsync(Region)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("parent", [app.Ids["enseignant"]], "Après la coupure")).StatusCode);
        }
        finally
        {
            await app.RetablirAsync();
        }
    }

    [Fact]
    public async Task A_family_sends_thirty_messages_an_hour_at_most()
    {
        var cpe = app.Ids["cpe"];
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("autre parent", [cpe], $"Message {i}")).StatusCode);
        }

        var refus = await app.EnvoyerAsync("autre parent", [cpe], "Le trente et unième");
        Assert.Equal(HttpStatusCode.TooManyRequests, refus.StatusCode);
        Assert.Contains("30 par heure", await refus.TexteAsync(), StringComparison.Ordinal);
        // Staff write more: the CPE answers on.
        Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("cpe", [app.Ids["autre parent"]], "Réponse du CPE")).StatusCode);

        // An hour later: their sendings moved back an hour (moving the clock would expire every test's token).
        await app.ExecuterAsync("UPDATE communication.message SET envoye_le = envoye_le - interval '61 minutes' WHERE auteur_id = @id",
            new { id = app.Ids["autre parent"] });
        Assert.Equal(HttpStatusCode.Created, (await app.EnvoyerAsync("autre parent", [cpe], "Une heure plus tard")).StatusCode);
    }

    [Fact]
    public async Task A_message_without_subject_text_or_recipient_is_a_french_400()
    {
        var reponse = await app.Client("parent").PostAsJsonAsync("/api/communication/me/conversations",
            new { destinataires = Array.Empty<Guid>(), sujet = " ", texte = "" });
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var json = await reponse.ReadJsonAsync();
        Assert.NotNull(json["errors"]!["sujet"]);
        Assert.NotNull(json["errors"]!["texte"]);
        Assert.NotNull(json["errors"]!["destinataires"]);
    }
}
