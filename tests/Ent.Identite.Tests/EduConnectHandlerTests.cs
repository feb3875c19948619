using System.Net;
using Ent.Identite.EduConnect;
using Ent.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Ent.Identite.Tests;

/// <summary>
/// The stand-in against the real OpenID Connect handler of ASP.NET Core, in a bare test app (not Ent's host, whose
/// sign-in flow is wired elsewhere): the browser's round trip, what reaches OnTokenValidated, and what must fail.
/// This is the configuration Ent's host is expected to use.
/// </summary>
public sealed class EduConnectHandlerTests(EduConnectStub stub) : IClassFixture<EduConnectStub>
{
    private static readonly PersonneEduConnectTest Parent = new("sujet-handler", "resp2d", "Michel", "Philippe", "ec-7",
        Vecteurs: ["1|Michel|Gabriel|9000001|0750000A", "1|Michel|Gabriel|9000061|0750000A"]);

    private sealed class Navigateur(HttpClient client)
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public HttpClient Client => client;

        public string Cookies() => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

        public async Task<HttpResponseMessage> EnvoyerAsync(HttpRequestMessage requete)
        {
            if (_cookies.Count > 0)
            {
                requete.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var reponse = await client.SendAsync(requete);
            if (reponse.Headers.TryGetValues("Set-Cookie", out var valeurs))
            {
                foreach (var cookie in SetCookieHeaderValue.ParseList([.. valeurs]))
                {
                    if (cookie.Expires < DateTimeOffset.UtcNow)
                    {
                        _cookies.Remove(cookie.Name.ToString());
                    }
                    else
                    {
                        _cookies[cookie.Name.ToString()] = cookie.Value.ToString();
                    }
                }
            }

            return reponse;
        }
    }

    private sealed record Essai(WebApplication App, Navigateur Navigateur, List<PersonneEduConnect> Valides, List<string> Echecs);

