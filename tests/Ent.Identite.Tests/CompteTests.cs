using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests;

/// <summary>The person's own account: password change, contacts, forgotten password — each with its alert.</summary>
public sealed partial class CompteTests(EntApp app) : IClassFixture<EntApp>
{
    private async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, args);
    }

    private Task<long> MessagesAsync(string identifiant) => ScalarAsync<long>("""
        SELECT count(*) FROM communication.message_sortant m JOIN identite.compte c ON c.personne_id = m.personne_id
        WHERE c.identifiant = @identifiant
        """, new { identifiant });

    private async Task<HttpStatusCode> ConnexionAsync(string identifiant, string motDePasse)
    {
        using var navigateur = new Navigateur(app);
        var page = await (await navigateur.Client.GetAsync("/connexion")).Content.ReadAsStringAsync();
        return (await navigateur.SoumettreConnexionAsync(page, identifiant, motDePasse)).StatusCode;
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_alerts_the_owner()
    {
        var client = app.ClientConnecte("prof.06");

        var mauvais = await client.PutAsync("/api/identite/me/mot-de-passe", Http.JsonBody("""{"actuel": "faux", "nouveau": "un-nouveau-mot-2026"}"""));
        var faible = await client.PutAsync("/api/identite/me/mot-de-passe", Http.JsonBody($$"""{"actuel": "{{DemoLycee.MotDePasse}}", "nouveau": "court"}"""));
        var avant = await MessagesAsync("prof.06");
        var bon = await client.PutAsync("/api/identite/me/mot-de-passe", Http.JsonBody($$"""{"actuel": "{{DemoLycee.MotDePasse}}", "nouveau": "un-nouveau-mot-2026"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, mauvais.StatusCode);
        Assert.NotNull((await mauvais.ReadJsonAsync())["errors"]!["actuel"]);
        Assert.NotNull((await faible.ReadJsonAsync())["errors"]!["nouveau"]);
        Assert.Equal(HttpStatusCode.NoContent, bon.StatusCode);
        Assert.Equal(avant + 1, await MessagesAsync("prof.06"));
        Assert.Equal(HttpStatusCode.Redirect, await ConnexionAsync("prof.06", "un-nouveau-mot-2026"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ConnexionAsync("prof.07", "un-nouveau-mot-2026"));
    }

    [Fact]
    public async Task Contacts_are_validated_and_normalised_before_a_code_is_sent()
    {
        var client = app.ClientConnecte("parent.010");
        StringContent Demande(string contact, string valeur) => Http.JsonBody(new System.Text.Json.Nodes.JsonObject
        {
            ["contact"] = contact, ["valeur"] = valeur, ["motDePasse"] = DemoLycee.MotDePasse,
        }.ToJsonString());

        var emailInvalide = await client.PostAsync("/api/identite/me/contacts/changements", Demande("email", "pas-une-adresse"));
        var mobileInvalide = await client.PostAsync("/api/identite/me/contacts/changements", Demande("mobile", "12"));
        var contactInconnu = await client.PostAsync("/api/identite/me/contacts/changements", Demande("fax", "0102030405"));
        var mobile = await client.PostAsync("/api/identite/me/contacts/changements", Demande("mobile", "06 12 34 56 78"));

        Assert.NotNull((await emailInvalide.ReadJsonAsync())["errors"]!["valeur"]);
        Assert.NotNull((await mobileInvalide.ReadJsonAsync())["errors"]!["valeur"]);
        Assert.NotNull((await contactInconnu.ReadJsonAsync())["errors"]!["contact"]);
        Assert.Equal(HttpStatusCode.OK, mobile.StatusCode);
        Assert.Equal("+33612345678", (string?)(await mobile.ReadJsonAsync())["enAttente"]!["destination"]);
        Assert.Equal(1L, await ScalarAsync<long>("""
            SELECT count(*) FROM communication.message_sortant WHERE canal = 'sms' AND adresse = '+33612345678' AND sujet = 'Code Ent'
            """));
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_with_a_code_sent_by_sms()
    {
        using var navigateur = new Navigateur(app);
        var formulaire = Navigateur.Champs(await (await navigateur.Client.GetAsync("/connexion/oubli")).Content.ReadAsStringAsync());
        formulaire["Identifiant"] = "parent.020";

        var demande = await navigateur.Client.PostAsync("/connexion/oubli", new FormUrlEncodedContent(formulaire));
        var texte = await ScalarAsync<string>("""
            SELECT m.texte FROM communication.message_sortant m JOIN identite.compte c ON c.personne_id = m.personne_id
            WHERE c.identifiant = 'parent.020' AND m.canal = 'sms' AND m.sujet = 'Code Ent'
            """);
        var code = CodeSms().Match(texte!).Value;

        var pageCode = await (await navigateur.Client.GetAsync(demande.Headers.Location)).Content.ReadAsStringAsync();
        var champs = Navigateur.Champs(pageCode);
        champs["Identifiant"] = "parent.020";
        champs["MotDePasse"] = "mon-nouveau-secret";
        champs["Confirmation"] = "mon-nouveau-secret";
        champs["Code"] = code == "000000" ? "111111" : "000000";
        var faux = await navigateur.Client.PostAsync("/connexion/oubli/code", new FormUrlEncodedContent(champs));
        champs["Code"] = code;
        var bon = await navigateur.Client.PostAsync("/connexion/oubli/code", new FormUrlEncodedContent(champs));
        var rejoue = await navigateur.Client.PostAsync("/connexion/oubli/code", new FormUrlEncodedContent(champs));

        Assert.Equal(HttpStatusCode.Redirect, demande.StatusCode);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(HttpStatusCode.BadRequest, faux.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bon.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejoue.StatusCode); // a code is used once
        Assert.Equal(HttpStatusCode.Redirect, await ConnexionAsync("parent.020", "mon-nouveau-secret"));
        Assert.DoesNotContain(code, await ScalarAsync<string>("SELECT string_agg(code_hash, ' ') FROM identite.code_reinitialisation") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_a_code_answers_the_same_for_an_unknown_login_and_is_limited_per_hour()
    {
        using var navigateur = new Navigateur(app);
        async Task<HttpResponseMessage> DemanderAsync(string identifiant)
        {
            var champs = Navigateur.Champs(await (await navigateur.Client.GetAsync("/connexion/oubli")).Content.ReadAsStringAsync());
            champs["Identifiant"] = identifiant;
            return await navigateur.Client.PostAsync("/connexion/oubli", new FormUrlEncodedContent(champs));
        }

        var inconnu = await DemanderAsync("personne.inconnue");
        for (var i = 0; i < 5; i++)
        {
            await DemanderAsync("parent.030");
        }

        Assert.Equal(HttpStatusCode.Redirect, inconnu.StatusCode);
        Assert.Equal(OubliEndpointsCodesParHeure, await ScalarAsync<long>("""
            SELECT count(*) FROM identite.code_reinitialisation r JOIN identite.compte c ON c.id = r.compte_id WHERE c.identifiant = 'parent.030'
            """));
    }

    private const long OubliEndpointsCodesParHeure = Ent.Identite.Connexion.OubliEndpoints.CodesParHeure;

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex CodeSms();
}
