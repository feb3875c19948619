using System.Net;
using Dapper;
using Ent.Identite.Tests.Sessions;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Ent.Identite.Tests.Sessions.Outils;

namespace Ent.Identite.Tests.Administration;

/// <summary>
/// A person's third-party consents on their card, and their withdrawal by the établissement's administrator: the
/// authorization is revoked (the application must ask again), and the act is in the access log.
/// </summary>
public sealed class RetraitApplicationTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private const string Autoriser = "/connect/authorize?client_id=" + SessionsApp.TiersAgenda + "&response_type=code"
        + "&scope=identite.read&redirect_uri=https%3A%2F%2Fagenda.example.org%2Fretour"
        + "&code_challenge=" + Defi + "&code_challenge_method=S256&state=abc";

    [Fact]
    public async Task The_administrator_sees_the_consent_on_the_card_and_withdraws_it()
    {
        using (var navigateur = new Navigateur(app))
        {
            var (consentement, _) = await navigateur.ParcourirAsync(Autoriser, "parent.062", DemoLycee.MotDePasse, SessionsApp.RetourAgenda);
            var champs = Navigateur.Champs(await consentement.Content.ReadAsStringAsync());
            champs["consentement"] = "accepter";
            var accepte = await navigateur.Client.PostAsync("/connect/authorize", new FormUrlEncodedContent(champs));
            Assert.Contains("code=", accepte.Headers.Location!.Query, StringComparison.Ordinal);
        }

        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var personne = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'parent.062'");
        var admin = app.ClientConnecte("direction");
        var route = $"/api/identite/etablissements/0750000A/personnes/{personne}";

        var applications = (await (await admin.GetAsync(route)).ReadJsonAsync())["applications"]!.AsArray();
        var agenda = Assert.Single(applications)!;
        Assert.Contains("identite.read", agenda["portees"]!.AsArray().Select(p => (string?)p));

        var retrait = await admin.DeleteAsync($"{route}/applications/{(string)agenda["id"]!}");

        Assert.Equal(HttpStatusCode.NoContent, retrait.StatusCode);
        Assert.Empty((await (await admin.GetAsync(route)).ReadJsonAsync())["applications"]!.AsArray());
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("""
            SELECT count(*)::int FROM identite.journal_acces WHERE quoi = 'RetirerApplicationPersonne' AND eleve_id = @personne
            """, new { personne }));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{route}/applications/{(string)agenda["id"]!}")).StatusCode);
    }
}
