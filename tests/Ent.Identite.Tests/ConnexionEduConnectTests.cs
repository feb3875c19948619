using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Browser;
using Ent.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Ent.Identite.Tests;

/// <summary>The real host with Ent:EduConnect pointing at the stand-in (plain http on loopback).</summary>
public sealed class EntAppEduConnect : EntApp
{
    public EduConnectStub Stub { get; } = EduConnectStub.Demarrer();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:EduConnect:Authority"] = Stub.Authority,
        ["Ent:EduConnect:ClientId"] = Stub.ClientId,
        ["Ent:EduConnect:ClientSecret"] = Stub.ClientSecret,
        ["Ent:EduConnect:RequireHttpsMetadata"] = "false",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Stub.Dispose();
    }
}

/// <summary>
/// Logging in with EduConnect through the real host: the login page's button, the OIDC handler against the stand-in,
/// the account found by matching and linked at the first login, then by the link alone; and every way it must fail.
/// A browser here is the test server's cookie-keeping client, plus a plain client for the stand-in's pages.
/// </summary>
public sealed partial class ConnexionEduConnectTests(EntAppEduConnect app) : IClassFixture<EntAppEduConnect>
{
    private const string Apres = "/apres-connexion";
    private const string RedirectSpa = "http://localhost/connexion/retour";

    private EduConnectStub Stub => app.Stub;

    private sealed record Parcours(HttpResponseMessage Derniere, Uri? Sortie, Uri? Retour, string Page);

