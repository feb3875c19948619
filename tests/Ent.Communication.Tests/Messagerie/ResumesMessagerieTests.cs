using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Communication.Conversations;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Ent.Communication.Tests.Messagerie.Reponses;

namespace Ent.Communication.Tests.Messagerie;

/// <summary>
/// The e-mail digest of unread messages (opt-in, once a day at 18:00 Paris): one e-mail per person and day listing the
/// conversations with messages still unread from the last 24 hours (subject, sender, link; never the text nor the
/// attachments), nothing when nothing is unread, once whatever the instances and restarts; SMS refused for messages.
/// The digests are computed at pinned instants (the service's own clock is the next class's subject).
/// </summary>
public sealed class ResumesMessagerieTests(MessagerieApp app) : IClassFixture<MessagerieApp>
{
    private ResumesMessagerie Resumes => app.Services.GetRequiredService<ResumesMessagerie>();

    private sealed record Preferences(bool ResumeCourriel, bool CourrielConnu, int HeureResume);

    private sealed record Sortant(string Canal, string Adresse, Guid PersonneId, string Sujet, string Texte, string CleIdempotence, string Categorie, string? Lien);

    private async Task<List<Sortant>> ResumesAsync(Guid personneId)
    {
        await using var conn = await app.Db.OpenConnectionAsync();
        return (await conn.QueryAsync<Sortant>("""
            SELECT canal, adresse, personne_id, sujet, texte, cle_idempotence, categorie, lien FROM communication.message_sortant
            WHERE categorie = 'resume_messagerie' AND personne_id = @personneId ORDER BY cle_idempotence
            """, new { personneId })).AsList();
    }

    private Task DonnerCourrielAsync(string qui, string? courriel) =>
        app.ExecuterAsync("UPDATE identite.personne SET email = @courriel WHERE id = @id", new { courriel, id = app.Ids[qui] });

    private async Task DemanderResumeAsync(string qui)
    {
        var reponse = await app.Client(qui).PutAsJsonAsync("/api/communication/me/preferences-messagerie", new { resumeCourriel = true });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.True((await reponse.ReadAsync<Preferences>()).ResumeCourriel);
    }

