using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ent.Kernel.Demo;
using Ent.Testing;
using Npgsql;
using OtpNet;

namespace Ent.Identite.Tests.DoubleAuthentification;

/// <summary>TOTP second factor: enrolment through the API, the login's code step, recovery codes, lockout, storage.</summary>
public sealed partial class DoubleAuthentificationTests(EntAppHorloge app) : IClassFixture<EntAppHorloge>
{
    private const string Adresse = "/api/identite/me/double-authentification";

    private string Code(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(app.Horloge.GetUtcNow().UtcDateTime);

    /// <summary>Enrols <paramref name="identifiant"/> through the API; returns the secret and the recovery codes.</summary>
    private async Task<(string Secret, string Uri, string[] CodesSecours)> ActiverAsync(string identifiant)
    {
        var client = app.ClientConnecte(identifiant);
        var debut = await client.PostAsync(Adresse, null);
        Assert.Equal(HttpStatusCode.OK, debut.StatusCode);
        var enrolement = await debut.Content.ReadFromJsonAsync<JsonElement>();
        var secret = enrolement.GetProperty("secret").GetString()!;

        app.Horloge.PasSuivant();
        var confirmation = await client.PostAsJsonAsync(Adresse + "/confirmation", new { code = Code(secret) });
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        var codes = (await confirmation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codesSecours")
            .EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (secret, enrolement.GetProperty("uri").GetString()!, codes);
    }

    /// <summary>Password on the login page; returns the page that follows (the code page when a code is needed).</summary>
    private static async Task<(HttpResponseMessage Reponse, string Page)> MotDePasseAsync(Navigateur navigateur, string identifiant)
    {
        var formulaire = await (await navigateur.Client.GetAsync("/connexion")).Content.ReadAsStringAsync();
        var reponse = await navigateur.SoumettreConnexionAsync(formulaire, identifiant, DemoLycee.MotDePasse);
        return (reponse, await reponse.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Page)> CodeAsync(Navigateur navigateur, string page, string code)
    {
        var reponse = await navigateur.SoumettreCodeAsync(page, code);
        return (reponse.StatusCode, WebUtility.HtmlDecode(await reponse.Content.ReadAsStringAsync()));
    }

    private async Task ExigerPourLesPersonnelsAsync(bool exige)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("UPDATE identite.etablissement SET double_authentification_personnel = @exige", conn);
        cmd.Parameters.AddWithValue("exige", exige);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Enrolment_gives_an_otpauth_uri_and_confirmation_gives_ten_recovery_codes()
    {
        var (secret, uri, codes) = await ActiverAsync("prof.01");

        Assert.StartsWith("otpauth://totp/Ent:prof.01?secret=" + secret, uri, StringComparison.Ordinal);
        Assert.Contains("issuer=Ent", uri, StringComparison.Ordinal);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[0-9]{4}-[0-9]{4}-[0-9]{4}$", c));
    }

    [Fact]
    public async Task A_wrong_confirmation_code_is_a_french_validation_problem()
    {
        var client = app.ClientConnecte("prof.07");
        await client.PostAsync(Adresse, null);

        var reponse = await client.PostAsJsonAsync(Adresse + "/confirmation", new { code = "12" });

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var probleme = await reponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:ent:probleme:validation", probleme.GetProperty("type").GetString());
        Assert.Equal("Le code est fait de 6 chiffres.", probleme.GetProperty("errors").GetProperty("code")[0].GetString());
    }

    [Fact]
    public async Task The_login_asks_for_the_code_refuses_a_wrong_one_accepts_the_right_one_and_refuses_its_replay()
    {
        var (secret, _, _) = await ActiverAsync("prof.02");
        app.Horloge.PasSuivant();
        using var navigateur = new Navigateur(app);

        var (apresMotDePasse, page) = await MotDePasseAsync(navigateur, "prof.02");
        Assert.Equal(HttpStatusCode.OK, apresMotDePasse.StatusCode);
        Assert.Contains("Code de vérification", page, StringComparison.Ordinal);
        Assert.Contains("""autocomplete="one-time-code" """.Trim(), page, StringComparison.Ordinal);
        Assert.Contains("""inputmode="numeric" """.Trim(), page, StringComparison.Ordinal);
        Assert.DoesNotContain(apresMotDePasse.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".AspNetCore.Cookies", StringComparison.Ordinal)));

        var code = Code(secret);
        var faux = code == "000000" ? "111111" : "000000";
        var (statusFaux, pageFaux) = await CodeAsync(navigateur, page, faux);
        Assert.Equal(HttpStatusCode.Unauthorized, statusFaux);
        Assert.Contains("Code incorrect", pageFaux, StringComparison.Ordinal);

        var (statusJuste, _) = await CodeAsync(navigateur, page, code);
        Assert.Equal(HttpStatusCode.Redirect, statusJuste);

        using var autre = new Navigateur(app);
        var (_, pageAutre) = await MotDePasseAsync(autre, "prof.02");
        var (statusRejoue, pageRejoue) = await CodeAsync(autre, pageAutre, code);
        Assert.Equal(HttpStatusCode.Unauthorized, statusRejoue);
        Assert.Contains("déjà utilisé", pageRejoue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, _, codes) = await ActiverAsync("prof.03");

        using var premier = new Navigateur(app);
        var (_, page) = await MotDePasseAsync(premier, "prof.03");
        var (status, _) = await CodeAsync(premier, page, codes[3]);
        Assert.Equal(HttpStatusCode.Redirect, status);

        using var second = new Navigateur(app);
        var (_, page2) = await MotDePasseAsync(second, "prof.03");
        var (status2, _) = await CodeAsync(second, page2, codes[3]);
        Assert.Equal(HttpStatusCode.Unauthorized, status2);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_login_even_against_the_right_code_and_password()
    {
        var (secret, _, _) = await ActiverAsync("prof.04");
        app.Horloge.PasSuivant();
        using var navigateur = new Navigateur(app);
        var (_, page) = await MotDePasseAsync(navigateur, "prof.04");
        var juste = Code(secret);
        var faux = juste == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await CodeAsync(navigateur, page, faux)).Status);
        }

