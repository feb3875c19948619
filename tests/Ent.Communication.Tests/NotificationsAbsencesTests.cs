using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Ent.Communication.Tests;

/// <summary>
/// From a roll call to the family's phone and back: the absence's SMS reaches the gateway (WireMock) with its text, the
/// gateway's receipt marks it delivered, the vie scolaire desk sees each message's fate; a guardian's channel choice is
/// honoured. prof.01 teaches French in 2NDE1.
/// </summary>
public sealed class NotificationsAbsencesTests(PasserelleApp app) : IClassFixture<PasserelleApp>
{
    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    /// <summary>prof.01 marks the n-th pupil of 2NDE1 absent in a lesson that started <paramref name="minutes"/> ago.</summary>
    private async Task<Guid> MarquerAbsentAsync(int rang, int minutes)
    {
        var service = await ScalarAsync<Guid>("""
            SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            JOIN identite.compte k ON k.personne_id = s.enseignant_id WHERE k.identifiant = 'prof.01' AND c.code = '2NDE1' AND s.matiere_code = 'FRANCAIS'
            """);
        var eleve = await ScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN identite.personne p ON p.id = i.eleve_id WHERE c.code = '2NDE1' ORDER BY p.nom, p.prenom, p.id OFFSET @rang LIMIT 1
            """, new { rang });
        var debut = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddMinutes(-minutes);
        var reponse = await app.ClientConnecte("prof.01").PutAsJsonAsync($"/api/viescolaire/services/{service}/appel",
            new { debut, fin = debut.AddMinutes(55), eleves = new[] { new { eleveId = eleve, etat = "absent" } } });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return eleve;
    }

    private Task<string> ResponsableAsync(Guid eleve) => ScalarAsync<string>("""
        SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
        WHERE l.eleve_id = @eleve AND l.legal AND l.recoit_notifications ORDER BY k.identifiant LIMIT 1
        """, new { eleve });

    private static async Task AttendreAsync(Func<Task<bool>> condition)
    {
        var limite = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limite, "Délai dépassé");
            await Task.Delay(50);
        }
    }

    private HttpClient Passerelle(string? secret)
    {
        var client = app.CreateClient();
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    [Fact]
    public async Task The_absence_sms_reaches_the_gateway_and_its_receipt_shows_delivered_to_the_desk()
    {
        _ = app.Server;
        app.Passerelle.Given(Request.Create().WithPath("/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithBodyAsJson(new { id = "gw-absence" }));
        var eleve = await MarquerAbsentAsync(3, 20);
        var nom = await ScalarAsync<string>("SELECT prenom || ' ' || nom FROM identite.personne WHERE id = @eleve", new { eleve });

        await AttendreAsync(() => Task.FromResult(app.Passerelle.LogEntries.Any(e => e.RequestMessage.Body!.Contains(nom, StringComparison.Ordinal))));
        var sms = System.Text.Json.Nodes.JsonNode.Parse(
            app.Passerelle.LogEntries.First(e => e.RequestMessage.Body!.Contains(nom, StringComparison.Ordinal)).RequestMessage.Body!)!;
        var texte = (string)sms["text"]!;
        Assert.StartsWith($"Absence de {nom} en Français — Seconde 1 le ", texte, StringComparison.Ordinal);
        var absence = await ScalarAsync<Guid>("SELECT id FROM viescolaire.absence WHERE eleve_id = @eleve", new { eleve });
        Assert.EndsWith($". Justifier : http://localhost/absences?eleve={eleve}&absence={absence}", texte, StringComparison.Ordinal);
        Assert.Matches(@"^\+33[67][0-9]{8}$", (string?)sms["to"]);
        await AttendreAsync(async () => await ScalarAsync<int>(
            "SELECT count(*)::int FROM communication.message_sortant WHERE eleve_id = @eleve AND canal = 'sms' AND statut = 'envoye'", new { eleve }) > 0);

        // Receipts: a wrong secret is refused; bad input named; "remis" marks it delivered, a repeat changes nothing.
        var recu = new { reference = "gw-absence", statut = "remis" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await Passerelle("autre").PostAsJsonAsync("/api/communication/accuses-reception", recu)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Passerelle(null).PostAsJsonAsync("/api/communication/accuses-reception", recu)).StatusCode);
        var mauvais = await Passerelle("accuses-de-test").PostAsJsonAsync("/api/communication/accuses-reception", new { reference = "gw-absence", statut = "lu" });
        Assert.Equal(HttpStatusCode.BadRequest, mauvais.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Passerelle("accuses-de-test").PostAsJsonAsync("/api/communication/accuses-reception", recu)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Passerelle("accuses-de-test").PostAsJsonAsync("/api/communication/accuses-reception", recu)).StatusCode);

        var envois = (await (await app.ClientConnecte("cpe").GetAsync($"/api/communication/eleves/{eleve}/envois")).ReadJsonAsync()).AsArray();
        var sien = envois.Where(e => (string)e!["canal"]! == "sms").ToList();
        Assert.NotEmpty(sien);
        Assert.All(sien, e => Assert.Equal("remis", (string?)e!["statut"]));
        Assert.All(sien, e => Assert.Matches(@"^\+33•+[0-9]{2}$", (string?)e!["adresse"]));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").GetAsync($"/api/communication/eleves/{eleve}/envois")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(await ResponsableAsync(eleve)).GetAsync($"/api/communication/eleves/{eleve}/envois")).StatusCode);
    }

    [Fact]
    public async Task A_failed_delivery_receipt_lists_the_message_among_the_establishments_failures()
    {
        _ = app.Server;
        var eleve = await MarquerAbsentAsync(4, 25);
        await AttendreAsync(async () => await ScalarAsync<int>(
            "SELECT count(*)::int FROM communication.message_sortant WHERE eleve_id = @eleve AND canal = 'sms' AND statut = 'envoye'", new { eleve }) > 0);
        var reference = await ScalarAsync<string>(
            "UPDATE communication.message_sortant SET reference_fournisseur = 'gw-echec-' || id WHERE eleve_id = @eleve AND canal = 'sms' RETURNING reference_fournisseur",
            new { eleve });

        var reponse = await Passerelle("accuses-de-test").PostAsJsonAsync("/api/communication/accuses-reception",
            new { reference, statut = "echec", raison = "numéro inconnu" });
        Assert.Equal(HttpStatusCode.NoContent, reponse.StatusCode);

        var echecs = (await (await app.ClientConnecte("cpe").GetAsync("/api/communication/etablissements/0750000A/envois?statut=echec")).ReadJsonAsync()).AsArray();
        var echec = echecs.Single(e => (string?)e!["eleveId"] == eleve.ToString())!;
        Assert.Equal(("echec", "Non remis : numéro inconnu"), ((string)echec["statut"]!, (string)echec["erreur"]!));
        Assert.False(string.IsNullOrEmpty((string?)echec["destinataire"]));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").GetAsync("/api/communication/etablissements/0750000A/envois")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientConnecte("cpe").GetAsync("/api/communication/etablissements/0750000A/envois?statut=perdu")).StatusCode);
    }

    [Fact]
    public async Task A_guardian_chooses_e_mail_instead_of_sms_and_needs_at_least_one_channel()
    {
        _ = app.Server;
        var eleve = await ScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN identite.personne p ON p.id = i.eleve_id WHERE c.code = '2NDE1' ORDER BY p.nom, p.prenom, p.id OFFSET 6 LIMIT 1
            """);
        var parents = (await (await Db.OpenConnectionAsync()).QueryAsync<string>("""
            SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
            WHERE l.eleve_id = @eleve AND l.recoit_notifications
            """, new { eleve })).ToList();
        foreach (var identifiant in parents)
        {
            var parent = app.ClientConnecte(identifiant);
            Assert.Equal((true, false, true), await PreferencesAsync(parent));
            var aucun = await parent.PutAsJsonAsync("/api/communication/me/preferences-notifications", new { sms = false, courriel = false, application = false });
            Assert.Equal(HttpStatusCode.BadRequest, aucun.StatusCode);
            Assert.Equal(HttpStatusCode.OK,
                (await parent.PutAsJsonAsync("/api/communication/me/preferences-notifications", new { sms = false, courriel = true, application = true })).StatusCode);
            Assert.Equal((false, true, true), await PreferencesAsync(parent));
        }

        await MarquerAbsentAsync(6, 30);

        var canaux = (await (await Db.OpenConnectionAsync()).QueryAsync<string>(
            "SELECT canal FROM communication.message_sortant WHERE eleve_id = @eleve AND categorie = 'absence'", new { eleve })).ToList();
        Assert.Equal(parents.Count, canaux.Count(c => c == "courriel"));
        Assert.Equal(parents.Count, canaux.Count(c => c == "application"));
        Assert.DoesNotContain("sms", canaux);
    }

    private static async Task<(bool, bool, bool)> PreferencesAsync(HttpClient client)
    {
        var p = await (await client.GetAsync("/api/communication/me/preferences-notifications")).ReadJsonAsync();
        return ((bool)p["sms"]!, (bool)p["courriel"]!, (bool)p["application"]!);
    }
}