    /// <summary>
    /// Follows redirects like a browser, between the host and the stand-in; on the login page, clicks "Se connecter
    /// avec ÉduConnect". Stops at a page, or at a redirect to <paramref name="sortie"/> (the return address).
    /// </summary>
    private async Task<Parcours> ParcourirAsync(Navigateur navigateur, string url, string sortie = "http://localhost" + Apres)
    {
        using var externe = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var courant = new Uri(navigateur.Client.BaseAddress!, url);
        Uri? retour = null;
        for (var i = 0; i < 15; i++)
        {
            var stub = courant.GetLeftPart(UriPartial.Authority) == Stub.Authority;
            if (!stub && courant.AbsolutePath == "/connexion/educonnect/retour")
            {
                retour = courant;
            }

            var reponse = await (stub ? externe : navigateur.Client).GetAsync(courant);
            var page = await reponse.Content.ReadAsStringAsync();
            if (reponse.StatusCode == HttpStatusCode.OK && !stub && courant.AbsolutePath == "/connexion")
            {
                courant = new Uri(courant, WebUtility.HtmlDecode(LienEduConnect().Match(page).Groups["href"].Value));
                continue;
            }

            if (reponse.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                return new Parcours(reponse, null, retour, page);
            }

            var cible = new Uri(courant, reponse.Headers.Location!);
            if (cible.AbsoluteUri.StartsWith(sortie, StringComparison.Ordinal))
            {
                return new Parcours(reponse, cible, retour, page);
            }

            courant = cible;
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    [GeneratedRegex("""<a class="bouton secondaire" href="(?<href>[^"]+)">Se connecter avec ÉduConnect</a>""")]
    private static partial Regex LienEduConnect();

    /// <summary>OidcClient's browser: a person who logs in with EduConnect when the login page shows.</summary>
    private sealed class ViaEduConnect(ConnexionEduConnectTests tests, Navigateur navigateur) : IBrowser
    {
        public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
        {
            var parcours = await tests.ParcourirAsync(navigateur, options.StartUrl, options.EndUrl);
            return parcours.Sortie is null
                ? new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = $"{(int)parcours.Derniere.StatusCode} {parcours.Page}" }
                : new BrowserResult { ResultType = BrowserResultType.Success, Response = parcours.Sortie.AbsoluteUri };
        }
    }

    private OidcClient Spa(Navigateur navigateur) => new(new OidcClientOptions
    {
        Authority = "http://localhost",
        ClientId = "ent-spa",
        Scope = "openid profile identite.read",
        RedirectUri = RedirectSpa,
        Browser = new ViaEduConnect(this, navigateur),
        BackchannelHandler = app.Server.CreateHandler(),
        LoadProfile = false,
        Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = false } },
    });

    /// <summary>Whether this browser has an Ent session: /connect/authorize answers with a code, not the login page.</summary>
    private static async Task<bool> SessionOuverteAsync(Navigateur navigateur)
    {
        var defi = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes("verificateur-de-test-assez-long-pour-pkce-0123456789")));
        var reponse = await navigateur.Client.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "ent-spa",
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectSpa,
            ["scope"] = "openid",
            ["state"] = "etat",
            ["code_challenge"] = defi,
            ["code_challenge_method"] = "S256",
        }));
        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        var cible = reponse.Headers.Location!.OriginalString;
        return cible.StartsWith(RedirectSpa, StringComparison.Ordinal) && cible.Contains("code=", StringComparison.Ordinal);
    }

    private sealed record Gens(Guid CompteId, Guid PersonneId, string Nom, string Prenom, string? Ine);

    private async Task<NpgsqlConnection> BaseAsync() => await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

    private async Task<Gens> CompteAsync(string identifiant)
    {
        await using var conn = await BaseAsync();
        return await conn.QuerySingleAsync<Gens>("""
            SELECT c.id AS compte_id, p.id AS personne_id, p.nom, p.prenom, p.ine
            FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE c.identifiant = @identifiant
            """, new { identifiant });
    }

    /// <summary>The guardian's vectors as EduConnect would release them: one per child, built from the directory.</summary>
    private async Task<string[]> VecteursDesEnfantsAsync(string identifiantResponsable)
    {
        await using var conn = await BaseAsync();
        return [.. await conn.QueryAsync<string>("""
            SELECT '1|' || e.nom || '|' || e.prenom || '|' || e.eleve_id_national || '|' || et.uai
            FROM identite.compte c
            JOIN identite.lien_responsable l ON l.responsable_id = c.personne_id
            JOIN identite.personne e ON e.id = l.eleve_id
            JOIN identite.rattachement r ON r.personne_id = e.id AND r.profil = 'eleve'
            JOIN identite.etablissement et ON et.id = r.etablissement_id
            WHERE c.identifiant = @identifiantResponsable
            ORDER BY e.eleve_id_national
            """, new { identifiantResponsable })];
    }

    private async Task<Guid?> CompteLieAsync(string sujet)
    {
        await using var conn = await BaseAsync();
        return await conn.QuerySingleOrDefaultAsync<Guid?>(
            "SELECT compte_id FROM identite.identite_externe WHERE fournisseur = 'educonnect' AND sujet = @sujet", new { sujet });
    }

    private static string Sujet() => "sujet-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_login_page_offers_educonnect_and_the_scheme_is_registered()
    {
        using var navigateur = new Navigateur(app);
        var page = await (await navigateur.Client.GetAsync("/connexion?ReturnUrl=%2Fconnect%2Fauthorize%3Fx%3D1")).Content.ReadAsStringAsync();

        var lien = LienEduConnect().Match(page);
        Assert.True(lien.Success, page);
        Assert.Equal("/connexion/educonnect?ReturnUrl=%2Fconnect%2Fauthorize%3Fx%3D1", WebUtility.HtmlDecode(lien.Groups["href"].Value));
        Assert.NotNull(await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("EduConnect"));
    }

    [Fact]
    public async Task A_guardian_of_two_children_signs_in_the_spa_gets_a_token_with_both_children_and_the_next_login_uses_the_link()
    {
        var parent = await CompteAsync("parent.001");
        var personne = new PersonneEduConnectTest(Sujet(), "resp2d", parent.Nom, parent.Prenom, Vecteurs: await VecteursDesEnfantsAsync("parent.001"));
        Stub.ConnecterEnsuite(personne);

        using var navigateur = new Navigateur(app);
        var connexion = await Spa(navigateur).LoginAsync();

        Assert.False(connexion.IsError, connexion.Error + " " + connexion.ErrorDescription);
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", connexion.AccessToken);
        var moi = await (await api.GetAsync("/api/identite/me")).ReadJsonAsync();
        Assert.Equal(parent.PersonneId.ToString(), (string?)moi["id"]);
        Assert.Equal(2, moi["enfants"]!.AsArray().Count);
        Assert.Equal(parent.CompteId, await CompteLieAsync(personne.Sujet));

        // Next time, the link alone decides: even without the vectors (matching would find nobody) it goes straight through.
        Stub.ConnecterEnsuite(personne with { Vecteurs = null });
        using var autre = new Navigateur(app);
        var encore = await ParcourirAsync(autre, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres));
        Assert.NotNull(encore.Sortie);
        Assert.Equal(Apres, encore.Sortie!.PathAndQuery);
        Assert.True(await SessionOuverteAsync(autre));
    }

    [Fact]
    public async Task A_pupil_is_found_by_ine_linked_and_signed_in()
    {
        var eleve = await CompteAsync("eleve.002");
        var personne = new PersonneEduConnectTest(Sujet(), "eleve2d", eleve.Nom, eleve.Prenom, Ine: eleve.Ine);
        Stub.ConnecterEnsuite(personne);

        using var navigateur = new Navigateur(app);
        var parcours = await ParcourirAsync(navigateur, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres));

        Assert.Equal(Apres, parcours.Sortie?.PathAndQuery);
        Assert.True(await SessionOuverteAsync(navigateur));
        Assert.Equal(eleve.CompteId, await CompteLieAsync(personne.Sujet));
    }

    [Fact]
    public async Task An_unknown_person_is_told_to_contact_the_school_and_nothing_is_created()
    {
        await using var conn = await BaseAsync();
        var comptesAvant = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM identite.compte");
        var personne = new PersonneEduConnectTest(Sujet(), "resp2d", "Inconnu", "Personne", Vecteurs: ["1|Inconnu|Enfant|8999999|0750000A"]);
        Stub.ConnecterEnsuite(personne);

        using var navigateur = new Navigateur(app);
        var parcours = await ParcourirAsync(navigateur, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres));

        Assert.Equal(HttpStatusCode.NotFound, parcours.Derniere.StatusCode);
        Assert.Contains("Nous n'avons pas trouvé votre compte", WebUtility.HtmlDecode(parcours.Page), StringComparison.Ordinal);
        Assert.Contains("secrétariat de l'établissement", WebUtility.HtmlDecode(parcours.Page), StringComparison.Ordinal);
        Assert.False(await SessionOuverteAsync(navigateur));
        Assert.Null(await CompteLieAsync(personne.Sujet));
        Assert.Equal(comptesAvant, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM identite.compte"));
    }

    [Fact]
    public async Task A_person_matching_two_accounts_chooses_one_and_an_account_outside_the_list_is_refused()
    {
        // A duplicate of parent.004 (same person entered twice, with a second account): both match.
        var original = await CompteAsync("parent.004");
        var doublon = Guid.NewGuid();
        await using (var conn = await BaseAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO identite.personne (id, nom, prenom) VALUES (@personneId, upper(@Nom), @Prenom);
                INSERT INTO identite.compte (id, personne_id, identifiant) VALUES (@doublon, @personneId, 'parent.004.doublon');
                INSERT INTO identite.lien_responsable (responsable_id, eleve_id, lien)
                SELECT @personneId, eleve_id, 'autre' FROM identite.lien_responsable WHERE responsable_id = @OriginalPersonneId;
                """, new { personneId = Guid.NewGuid(), original.Nom, original.Prenom, doublon, OriginalPersonneId = original.PersonneId });
        }

        var personne = new PersonneEduConnectTest(Sujet(), "resp2d", original.Nom, original.Prenom, Vecteurs: await VecteursDesEnfantsAsync("parent.004"));
        Stub.ConnecterEnsuite(personne);
        using var navigateur = new Navigateur(app);
        var parcours = await ParcourirAsync(navigateur, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres));

        Assert.Equal(HttpStatusCode.OK, parcours.Derniere.StatusCode);
        Assert.Contains("Lequel est le vôtre", WebUtility.HtmlDecode(parcours.Page), StringComparison.Ordinal);
        Assert.Contains($"value=\"{original.CompteId}\"", parcours.Page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{doublon}\"", parcours.Page, StringComparison.Ordinal);
        Assert.Null(await CompteLieAsync(personne.Sujet)); // nothing linked before the choice

        // Another real account, not proposed: refused, the choice shown again, nothing linked.
        var champs = Navigateur.Champs(parcours.Page);
        champs["CompteId"] = (await CompteAsync("parent.001")).CompteId.ToString();
        var refus = await navigateur.Client.PostAsync("/connexion/educonnect/choix", new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Contains("Choisissez l'un des comptes proposés", WebUtility.HtmlDecode(await refus.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await CompteLieAsync(personne.Sujet));
        Assert.False(await SessionOuverteAsync(navigateur));

        // Without the antiforgery token: refused.
        var sansJeton = await navigateur.Client.PostAsync("/connexion/educonnect/choix", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CompteId"] = doublon.ToString(),
            ["ReturnUrl"] = Apres,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, sansJeton.StatusCode);
        Assert.Null(await CompteLieAsync(personne.Sujet));

        champs["CompteId"] = doublon.ToString();
        var choix = await navigateur.Client.PostAsync("/connexion/educonnect/choix", new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.Redirect, choix.StatusCode);
        Assert.Equal(Apres, choix.Headers.Location!.OriginalString);
        Assert.Equal(doublon, await CompteLieAsync(personne.Sujet));
        Assert.True(await SessionOuverteAsync(navigateur));
    }

    [Fact]
    public async Task The_choice_without_an_educonnect_login_is_refused()
    {
        using var navigateur = new Navigateur(app);
        var page = await (await navigateur.Client.GetAsync("/connexion")).Content.ReadAsStringAsync();
        var champs = Navigateur.Champs(page);
        champs["CompteId"] = (await CompteAsync("parent.001")).CompteId.ToString();

        var reponse = await navigateur.Client.PostAsync("/connexion/educonnect/choix", new FormUrlEncodedContent(champs));

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        Assert.Contains("a expiré", WebUtility.HtmlDecode(await reponse.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(await SessionOuverteAsync(navigateur));
    }

    [Theory]
    [InlineData(AnomalieJeton.AutreCle)]
    [InlineData(AnomalieJeton.Expire)]
    [InlineData(AnomalieJeton.MauvaiseAudience)]
    public async Task A_bad_id_token_ends_on_the_failure_page_signed_out_and_unlinked(AnomalieJeton anomalie)
    {
        var eleve = await CompteAsync("eleve.004");
        var personne = new PersonneEduConnectTest(Sujet(), "eleve2d", eleve.Nom, eleve.Prenom, Ine: eleve.Ine);
        Stub.ConnecterEnsuite(personne, anomalie);

        using var navigateur = new Navigateur(app);
        var parcours = await ParcourirAsync(navigateur, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres));

        Assert.Equal(HttpStatusCode.BadRequest, parcours.Derniere.StatusCode);
        Assert.Contains("La connexion avec ÉduConnect a échoué. Réessayez.", WebUtility.HtmlDecode(parcours.Page), StringComparison.Ordinal);
        Assert.False(await SessionOuverteAsync(navigateur));
        Assert.Null(await CompteLieAsync(personne.Sujet));
        var fin = await navigateur.Client.GetAsync("/connexion/educonnect/fin");
        Assert.Equal(HttpStatusCode.BadRequest, fin.StatusCode); // no external cookie either
    }

    [Fact]
    public async Task A_replayed_callback_ends_on_the_failure_page_for_the_same_browser_and_for_another()
    {
        var eleve = await CompteAsync("eleve.005");
        var personne = new PersonneEduConnectTest(Sujet(), "eleve2d", eleve.Nom, eleve.Prenom, Ine: eleve.Ine);
        Stub.ConnecterEnsuite(personne);
        using var navigateur = new Navigateur(app);
        var premier = await ParcourirAsync(navigateur, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres));
        Assert.Equal(Apres, premier.Sortie?.PathAndQuery);
        Assert.NotNull(premier.Retour);

        // The same state and code again: the correlation cookie was spent (and the code too).
        var rejeu = await navigateur.Client.GetAsync(premier.Retour);
        Assert.Equal(HttpStatusCode.BadRequest, rejeu.StatusCode);
        Assert.Contains("La connexion avec ÉduConnect a échoué", WebUtility.HtmlDecode(await rejeu.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Someone who captured the callback address, from another browser: nothing.
        using var autre = new Navigateur(app);
        var vol = await autre.Client.GetAsync(premier.Retour);
        Assert.Equal(HttpStatusCode.BadRequest, vol.StatusCode);
        Assert.False(await SessionOuverteAsync(autre));
    }

    [Fact]
    public async Task A_linked_account_blocked_since_is_refused_and_another_subject_cannot_take_a_linked_account()
    {
        var eleve = await CompteAsync("eleve.006");
        var personne = new PersonneEduConnectTest(Sujet(), "eleve2d", eleve.Nom, eleve.Prenom, Ine: eleve.Ine);
        Stub.ConnecterEnsuite(personne);
        using (var navigateur = new Navigateur(app))
        {
            Assert.Equal(Apres, (await ParcourirAsync(navigateur, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres))).Sortie?.PathAndQuery);
        }

        // Another EduConnect account matching the same pupil: the link is not moved.
        var intrus = personne with { Sujet = Sujet() };
        Stub.ConnecterEnsuite(intrus);
        using (var navigateur = new Navigateur(app))
        {
            var parcours = await ParcourirAsync(navigateur, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres));
            Assert.Equal(HttpStatusCode.Conflict, parcours.Derniere.StatusCode);
            Assert.Contains("déjà relié à un autre compte ÉduConnect", WebUtility.HtmlDecode(parcours.Page), StringComparison.Ordinal);
            Assert.False(await SessionOuverteAsync(navigateur));
            Assert.Null(await CompteLieAsync(intrus.Sujet));
        }

        await using (var conn = await BaseAsync())
        {
            await conn.ExecuteAsync("UPDATE identite.compte SET etat = 'bloque' WHERE id = @CompteId", eleve);
        }

        Stub.ConnecterEnsuite(personne);
        using (var navigateur = new Navigateur(app))
        {
            var parcours = await ParcourirAsync(navigateur, "/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString(Apres));
            Assert.Equal(HttpStatusCode.Forbidden, parcours.Derniere.StatusCode);
            Assert.Contains("n'est pas actif", WebUtility.HtmlDecode(parcours.Page), StringComparison.Ordinal);
            Assert.False(await SessionOuverteAsync(navigateur));
        }
    }

    [Fact]
    public async Task The_return_address_stays_local()
    {
        using var navigateur = new Navigateur(app);
        var reponse = await navigateur.Client.GetAsync("/connexion/educonnect?ReturnUrl=" + Uri.EscapeDataString("https://ailleurs.example/"));

        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        Assert.StartsWith(Stub.AuthorizationEndpoint, reponse.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain("ailleurs", reponse.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }
}

/// <summary>Without Ent:EduConnect:Authority there is no EduConnect at all: no scheme, no button, no endpoint.</summary>
public sealed class ConnexionSansEduConnectTests(EntApp app) : IClassFixture<EntApp>
{
    [Fact]
    public async Task No_button_no_scheme_and_the_endpoints_answer_404()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await (await client.GetAsync("/connexion")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("ÉduConnect", page, StringComparison.Ordinal);
        Assert.Null(await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("EduConnect"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/connexion/educonnect?ReturnUrl=%2F")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/connexion/educonnect/fin")).StatusCode);
    }
}
