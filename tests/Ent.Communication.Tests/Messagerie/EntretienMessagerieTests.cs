using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Communication.Conversations;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Ent.Communication.Tests.Messagerie.Reponses;

namespace Ent.Communication.Tests.Messagerie;

/// <summary>
/// The messaging's upkeep and its picker at an établissement's scale: the background service queues the day's digest
/// once the application's clock passes 18:00 Paris; attachments uploaded and never sent (no message, no draft, a
/// deleted draft) are purged a day after their upload, row and file; the staff's recipient search returns 100 people
/// at most and says when there are more.
/// </summary>
public sealed class EntretienMessagerieTests(MessagerieApp app) : IClassFixture<MessagerieApp>
{
    private static DateTimeOffset DixHuitHeuresParis(DateOnly jour)
    {
        var local = jour.ToDateTime(new TimeOnly(18, 0));
        return new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris").GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public async Task The_background_service_queues_the_digest_once_the_clock_passes_18h_paris()
    {
        var parent = app.Ids["parent"];
        await app.ExecuterAsync("UPDATE communication.participant SET lu_jusqua = @depart WHERE personne_id = @parent",
            new { depart = MessagerieApp.Depart, parent });
        await app.ExecuterAsync("UPDATE identite.personne SET email = 'famille@example.org' WHERE id = @parent", new { parent });
        Assert.Equal(HttpStatusCode.OK, (await app.Client("parent").PutAsJsonAsync("/api/communication/me/preferences-messagerie",
            new { resumeCourriel = true })).StatusCode);
        var conversation = Assert.Single((await (await app.EnvoyerAsync("enseignant", [parent], "Conseil de classe")).ReadAsync<Envoye>()).Conversations);
        var cle = $"resume-messagerie:{parent}:2026-11-25";

        // Before 18:00 (the service looks every second in the tests): nothing.
        await Task.Delay(1500);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle }));

        // The service waits a minute after the hour (sendings of 17:59:59 committing late).
        var decalage = DixHuitHeuresParis(new DateOnly(2026, 11, 25)).AddSeconds(65) - app.Horloge.GetUtcNow();
        app.Horloge.Avancer(decalage);
        try
        {
            var limite = DateTime.UtcNow.AddSeconds(20);
            while (await app.ScalarAsync<long>("SELECT count(*) FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle }) == 0)
            {
                Assert.True(DateTime.UtcNow < limite, "Le résumé n'a pas été planifié.");
                await Task.Delay(100);
            }

            // A few more turns of the service: still one.
            await Task.Delay(2500);
            Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle }));
            Assert.Contains($"/messagerie/{conversation}", await app.ScalarAsync<string>(
                "SELECT texte FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle }), StringComparison.Ordinal);
        }
        finally
        {
            // Back to the morning: the other tests' sessions were issued then.
            app.Horloge.Avancer(-decalage);
        }
    }

    private async Task<Guid> DeposerAsync(string nom)
    {
        var reponse = await app.Client("parent").PostAsync("/api/communication/me/messagerie/pieces-jointes", PiecesJointesTest.Pdf(nom));
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return (Guid)(await reponse.ReadJsonAsync())["id"]!;
    }

    [Fact]
    public async Task Attachments_never_sent_are_purged_a_day_after_their_upload_row_and_file()
    {
        var envoyee = await DeposerAsync("envoyee.pdf");
        var envoi = await app.EnvoyerAsync("parent", [app.Ids["enseignant"]], "Certificat", piecesJointes: [envoyee]);
        Assert.Equal(HttpStatusCode.Created, envoi.StatusCode);
        var enBrouillon = await DeposerAsync("brouillon.pdf");
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").PutAsJsonAsync($"/api/communication/me/brouillons/{Guid.NewGuid()}",
            new { destinataires = new[] { app.Ids["enseignant"] }, sujet = "À finir", texte = "", piecesJointes = new[] { enBrouillon } })).StatusCode);
        var abandonnee = await DeposerAsync("abandonnee.pdf");
        var brouillonSupprime = Guid.NewGuid();
        var duBrouillonSupprime = await DeposerAsync("brouillon-supprime.pdf");
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").PutAsJsonAsync($"/api/communication/me/brouillons/{brouillonSupprime}",
            new { sujet = "Finalement non", piecesJointes = new[] { duBrouillonSupprime } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("parent").DeleteAsync($"/api/communication/me/brouillons/{brouillonSupprime}")).StatusCode);

        Guid[] toutes = [envoyee, enBrouillon, abandonnee, duBrouillonSupprime];
        Dictionary<Guid, string> fichiers;
        DateTimeOffset derniere;
        await using (var conn = await app.Db.OpenConnectionAsync())
        {
            fichiers = (await conn.QueryAsync<(Guid Id, string Nom)>("SELECT id, nom_stockage FROM communication.piece_jointe WHERE id = ANY(@toutes)",
                new { toutes })).ToDictionary(p => p.Id, p => Path.Combine(app.Dossier, p.Nom));
            derniere = await conn.ExecuteScalarAsync<DateTime>("SELECT max(depose_le) FROM communication.piece_jointe WHERE id = ANY(@toutes)", new { toutes });
        }

        Assert.All(fichiers.Values, f => Assert.True(File.Exists(f)));
        var purge = app.Services.GetRequiredService<PurgePiecesJointesMessagerie>();

        // 23 hours on: everything stays (a message may still be being written).
        await purge.PurgerAsync(derniere.AddHours(23), CancellationToken.None);
        Assert.Equal(4L, await app.ScalarAsync<long>("SELECT count(*) FROM communication.piece_jointe WHERE id = ANY(@toutes)", new { toutes }));
        Assert.All(fichiers.Values, f => Assert.True(File.Exists(f)));

        // 25 hours on: the abandoned file and the deleted draft's go, row and file; the sent one and the draft's stay.
        Assert.True(await purge.PurgerAsync(derniere.AddHours(25), CancellationToken.None) >= 2);
        var restantes = (await app.ScalarAsync<Guid[]>("SELECT array_agg(id ORDER BY id) FROM communication.piece_jointe WHERE id = ANY(@toutes)",
            new { toutes })).Order().ToArray();
        Assert.Equal(new[] { envoyee, enBrouillon }.Order().ToArray(), restantes);
        Assert.False(File.Exists(fichiers[abandonnee]));
        Assert.False(File.Exists(fichiers[duBrouillonSupprime]));
        Assert.True(File.Exists(fichiers[envoyee]));
        Assert.True(File.Exists(fichiers[enBrouillon]));
        Assert.Equal(HttpStatusCode.OK, (await app.Client("enseignant").GetAsync($"/api/communication/messagerie/pieces-jointes/{envoyee}")).StatusCode);

        // A purged file cannot be attached any more: 404 with what to do, not a 500.
        var tardif = await app.EnvoyerAsync("parent", [app.Ids["enseignant"]], "Trop tard", piecesJointes: [abandonnee]);
        Assert.Equal(HttpStatusCode.NotFound, tardif.StatusCode);
        Assert.Contains("joignez le fichier à nouveau", await tardif.TexteAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_staff_search_the_whole_etablissement_100_people_at_most_and_are_told_to_refine()
    {
        var eleve = await app.ScalarAsync<string>("SELECT prenom || ' ' || nom FROM identite.personne WHERE id = @id", new { id = app.Ids["élève"] });
        foreach (var qui in new[] { "cpe", "direction" })
        {
            var tout = await (await app.Client(qui).GetAsync("/api/communication/me/messagerie/destinataires")).ReadAsync<Destinataires>();
            Assert.Equal(100, tout.Personnes.Length);
            Assert.True(tout.Tronque);

            // The pupil by name, accents and case aside: found, nothing left out.
            var recherche = Uri.EscapeDataString(eleve.ToUpperInvariant());
            var trouve = await (await app.Client(qui).GetAsync($"/api/communication/me/messagerie/destinataires?q={recherche}")).ReadAsync<Destinataires>();
            Assert.Contains(trouve.Personnes, p => p.Id == app.Ids["élève"]);
            Assert.False(trouve.Tronque);
            Assert.True(trouve.Personnes.Length < 100);

            var personne = await (await app.Client(qui).GetAsync("/api/communication/me/messagerie/destinataires?q=zzqxw")).ReadAsync<Destinataires>();
            Assert.Empty(personne.Personnes);
            Assert.False(personne.Tronque);
        }

        // A family's search is within what the rules allow them: a pupil of the établissement is not found by name.
        var famille = await (await app.Client("parent du camarade").GetAsync(
            $"/api/communication/me/messagerie/destinataires?q={Uri.EscapeDataString(eleve)}")).ReadAsync<Destinataires>();
        Assert.DoesNotContain(famille.Personnes, p => p.Id == app.Ids["élève"]);

        var tropLong = await app.Client("cpe").GetAsync($"/api/communication/me/messagerie/destinataires?q={new string('a', 101)}");
        Assert.Equal(HttpStatusCode.BadRequest, tropLong.StatusCode);
        Assert.Contains("100 caractères", await tropLong.TexteAsync(), StringComparison.Ordinal);
    }
}
