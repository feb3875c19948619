using System.Net;
using System.Net.Http.Json;
using Ent.Testing;

namespace Ent.Communication.Tests;

/// <summary>
/// Correcting and withdrawing an announcement (issue #16): its author and the établissement's direction only (anyone
/// else 404, the CPE included: they follow every announcement but speak for their own); a correction is read at once;
/// a withdrawal hides it from those addressed at once and keeps its follow-up, marked withdrawn, confirmations kept.
/// Dates are relative to the host's clock.
/// </summary>
public sealed partial class AnnoncesTests
{
    private sealed record SuiviRetrait(int FamillesConfirmees, string Titre, string Texte, DateTimeOffset? ModifieeLe, DateTimeOffset? RetireeLe, bool Modifiable);

    private sealed record RecueModifiee(Guid Id, string Titre, string Texte, DateTimeOffset? ModifieeLe);

    private static object Correction(string titre, DateTimeOffset? visibleDu = null) =>
        new { titre, texte = "Texte corrigé de « " + titre + " ».", visibleDu };

    [Fact]
    public async Task The_author_and_the_direction_correct_an_announcement_and_families_read_the_correction_at_once()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var publiee = await PublierAsync("prof.01", Annonce("Sortie mardi", Classes(seconde1), accuseLecture: true));
        var (_, parent, _) = (await FamillesAsync("2NDE1"))[0];
        var url = $"/api/communication/annonces/{publiee.Id}";

