using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Identite.Connexion;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests;

/// <summary>
/// What protects an account from someone holding a token but not the password (issue 12): contacts change only with
/// the password and a code sent to the new contact, the current password is not an unlimited oracle, the reset flow
/// is limited per address and does not tell known logins by its timing, and concurrent guesses respect the lockout.
/// Each test uses its own logins and addresses: they share one database.
/// </summary>
public sealed partial class ProtectionCompteTests(ComptesApp app) : IClassFixture<ComptesApp>
{
    private async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, args);
    }

    private Task<string?> ContactAsync(string identifiant, string colonne) => ScalarAsync<string>($"""
        SELECT p.{colonne} FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id WHERE c.identifiant = @identifiant
        """, new { identifiant });

    /// <summary>The code of the last message sent to <paramref name="adresse"/>.</summary>
    private async Task<string> CodeEnvoyeAAsync(string adresse)
    {
        var texte = await ScalarAsync<string>(
            "SELECT texte FROM communication.message_sortant WHERE adresse = @adresse ORDER BY cree_le DESC, id DESC LIMIT 1", new { adresse });
        Assert.NotNull(texte);
        return CodeSms().Match(texte).Value;
    }

    private static string Faux(string code) => code == "000000" ? "111111" : "000000";

    private static StringContent Json(JsonObject corps) => Http.JsonBody(corps.ToJsonString());

    private static Task<HttpResponseMessage> DemanderAsync(HttpClient client, string contact, string? valeur, string motDePasse = DemoLycee.MotDePasse) =>
        client.PostAsync("/api/identite/me/contacts/changements", Json(new JsonObject { ["contact"] = contact, ["valeur"] = valeur, ["motDePasse"] = motDePasse }));

    private static Task<HttpResponseMessage> ConfirmerAsync(HttpClient client, string id, string code) =>
        client.PostAsync($"/api/identite/me/contacts/changements/{id}/confirmation", Json(new JsonObject { ["code"] = code }));

    [Fact]
    public async Task A_new_mobile_needs_the_password_and_the_code_sent_to_it_and_the_previous_one_is_told()
    {
        var client = app.ClientConnecte("parent.101");
        var ancien = await ContactAsync("parent.101", "mobile");

        var sansMotDePasse = await DemanderAsync(client, "mobile", "06 99 88 77 66", "pas-le-bon");
        var envoiSansMotDePasse = await ScalarAsync<long>("SELECT count(*) FROM communication.message_sortant WHERE adresse = '+33699887766'");
        var demande = await DemanderAsync(client, "mobile", "06 99 88 77 66");
        var enAttente = (await demande.ReadJsonAsync())["enAttente"]!;
        var avantConfirmation = await ContactAsync("parent.101", "mobile");
        var code = await CodeEnvoyeAAsync("+33699887766");
        var faux = await ConfirmerAsync(client, (string)enAttente["id"]!, Faux(code));
        var bon = await ConfirmerAsync(client, (string)enAttente["id"]!, code);
        var rejoue = await ConfirmerAsync(client, (string)enAttente["id"]!, code);

        Assert.Equal(HttpStatusCode.BadRequest, sansMotDePasse.StatusCode);
        Assert.NotNull((await sansMotDePasse.ReadJsonAsync())["errors"]!["motDePasse"]);
        Assert.Equal(0L, envoiSansMotDePasse);
        Assert.Equal(HttpStatusCode.OK, demande.StatusCode);
        Assert.Equal("+33699887766", (string?)enAttente["destination"]);
        Assert.Equal(ancien, avantConfirmation); // nothing changes before the code comes back
        Assert.Equal(HttpStatusCode.BadRequest, faux.StatusCode);
        Assert.Contains("il vous reste 4 essais", await faux.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bon.StatusCode);
        Assert.Equal("+33699887766", (string?)(await bon.ReadJsonAsync())["mobile"]);
        Assert.Equal(HttpStatusCode.NotFound, rejoue.StatusCode);
        Assert.Equal("+33699887766", await ContactAsync("parent.101", "mobile"));
        Assert.Equal(1L, await ScalarAsync<long>(
            "SELECT count(*) FROM communication.message_sortant WHERE adresse = @ancien AND sujet = 'Mobile modifié'", new { ancien }));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"mobile": null}""")]
    [InlineData("""{"email": "pirate@exemple.fr", "mobile": "0611111111"}""")]
    public async Task A_bearer_token_alone_changes_and_erases_nothing(string corps)
    {
        var client = app.ClientConnecte("parent.102");
        var email = await ContactAsync("parent.102", "email");
        var mobile = await ContactAsync("parent.102", "mobile");

        var ancienneRoute = await client.PutAsync("/api/identite/me/contacts", Http.JsonBody(corps));
        var sansContact = await client.PostAsync("/api/identite/me/contacts/changements", Http.JsonBody(corps));

        Assert.False(ancienneRoute.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, sansContact.StatusCode);
        Assert.Equal(email, await ContactAsync("parent.102", "email"));
        Assert.Equal(mobile, await ContactAsync("parent.102", "mobile"));
    }

    [Fact]
    public async Task A_contact_is_removed_only_explicitly_and_never_the_last_one()
    {
        var client = app.ClientConnecte("parent.103");
        var mobile = await ContactAsync("parent.103", "mobile");

        var retraitEmail = await DemanderAsync(client, "email", null);
        var retraitMobile = await DemanderAsync(client, "mobile", "");

        Assert.Equal(HttpStatusCode.OK, retraitEmail.StatusCode);
        Assert.Null((await retraitEmail.ReadJsonAsync())["enAttente"]);
        Assert.Null(await ContactAsync("parent.103", "email"));
        Assert.Equal(HttpStatusCode.BadRequest, retraitMobile.StatusCode);
        Assert.Contains("seul moyen de vous prévenir", (string?)(await retraitMobile.ReadJsonAsync())["errors"]!["valeur"]![0], StringComparison.Ordinal);
        Assert.Equal(mobile, await ContactAsync("parent.103", "mobile"));
    }

    [Fact]
    public async Task A_code_expires_and_allows_five_tries()
    {
        var client = app.ClientConnecte("parent.104");
        var premier = (string)(await (await DemanderAsync(client, "email", "nouvelle.104@exemple.fr")).ReadJsonAsync())["enAttente"]!["id"]!;
        var codePremier = await CodeEnvoyeAAsync("nouvelle.104@exemple.fr");
        // Expired: its end moved into the past (the host's clock is left alone: tokens would expire with it).
        await ScalarAsync<int>("UPDATE identite.changement_contact SET expire_le = now() - interval '1 minute' WHERE id = @premier::uuid", new { premier });
        var expire = await ConfirmerAsync(client, premier, codePremier);

        var second = (string)(await (await DemanderAsync(client, "email", "autre.104@exemple.fr")).ReadJsonAsync())["enAttente"]!["id"]!;
        var codeSecond = await CodeEnvoyeAAsync("autre.104@exemple.fr");
        for (var i = 0; i < ConfirmerEssais; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await ConfirmerAsync(client, second, Faux(codeSecond))).StatusCode);
        }

        var apresEssais = await ConfirmerAsync(client, second, codeSecond);

        Assert.Equal(HttpStatusCode.BadRequest, expire.StatusCode);
        Assert.Contains("expiré", await expire.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, apresEssais.StatusCode);
        Assert.Contains("Trop d'essais", await apresEssais.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("parent.104@demo.example.org", await ContactAsync("parent.104", "email"));
    }

    private const int ConfirmerEssais = Ent.Identite.Moi.ConfirmerChangementContactEndpoint.EssaisParCode;

    [Fact]
    public async Task A_third_party_application_granted_identite_write_never_changes_contacts()
    {
        using var navigateur = new Navigateur(app);
        var verificateur = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var defi = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verificateur)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var url = "/connect/authorize?client_id=" + ComptesApp.TiersEcriture + "&response_type=code&scope=identite.read%20identite.write"
                  + "&redirect_uri=" + Uri.EscapeDataString(ComptesApp.RetourTiersEcriture)
                  + "&code_challenge=" + defi + "&code_challenge_method=S256&state=abc";
        var (consentement, _) = await navigateur.ParcourirAsync(url, "parent.105", DemoLycee.MotDePasse, "https://ecriture.example.org/");
        var champs = Navigateur.Champs(await consentement.Content.ReadAsStringAsync());
        champs["consentement"] = "accepter";
        var accepte = await navigateur.Client.PostAsync("/connect/authorize", new FormUrlEncodedContent(champs));
        var code = System.Web.HttpUtility.ParseQueryString(accepte.Headers.Location!.Query)["code"]!;
        var jeton = await navigateur.Client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = ComptesApp.RetourTiersEcriture,
            ["client_id"] = ComptesApp.TiersEcriture, ["client_secret"] = EntApp.SecretTiers, ["code_verifier"] = verificateur,
        }));
        var acces = (string)(await jeton.ReadJsonAsync())["access_token"]!;
        using var tiers = app.CreateClient();
        tiers.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", acces);
        var mobile = await ContactAsync("parent.105", "mobile");

        var moi = await tiers.GetAsync("/api/identite/me");
        var demande = await DemanderAsync(tiers, "mobile", "06 55 44 33 22");
        var retrait = await DemanderAsync(tiers, "email", null);

        Assert.Equal(HttpStatusCode.OK, moi.StatusCode); // the token works: only contacts are out of its reach
        Assert.Equal(HttpStatusCode.Forbidden, demande.StatusCode);
        Assert.Equal("urn:ent:probleme:acces-refuse", (string?)(await demande.ReadJsonAsync())["type"]);
        Assert.Equal(HttpStatusCode.Forbidden, retrait.StatusCode);
        Assert.Equal(mobile, await ContactAsync("parent.105", "mobile"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM communication.message_sortant WHERE adresse = '+33655443322'"));
    }

    [Fact]
    public async Task A_reset_in_the_days_after_a_contact_change_alerts_the_previous_contact()
    {
        var client = app.ClientConnecte("parent.106");
        var ancien = await ContactAsync("parent.106", "mobile");
        var id = (string)(await (await DemanderAsync(client, "mobile", "07 12 12 12 12")).ReadJsonAsync())["enAttente"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await ConfirmerAsync(client, id, await CodeEnvoyeAAsync("+33712121212"))).StatusCode);

        using var navigateur = new Navigateur(app);
        var formulaire = Navigateur.Champs(await (await navigateur.Client.GetAsync("/connexion/oubli")).Content.ReadAsStringAsync());
        formulaire["Identifiant"] = "parent.106";
        await navigateur.Client.PostAsync("/connexion/oubli", new FormUrlEncodedContent(formulaire));
        var champs = Navigateur.Champs(await (await navigateur.Client.GetAsync("/connexion/oubli/code")).Content.ReadAsStringAsync());
        champs["Identifiant"] = "parent.106";
        champs["Code"] = await CodeEnvoyeAAsync("+33712121212");
        champs["MotDePasse"] = champs["Confirmation"] = "un-secret-tout-neuf";
        var reinitialise = await navigateur.Client.PostAsync("/connexion/oubli/code", new FormUrlEncodedContent(champs));

        Assert.Equal(HttpStatusCode.OK, reinitialise.StatusCode);
        Assert.Equal(1L, await ScalarAsync<long>(
            "SELECT count(*) FROM communication.message_sortant WHERE adresse = @ancien AND sujet = 'Mot de passe réinitialisé'", new { ancien }));
    }

    [Fact]
    public async Task Wrong_current_passwords_lock_the_change_like_the_login_with_retry_after()
    {
        var client = app.ClientConnecte("prof.11");
        var statuts = new List<HttpStatusCode>();
        HttpResponseMessage? derniere = null;
        for (var i = 0; i < 8; i++)
        {
            derniere = await client.PutAsync("/api/identite/me/mot-de-passe", Http.JsonBody($$"""{"actuel": "faux-{{i}}", "nouveau": "un-nouveau-mot-2026"}"""));
            statuts.Add(derniere.StatusCode);
        }

        var bon = await client.PutAsync("/api/identite/me/mot-de-passe", Http.JsonBody($$"""{"actuel": "{{DemoLycee.MotDePasse}}", "nouveau": "un-nouveau-mot-2026"}"""));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuts);
        Assert.Equal("urn:ent:probleme:trop-de-requetes", (string?)(await derniere!.ReadJsonAsync())["type"]);
        Assert.Equal("application/problem+json", derniere!.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(15), derniere!.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, bon.StatusCode); // locked, even against the right password
    }

    [Fact]
    public async Task Wrong_current_passwords_count_against_the_address_too()
    {
        var client = app.ClientConnecte("prof.12");
        const string adresse = "198.51.100.12";
        await ScalarAsync<int>("""
            INSERT INTO identite.tentative_connexion (identifiant, adresse, reussie, le)
            SELECT 'autre.' || n, '198.51.100.12'::inet, false, now() FROM generate_series(1, 20) n
            """);
        using var requete = new HttpRequestMessage(HttpMethod.Put, "/api/identite/me/mot-de-passe")
        {
            Content = Http.JsonBody($$"""{"actuel": "{{DemoLycee.MotDePasse}}", "nouveau": "un-nouveau-mot-2026"}"""),
        };
        requete.Headers.Add(ComptesApp.EnTeteAdresse, adresse);

        var reponse = await client.SendAsync(requete);

        Assert.Equal(HttpStatusCode.TooManyRequests, reponse.StatusCode);
        Assert.NotNull(reponse.Headers.RetryAfter);
    }

    private async Task<(Navigateur Navigateur, Dictionary<string, string> Champs)> PageAsync(string chemin)
    {
        var navigateur = new Navigateur(app);
        return (navigateur, Navigateur.Champs(await (await navigateur.Client.GetAsync(chemin)).Content.ReadAsStringAsync()));
    }

    private static Task<HttpResponseMessage> PosterAsync(Navigateur navigateur, string chemin, Dictionary<string, string> champs, string? adresse)
    {
        var requete = new HttpRequestMessage(HttpMethod.Post, chemin) { Content = new FormUrlEncodedContent(champs) };
        if (adresse is not null)
        {
            requete.Headers.Add(ComptesApp.EnTeteAdresse, adresse);
        }

        return navigateur.Client.SendAsync(requete);
    }

    [Fact]
    public async Task Wrong_reset_codes_are_limited_per_address()
    {
        var (navigateur, champs) = await PageAsync("/connexion/oubli/code");
        using var _ = navigateur;
        champs["Code"] = "000000";
        champs["MotDePasse"] = champs["Confirmation"] = "un-secret-tout-neuf";
        var statuts = new List<HttpStatusCode>();
        HttpResponseMessage? derniere = null;
        for (var i = 0; i < Comptes.EchecsParAdresse + 2; i++)
        {
            champs["Identifiant"] = $"parent.{120 + i:D3}";
            derniere = await PosterAsync(navigateur, "/connexion/oubli/code", champs, "198.51.100.21");
            statuts.Add(derniere.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, Comptes.EchecsParAdresse).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuts);
        Assert.NotNull(derniere!.Headers.RetryAfter);
        Assert.Contains("Trop de tentatives", await derniere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_requests_are_limited_per_address()
    {
        var (navigateur, champs) = await PageAsync("/connexion/oubli");
        using var _ = navigateur;
        var statuts = new List<HttpStatusCode>();
        HttpResponseMessage? derniere = null;
        for (var i = 0; i < OubliEndpoints.DemandesParAdresse + 1; i++)
        {
            champs["Identifiant"] = $"inconnu.{i}";
            derniere = await PosterAsync(navigateur, "/connexion/oubli", champs, "198.51.100.22");
            statuts.Add(derniere.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Redirect, OubliEndpoints.DemandesParAdresse).Append(HttpStatusCode.TooManyRequests), statuts);
        Assert.NotNull(derniere!.Headers.RetryAfter);
    }

    /// <summary>
    /// Timing, measured rather than inferred from the code: a structural test (same queries, same hash) would pass
    /// with a path nobody thought of that still differs, and what an attacker sees is time. Robust on a loaded
    /// machine: requests alternate known/unknown so load drifts hit both alike, medians ignore outliers, and the
    /// bound is a ratio (before the fix ≈ 12, after ≈ 1), never an absolute duration. Each known request has its
    /// recent codes cleared so that it does the full work (a code stored, a message queued) every time.
    /// </summary>
    [Fact]
    public async Task Asking_a_code_takes_as_long_for_an_unknown_login_as_for_a_known_one()
    {
        var (navigateur, champs) = await PageAsync("/connexion/oubli");
        using var _ = navigateur;
        async Task<double> MesurerAsync(string identifiant, int n)
        {
            champs["Identifiant"] = identifiant;
            await ScalarAsync<int>("DELETE FROM identite.demande_oubli; DELETE FROM identite.code_reinitialisation r USING identite.compte c WHERE c.id = r.compte_id AND c.identifiant = 'parent.140'");
            var chrono = Stopwatch.StartNew();
            var reponse = await PosterAsync(navigateur, "/connexion/oubli", champs, $"198.51.100.{30 + n % 50}");
            chrono.Stop();
            Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
            return chrono.Elapsed.TotalMilliseconds;
        }

        await MesurerAsync("parent.140", 0); // warm-up: the first request of each path pays for JIT
        await MesurerAsync("inconnu.140", 0);
        var connus = new List<double>();
        var inconnus = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            connus.Add(await MesurerAsync("parent.140", i));
            inconnus.Add(await MesurerAsync($"inconnu.{i}", i));
        }

        static double Mediane(List<double> valeurs) => valeurs.Order().ElementAt(valeurs.Count / 2);
        var rapport = Mediane(connus) / Mediane(inconnus);
        Assert.True(rapport is > 0.6 and < 1.6, $"median known {Mediane(connus):F1} ms, unknown {Mediane(inconnus):F1} ms, ratio {rapport:F2}");
    }

    [Fact]
    public async Task Thirty_concurrent_wrong_passwords_get_at_most_five_checked()
    {
        var (navigateur, champs) = await PageAsync("/connexion");
        using var _ = navigateur;
        champs["Identifiant"] = "prof.13";
        var reponses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
        {
            var mes = new Dictionary<string, string>(champs) { ["MotDePasse"] = $"mauvais-{i}" };
            return navigateur.Client.PostAsync("/connexion", new FormUrlEncodedContent(mes));
        }));

        Assert.Equal(Comptes.EchecsAvantVerrouillage, reponses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(30 - Comptes.EchecsAvantVerrouillage, reponses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(Comptes.EchecsAvantVerrouillage, await ScalarAsync<long>("SELECT count(*) FROM identite.tentative_connexion WHERE identifiant = 'prof.13'"));
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex CodeSms();
}

/// <summary>The per-instance ceiling on the forgotten-password pages, whatever the address.</summary>
public sealed class OubliPlafonneTests(OubliPlafonneApp app) : IClassFixture<OubliPlafonneApp>
{
    [Fact]
    public async Task Past_the_ceiling_every_address_waits_with_retry_after()
    {
        using var navigateur = new Navigateur(app);
        var champs = Navigateur.Champs(await (await navigateur.Client.GetAsync("/connexion/oubli")).Content.ReadAsStringAsync());
        champs["Identifiant"] = "parent.001";
        var statuts = new List<HttpStatusCode>();
        HttpResponseMessage? derniere = null;
        for (var i = 0; i < 3; i++)
        {
            derniere = await navigateur.Client.PostAsync("/connexion/oubli", new FormUrlEncodedContent(champs));
            statuts.Add(derniere.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuts);
        Assert.NotNull(derniere!.Headers.RetryAfter);
        Assert.Contains("Trop de demandes", await derniere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