        var (status, pageVerrou) = await CodeAsync(navigateur, page, juste);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("réessayez dans 15 minutes", pageVerrou, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await MotDePasseAsync(navigateur, "prof.04")).Reponse.StatusCode);
    }

    [Fact]
    public async Task The_secret_and_the_recovery_codes_are_not_stored_in_clear()
    {
        var (secret, _, codes) = await ActiverAsync("prof.05");

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT c.secret_mfa, (SELECT string_agg(s.hash, ' ') FROM identite.code_secours s WHERE s.compte_id = c.id)
            FROM identite.compte c WHERE c.identifiant = 'prof.05'
            """, conn);
        await using var lecteur = await cmd.ExecuteReaderAsync();
        Assert.True(await lecteur.ReadAsync());
        var stocke = lecteur.GetString(0);
        var hashes = lecteur.GetString(1);

        Assert.DoesNotContain(secret, stocke, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(Base32Encoding.ToString(Base32Encoding.ToBytes(secret)), stocke);
        Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), hashes, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_of_an_etablissement_that_requires_it_set_it_up_at_login_guardians_and_teachers_do_not()
    {
        await ExigerPourLesPersonnelsAsync(true);
        try
        {
            using var navigateur = new Navigateur(app);
            var (reponse, page) = await MotDePasseAsync(navigateur, "cpe");
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            Assert.Contains("Activer la double authentification", page, StringComparison.Ordinal);
            var secret = SecretAffiche().Match(page).Groups[1].Value;
            Assert.NotEmpty(secret);
            Assert.Contains("otpauth://totp/Ent:cpe?secret=" + secret, WebUtility.HtmlDecode(page), StringComparison.Ordinal);

            app.Horloge.PasSuivant();
            var (status, pageCodes) = await CodeAsync(navigateur, page, Code(secret));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Vos codes de secours", pageCodes, StringComparison.Ordinal);
            Assert.Equal(10, CodeSecoursAffiche().Count(pageCodes));

            // Signed in: the SPA gets its token from this session, without the password (a wrong one is given).
            var session = await Jetons.ClientSpa(app, navigateur, "cpe", motDePasse: "ne-doit-pas-servir").LoginAsync();
            Assert.False(session.IsError, session.Error);

            // The next login of the same person asks for a code, and the test browsers can answer it.
            app.Horloge.PasSuivant();
            using var autre = new Navigateur(app);
            var jeton = await Jetons.ClientSpa(app, autre, "cpe", code: () => Code(secret)).LoginAsync();
            Assert.False(jeton.IsError, jeton.Error);

            foreach (var identifiant in new[] { "parent.001", "prof.06" })
            {
                using var sansCode = new Navigateur(app);
                Assert.Equal(HttpStatusCode.Redirect, (await MotDePasseAsync(sansCode, identifiant)).Reponse.StatusCode);
            }
        }
        finally
        {
            await ExigerPourLesPersonnelsAsync(false);
        }
    }

    [Fact]
    public async Task Disabling_is_refused_while_the_etablissement_requires_it_and_needs_a_code_otherwise()
    {
        await ExigerPourLesPersonnelsAsync(false);
        var (secret, _, _) = await ActiverAsync("infirmerie");
        var client = app.ClientConnecte("infirmerie");

        await ExigerPourLesPersonnelsAsync(true);
        try
        {
            app.Horloge.PasSuivant();
            var refus = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Adresse) { Content = JsonContent.Create(new { code = Code(secret) }) });
            Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
            Assert.Contains("exige la double authentification", await refus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await ExigerPourLesPersonnelsAsync(false);
        }

        app.Horloge.PasSuivant();
        var sansCode = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Adresse) { Content = JsonContent.Create(new { code = "" }) });
        Assert.Equal(HttpStatusCode.BadRequest, sansCode.StatusCode);

        var accepte = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, Adresse) { Content = JsonContent.Create(new { code = Code(secret) }) });
        Assert.Equal(HttpStatusCode.NoContent, accepte.StatusCode);

        using var navigateur = new Navigateur(app);
        Assert.Equal(HttpStatusCode.Redirect, (await MotDePasseAsync(navigateur, "infirmerie")).Reponse.StatusCode);
    }

    [GeneratedRegex("""<code id="secret">([A-Z2-7]+)</code>""")]
    private static partial Regex SecretAffiche();

    [GeneratedRegex("""<li><code>[0-9]{4}-[0-9]{4}-[0-9]{4}</code></li>""")]
    private static partial Regex CodeSecoursAffiche();
}