    /// <summary>18:00 Paris on a day (UTC+1 in winter, UTC+2 in summer), plus some minutes.</summary>
    private static DateTimeOffset DixHuitHeures(DateOnly jour, int minutes = 0)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var local = jour.ToDateTime(new TimeOnly(18, 0));
        return new DateTimeOffset(local, paris.GetUtcOffset(local)).AddMinutes(minutes).ToUniversalTime();
    }

    [Fact]
    public async Task Sms_is_never_offered_for_messages_and_the_digest_is_off_until_asked_with_an_address()
    {
        var client = app.Client("parent du camarade");
        var avant = await (await client.GetAsync("/api/communication/me/preferences-messagerie")).ReadAsync<Preferences>();
        Assert.False(avant.ResumeCourriel);
        Assert.Equal(18, avant.HeureResume);

        // SMS asked for messages: a French 400 on the field, nothing saved.
        var sms = await client.PutAsJsonAsync("/api/communication/me/preferences-messagerie", new { resumeCourriel = false, sms = true });
        Assert.Equal(HttpStatusCode.BadRequest, sms.StatusCode);
        var erreurs = await sms.TexteAsync();
        Assert.Contains("jamais envoyés par SMS", erreurs, StringComparison.Ordinal);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM communication.preference_messagerie WHERE personne_id = @id",
            new { id = app.Ids["parent du camarade"] }));

        // No e-mail address on the account: the digest cannot be asked for, and the answer says where to add one.
        await DonnerCourrielAsync("parent du camarade", null);
        var sansAdresse = await client.PutAsJsonAsync("/api/communication/me/preferences-messagerie", new { resumeCourriel = true });
        Assert.Equal(HttpStatusCode.BadRequest, sansAdresse.StatusCode);
        Assert.Contains("adresse électronique", await sansAdresse.TexteAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await client.PutAsJsonAsync("/api/communication/me/preferences-messagerie", new { sms = false })).StatusCode);

        await DonnerCourrielAsync("parent du camarade", "famille.camarade@example.org");
        await DemanderResumeAsync("parent du camarade");
        var apres = await (await client.GetAsync("/api/communication/me/preferences-messagerie")).ReadAsync<Preferences>();
        Assert.Equal(new Preferences(true, true, 18), apres);
        var arret = await client.PutAsJsonAsync("/api/communication/me/preferences-messagerie", new { resumeCourriel = false, sms = false });
        Assert.False((await arret.ReadAsync<Preferences>()).ResumeCourriel);
    }

    [Fact]
    public async Task The_digest_lists_the_unread_conversations_once_per_person_and_day_without_text_nor_attachments()
    {
        // What the demo left in the family's inbox is read: the day's digest is about this test's messages only.
        await app.ExecuterAsync("UPDATE communication.participant SET lu_jusqua = @depart WHERE personne_id IN (@parent, @autre)",
            new { depart = MessagerieApp.Depart, parent = app.Ids["parent"], autre = app.Ids["autre parent"] });
        await DonnerCourrielAsync("parent", "parent.resume@example.org");
        await DonnerCourrielAsync("autre parent", "autre.parent@example.org");
        await DemanderResumeAsync("parent");
        await DemanderResumeAsync("autre parent");

        // The teacher writes twice with a file; the CPE writes once, and the family reads that one in the application.
        var piece = await app.Client("enseignant").PostAsync("/api/communication/me/messagerie/pieces-jointes", PiecesJointesTest.Pdf("bulletin-secret.pdf"));
        Assert.Equal(HttpStatusCode.Created, piece.StatusCode);
        var pieceId = (Guid)(await piece.ReadJsonAsync())["id"]!;
        var envoi = await app.EnvoyerAsync("enseignant", [app.Ids["parent"]], "Sortie au musée", "Texte confidentiel du professeur.", piecesJointes: [pieceId]);
        var duProfesseur = Assert.Single((await envoi.ReadAsync<Envoye>()).Conversations);
        Assert.Equal(HttpStatusCode.Created, (await app.Client("enseignant").PostAsJsonAsync(
            $"/api/communication/me/conversations/{duProfesseur}/messages", new { texte = "Deuxième message confidentiel." })).StatusCode);
        var duCpe = Assert.Single((await (await app.EnvoyerAsync("cpe", [app.Ids["parent"]], "Retards répétés")).ReadAsync<Envoye>()).Conversations);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").PostAsync($"/api/communication/me/conversations/{duCpe}/lecture", null)).StatusCode);
        // Another family asked for the digest too, and read everything it received: nothing to send them.
        var autre = Assert.Single((await (await app.EnvoyerAsync("cpe", [app.Ids["autre parent"]], "Carnet de liaison")).ReadAsync<Envoye>()).Conversations);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("autre parent").PostAsync($"/api/communication/me/conversations/{autre}/lecture", null)).StatusCode);

        // 17:59 Paris: the day's hour has not come (and yesterday's digest is too late to leave).
        var jour = DateOnly.FromDateTime(MessagerieApp.Depart.UtcDateTime);
        await Resumes.EnvoyerAsync(DixHuitHeures(jour, -1), CancellationToken.None);
        Assert.Empty(await ResumesAsync(app.Ids["parent"]));

        // 18:00:30: the service waits a minute after the hour (a sending of 17:59:59 committing late is in).
        Assert.Equal(0, await Resumes.EnvoyerAsync(DixHuitHeures(jour).AddSeconds(30), CancellationToken.None));
        Assert.Empty(await ResumesAsync(app.Ids["parent"]));

        // 18:02: one e-mail, on the e-mail channel, to the account's address.
        Assert.Equal(1, await Resumes.EnvoyerAsync(DixHuitHeures(jour, 2), CancellationToken.None));
        var resume = Assert.Single(await ResumesAsync(app.Ids["parent"]));
        Assert.Equal(("courriel", "parent.resume@example.org", $"resume-messagerie:{app.Ids["parent"]}:2026-11-25", "/messagerie"),
            (resume.Canal, resume.Adresse, resume.CleIdempotence, resume.Lien));
        var professeur = await app.ScalarAsync<string>("SELECT prenom || ' ' || nom FROM identite.personne WHERE id = @id", new { id = app.Ids["enseignant"] });
        Assert.Contains($"« Sortie au musée », de {professeur} (2 messages)", resume.Texte, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/messagerie/{duProfesseur}", resume.Texte, StringComparison.Ordinal);
        Assert.Equal("Ent : un message non lu dans votre messagerie", resume.Sujet);
        // Read before the hour: not in it. Never the text nor the attachments.
        Assert.DoesNotContain("Retards répétés", resume.Texte, StringComparison.Ordinal);
        Assert.DoesNotContain(duCpe.ToString(), resume.Texte, StringComparison.Ordinal);
        Assert.DoesNotContain("confidentiel", resume.Texte, StringComparison.Ordinal);
        Assert.DoesNotContain("bulletin-secret", resume.Texte, StringComparison.Ordinal);
        Assert.Empty(await ResumesAsync(app.Ids["autre parent"]));

        // Two instances at once, then a restart: still one e-mail. Nobody who did not ask gets one (the teacher, the CPE).
        var deux = await Task.WhenAll(Resumes.EnvoyerAsync(DixHuitHeures(jour, 3), CancellationToken.None),
            app.Services.GetRequiredService<ResumesMessagerie>().EnvoyerAsync(DixHuitHeures(jour, 3), CancellationToken.None));
        Assert.Equal(0, deux.Sum());
        Assert.Equal(0, await Resumes.EnvoyerAsync(DixHuitHeures(jour, 240), CancellationToken.None));
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM communication.message_sortant WHERE categorie = 'resume_messagerie' AND cle_idempotence LIKE '%:2026-11-25'"));

        // The family reads it in the application: the next day's digest has nothing (no new message), nothing is sent.
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").PostAsync($"/api/communication/me/conversations/{duProfesseur}/lecture", null)).StatusCode);
        Assert.Equal(0, await Resumes.EnvoyerAsync(DixHuitHeures(jour.AddDays(1), 2), CancellationToken.None));
        Assert.Single(await ResumesAsync(app.Ids["parent"]));
        // Messages never reach anyone by SMS.
        Assert.Equal(0L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM communication.message_sortant WHERE categorie IN ('messagerie', 'resume_messagerie') AND canal = 'sms'"));
    }

    /// <summary>
    /// The window is the 24 hours before the day's 18:00 (23 or 25 when the clocks change): across the school year's
    /// edges (31 August, 1 September, 1 January) and the changes of time, a message of the day before after 18:00 is in,
    /// one of the day before at 17:59 and one of the day after 18:00 are not. A digest more than six hours late is dropped.
    /// </summary>
    [Theory]
    [InlineData("2026-08-31")]
    [InlineData("2026-09-01")]
    [InlineData("2027-01-01")]
    [InlineData("2026-03-29")]
    [InlineData("2026-10-25")]
    public async Task The_window_is_the_day_before_at_18h_to_the_day_at_18h_paris(string date)
    {
        var jour = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var destinataire = app.Ids["infirmerie"];
        await DonnerCourrielAsync("infirmerie", "infirmerie@example.org");
        await app.ExecuterAsync("""
            INSERT INTO communication.preference_messagerie (personne_id, resume_courriel, modifie_le) VALUES (@destinataire, true, now())
            ON CONFLICT (personne_id) DO UPDATE SET resume_courriel = true
            """, new { destinataire });

        async Task<Guid> ConversationAsync(string sujet, DateTimeOffset le)
        {
            var id = Guid.CreateVersion7();
            await app.ExecuterAsync("""
                INSERT INTO communication.conversation (id, etablissement_id, sujet, cree_par, cree_le, dernier_message_le)
                VALUES (@id, @etablissementId, @sujet, @auteur, @le, @le);
                INSERT INTO communication.participant (conversation_id, personne_id, lu_jusqua) VALUES (@id, @destinataire, NULL), (@id, @auteur, @le);
                INSERT INTO communication.message (id, conversation_id, auteur_id, texte, envoye_le, envoi_id) VALUES (@id, @id, @auteur, 'Bonjour', @le, @id);
                """, new { id, etablissementId = app.EtablissementId, sujet, auteur = app.Ids["direction"], le, destinataire });
            return id;
        }

        var dedans = await ConversationAsync($"Veille après 18 h {date}", DixHuitHeures(jour.AddDays(-1), 1));
        var avant = await ConversationAsync($"Veille avant 18 h {date}", DixHuitHeures(jour.AddDays(-1), -1));
        var apres = await ConversationAsync($"Jour après 18 h {date}", DixHuitHeures(jour, 1));

        // More than six hours late: dropped, whatever is unread.
        Assert.Equal(0, await Resumes.EnvoyerAsync(DixHuitHeures(jour, 6 * 60 + 1), CancellationToken.None));
        await Resumes.EnvoyerAsync(DixHuitHeures(jour, 30), CancellationToken.None);
        var resume = Assert.Single(await ResumesAsync(destinataire), r => r.CleIdempotence == $"resume-messagerie:{destinataire}:{date}");
        Assert.Contains(dedans.ToString(), resume.Texte, StringComparison.Ordinal);
        Assert.DoesNotContain(avant.ToString(), resume.Texte, StringComparison.Ordinal);
        Assert.DoesNotContain(apres.ToString(), resume.Texte, StringComparison.Ordinal);
        Assert.Equal(jour, ResumesMessagerie.DernierJour(DixHuitHeures(jour), 18));
        Assert.Equal(jour.AddDays(-1), ResumesMessagerie.DernierJour(DixHuitHeures(jour, -1), 18));
    }
}

/// <summary>A file in the multipart form the upload endpoint reads.</summary>
internal static class PiecesJointesTest
{
    public static MultipartFormDataContent Pdf(string nom)
    {
        var contenu = new ByteArrayContent("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray());
        contenu.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { contenu, "fichier", nom } };
    }
}