    private async Task<Essai> DemarrerAsync()
    {
        var valides = new List<PersonneEduConnect>();
        var echecs = new List<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = "educonnect";
            })
            .AddCookie()
            .AddOpenIdConnect("educonnect", o =>
            {
                o.Authority = stub.Authority;
                o.ClientId = stub.ClientId;
                o.ClientSecret = stub.ClientSecret;
                o.ResponseType = "code";
                o.CallbackPath = "/signin-educonnect";
                o.RequireHttpsMetadata = false; // the stand-in speaks plain http on loopback
                o.MapInboundClaims = false; // keep EduConnect's claim names
                o.GetClaimsFromUserInfoEndpoint = true;
                o.Events.OnTokenValidated = ctx =>
                {
                    valides.Add(EduConnectClaims.Lire(ctx.Principal!.Claims));
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = ctx =>
                {
                    echecs.Add(ctx.Failure?.Message ?? "?");
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    ctx.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/connexion", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/fini" }, ["educonnect"]));
        app.MapGet("/fini", (HttpContext ctx) => ctx.User.FindFirst("sub")?.Value ?? "anonyme");
        await app.StartAsync();
        var client = app.GetTestClient();
        client.BaseAddress = new Uri("https://localhost/"); // the correlation and nonce cookies are Secure
        return new Essai(app, new Navigateur(client), valides, echecs);
    }

    /// <summary>Challenge → stand-in's /authorize (form_post) → the form posted back to the callback.</summary>
    private static async Task<(HttpResponseMessage Retour, HttpRequestMessage Rejouable)> ConnecterAsync(Essai essai)
    {
        var defi = await essai.Navigateur.EnvoyerAsync(new HttpRequestMessage(HttpMethod.Get, "/connexion"));
        Assert.Equal(HttpStatusCode.Redirect, defi.StatusCode);

        using var externe = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var page = await externe.GetAsync(defi.Headers.Location);
        var champs = EduConnectStub.ChampsDuFormulaire(await page.Content.ReadAsStringAsync());
        HttpRequestMessage Formulaire() => new(HttpMethod.Post, "/signin-educonnect") { Content = new FormUrlEncodedContent(champs) };

        var retour = await essai.Navigateur.EnvoyerAsync(Formulaire());
        return (retour, Formulaire());
    }

    [Fact]
    public async Task A_guardian_signs_in_and_on_token_validated_sees_the_educonnect_claims()
    {
        var essai = await DemarrerAsync();
        await using var _ = essai.App;
        stub.ConnecterEnsuite(Parent);

        var (retour, _) = await ConnecterAsync(essai);

        Assert.Empty(essai.Echecs);
        Assert.Equal(HttpStatusCode.Redirect, retour.StatusCode);
        Assert.Equal("/fini", retour.Headers.Location!.OriginalString);
        var personne = Assert.Single(essai.Valides);
        Assert.Equal("sujet-handler", personne.Sujet);
        Assert.Equal("ec-7", personne.FrEduCtId);
        Assert.True(personne.EstResponsable);
        Assert.Equal(("Michel", "Philippe"), (personne.Nom, personne.Prenom));
        Assert.Equal(["9000001", "9000061"], personne.Vecteurs.Select(v => v.EleveId));
        var fini = await essai.Navigateur.EnvoyerAsync(new HttpRequestMessage(HttpMethod.Get, "/fini"));
        Assert.Equal("sujet-handler", await fini.Content.ReadAsStringAsync());
        Assert.Contains("/userinfo", stub.Requetes); // asked, and its sub agreed with the id_token's, or the handler fails
    }

    [Theory]
    [InlineData(AnomalieJeton.AutreCle, "IDX10511")] // signature validation failed
    [InlineData(AnomalieJeton.Expire, "IDX10223")] // lifetime validation failed
    [InlineData(AnomalieJeton.MauvaiseAudience, "IDX10214")] // audience validation failed
    public async Task A_bad_id_token_is_refused_by_the_handler_before_any_matching(AnomalieJeton anomalie, string erreur)
    {
        var essai = await DemarrerAsync();
        await using var _ = essai.App;
        stub.ConnecterEnsuite(Parent, anomalie);

        var (retour, _) = await ConnecterAsync(essai);

        Assert.Equal(HttpStatusCode.Forbidden, retour.StatusCode);
        Assert.Empty(essai.Valides);
        Assert.StartsWith(erreur, Assert.Single(essai.Echecs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_callback_state_is_refused()
    {
        var essai = await DemarrerAsync();
        await using var _ = essai.App;
        stub.ConnecterEnsuite(Parent);
        var (premier, rejeu) = await ConnecterAsync(essai);
        Assert.Equal(HttpStatusCode.Redirect, premier.StatusCode);

        // The same code and state again, from the same browser: the correlation cookie was spent on the first use.
        var second = await essai.Navigateur.EnvoyerAsync(rejeu);

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Single(essai.Valides);
        Assert.Equal("Correlation failed.", Assert.Single(essai.Echecs));
    }

    [Fact]
    public async Task A_replayed_callback_with_the_original_cookies_still_fails_the_code_being_spent()
    {
        var essai = await DemarrerAsync();
        await using var _ = essai.App;
        stub.ConnecterEnsuite(Parent);
        var defi = await essai.Navigateur.EnvoyerAsync(new HttpRequestMessage(HttpMethod.Get, "/connexion"));
        var cookies = essai.Navigateur.Cookies();
        using var externe = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var champs = EduConnectStub.ChampsDuFormulaire(await (await externe.GetAsync(defi.Headers.Location)).Content.ReadAsStringAsync());
        HttpRequestMessage Formulaire() => new(HttpMethod.Post, "/signin-educonnect") { Content = new FormUrlEncodedContent(champs) };
        Assert.Equal(HttpStatusCode.Redirect, (await essai.Navigateur.EnvoyerAsync(Formulaire())).StatusCode);

        // An attacker holding the whole first exchange (state, code and the correlation and nonce cookies) replays it.
        var rejeu = Formulaire();
        rejeu.Headers.Add("Cookie", cookies);
        var second = await essai.Navigateur.Client.SendAsync(rejeu);

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Single(essai.Valides);
        Assert.Contains("invalid_grant", Assert.Single(essai.Echecs), StringComparison.Ordinal);
    }
}