        // Anyone but the author and the direction: « unknown » — another teacher, the CPE, a family it addresses, the nurse.
        foreach (var login in new[] { "prof.12", "cpe", parent, "infirmerie" })
        {
            var refus = await app.ClientConnecte(login).PutAsJsonAsync(url, Correction("Détourné"));
            Assert.Equal(HttpStatusCode.NotFound, refus.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await refus.ReadJsonAsync())["type"]);
        }

        // Bad input: French reasons, nothing changed.
        var vide = await app.ClientConnecte("prof.01").PutAsJsonAsync(url, new { titre = " ", texte = "" });
        Assert.Equal(HttpStatusCode.BadRequest, vide.StatusCode);
        Assert.NotNull((await vide.ReadJsonAsync())["errors"]!["titre"]);

        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("prof.01").PutAsJsonAsync(url, Correction("Sortie jeudi"))).StatusCode);
        var lue = Assert.Single(await (await app.ClientConnecte(parent).GetAsync("/api/communication/me/annonces")).ReadAsync<RecueModifiee[]>(),
            a => a.Id == publiee.Id);
        Assert.Equal(("Sortie jeudi", "Texte corrigé de « Sortie jeudi »."), (lue.Titre, lue.Texte));
        Assert.NotNull(lue.ModifieeLe);

        // The direction corrects anyone's; the follow-up shows the text as the families read it.
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("direction").PutAsJsonAsync(url, Correction("Sortie jeudi 14 h"))).StatusCode);
        Assert.Equal("Sortie jeudi 14 h", (await (await app.ClientConnecte(parent).GetAsync(url)).ReadAsync<Recue>()).Titre);
        var suivi = await (await app.ClientConnecte("prof.01").GetAsync($"{url}/suivi")).ReadAsync<SuiviRetrait>();
        Assert.Equal(("Sortie jeudi 14 h", "Texte corrigé de « Sortie jeudi 14 h ».", true), (suivi.Titre, suivi.Texte, suivi.Modifiable));
        Assert.False((await (await app.ClientConnecte("cpe").GetAsync($"{url}/suivi")).ReadAsync<SuiviRetrait>()).Modifiable);

        // Notifications still waiting (a window that opens in three days) leave corrected, at the corrected start.
        var plusTard = await PublierAsync("prof.01", Annonce("Réunion", Classes(seconde1), visibleDu: Maintenant.AddDays(3)));
        var debut = Maintenant.AddDays(4);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("prof.01").PutAsJsonAsync($"/api/communication/annonces/{plusTard.Id}",
            Correction("Réunion reportée", debut))).StatusCode);
        var enAttente = await ListeAsync<(string Sujet, DateTime Depart)>("""
            SELECT sujet, prochaine_tentative FROM communication.message_sortant WHERE cle_idempotence LIKE 'annonce:' || @id || ':%'
            """, new { id = plusTard.Id.ToString() });
        Assert.Equal(plusTard.Destinataires, enAttente.Count);
        Assert.All(enAttente, m => Assert.Equal("Annonce : Réunion reportée", m.Sujet));
        Assert.All(enAttente, m => Assert.Equal(debut.ToUnixTimeMilliseconds(), new DateTimeOffset(DateTime.SpecifyKind(m.Depart, DateTimeKind.Utc)).ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task A_withdrawn_announcement_disappears_for_the_families_at_once_and_its_follow_up_keeps_it()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var publiee = await PublierAsync("prof.01", Annonce("Photo de classe annulée", Classes(seconde1), accuseLecture: true));
        var (_, parent, _) = (await FamillesAsync("2NDE1"))[0];
        var url = $"/api/communication/annonces/{publiee.Id}";
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();
        var depose = await app.ClientConnecte("prof.01").PostAsync($"{url}/pieces-jointes", new MultipartFormDataContent { { new ByteArrayContent(pdf), "fichier", "photo.pdf" } });
        Assert.Equal(HttpStatusCode.Created, depose.StatusCode);
        var piece = (string)(await depose.ReadJsonAsync())["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte(parent).PostAsync($"{url}/confirmation", null)).StatusCode);

        // Only its author and the direction withdraw it.
        foreach (var login in new[] { "prof.12", "cpe", parent, await EleveAsync("2NDE1") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).PostAsync($"{url}/retrait", null)).StatusCode);
        }

        Assert.Contains(await MesAnnoncesAsync(parent), a => a.Id == publiee.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("direction").PostAsync($"{url}/retrait", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("prof.01").PostAsync($"{url}/retrait", null)).StatusCode);

        // Gone for the families at once: list, page, confirmation, file; nor on the public page.
        Assert.DoesNotContain(await MesAnnoncesAsync(parent), a => a.Id == publiee.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parent).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parent).PostAsync($"{url}/confirmation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parent).GetAsync($"{url}/pieces-jointes/{piece}")).StatusCode);
        var publiques = await (await app.CreateClient().GetAsync($"/api/communication/etablissements/{Uai}/annonces-publiques")).ReadJsonAsync();
        Assert.DoesNotContain(publiques.AsArray(), a => (string?)a!["titre"] == "Photo de classe annulée");
        // Its notifications not yet delivered or read went with it.
        Assert.Equal(0, await ScalarAsync<int>("""
            SELECT count(*)::int FROM communication.message_sortant WHERE cle_idempotence LIKE 'annonce:' || @id || ':%' AND statut = 'en_attente'
            """, new { id = publiee.Id.ToString() }));
        Assert.Equal(0, await ScalarAsync<int>("""
            SELECT count(*)::int FROM communication.notification WHERE cle LIKE 'annonce:' || @id || ':%' AND lue_le IS NULL
            """, new { id = publiee.Id.ToString() }));

        // The sender's follow-up keeps it, marked withdrawn, the confirmation on record; nothing more can be done with it.
        var suivi = await (await app.ClientConnecte("prof.01").GetAsync($"{url}/suivi")).ReadAsync<SuiviRetrait>();
        Assert.NotNull(suivi.RetireeLe);
        Assert.Equal(1, suivi.FamillesConfirmees);
        Assert.False(suivi.Modifiable);
        var envoyees = await (await app.ClientConnecte("prof.01").GetAsync($"/api/communication/etablissements/{Uai}/annonces")).ReadJsonAsync();
        Assert.NotNull(Assert.Single(envoyees.AsArray(), a => (string?)a!["id"] == publiee.Id.ToString())!["retireeLe"]);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("prof.01").PutAsJsonAsync(url, Correction("Trop tard"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("prof.01").PostAsync($"{url}/relance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("prof.01").DeleteAsync($"{url}/pieces-jointes/{piece}")).StatusCode);
        // The follow-up still opens its file for its sender.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("prof.01").GetAsync($"{url}/pieces-jointes/{piece}")).StatusCode);
    }

    [Fact]
    public async Task The_direction_attaches_and_removes_files_of_an_announcement_others_may_not()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var publiee = await PublierAsync("prof.01", Annonce("Autorisation de sortie", Classes(seconde1)));
        var url = $"/api/communication/annonces/{publiee.Id}/pieces-jointes";
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();

        var depose = await app.ClientConnecte("direction").PostAsync(url, new MultipartFormDataContent { { new ByteArrayContent(pdf), "fichier", "autorisation.pdf" } });
        Assert.Equal(HttpStatusCode.Created, depose.StatusCode);
        var piece = (string)(await depose.ReadJsonAsync())["id"]!;

        var (_, parent, _) = (await FamillesAsync("2NDE1"))[0];
        foreach (var login in new[] { "prof.12", "cpe", parent })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).DeleteAsync($"{url}/{piece}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("prof.01").DeleteAsync($"{url}/{piece}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parent).GetAsync($"{url}/{piece}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").DeleteAsync($"{url}/{piece}")).StatusCode);
    }
}
