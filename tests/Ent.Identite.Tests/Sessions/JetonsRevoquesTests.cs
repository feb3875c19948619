using System.Net;
using Duende.IdentityModel.Client;
using Ent.Kernel.Demo;
using Ent.Testing;
using static Ent.Identite.Tests.Sessions.Outils;

namespace Ent.Identite.Tests.Sessions;

/// <summary>
/// A revoked access token stops working at the API at once, even when this instance has it in its cache of tokens
/// already read (issue #12: introspection said inactive, the API said 200 for up to 10 minutes).
/// </summary>
public sealed class JetonsRevoquesTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    [Fact]
    public async Task An_access_token_revoked_at_the_revocation_endpoint_gets_401()
    {
        using var navigateur = new Navigateur(app);
        var login = await ConnexionAsync(app, navigateur, "eleve.051");
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(app, login.AccessToken)); // read, and cached

        using var http = app.CreateClient();
        var revocation = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = "/connect/revoke", ClientId = "ent-spa", Token = login.AccessToken, TokenTypeHint = "access_token",
        });

        Assert.False(revocation.IsError, revocation.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(app, login.AccessToken));
    }

    [Fact]
    public async Task Reusing_a_refresh_token_kills_the_access_tokens_of_its_chain()
    {
        using var navigateur = new Navigateur(app);
        var client = Jetons.ClientSpa(app, navigateur, "eleve.052");
        var login = await client.LoginAsync();
        var renouvele = await client.RefreshTokenAsync(login.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(app, renouvele.AccessToken));

        var rejeu = await client.RefreshTokenAsync(login.RefreshToken); // a stolen copy, replayed

        Assert.True(rejeu.IsError);
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(app, renouvele.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(app, login.AccessToken));
    }

    [Fact]
    public async Task A_password_change_kills_every_access_token_of_the_person()
    {
        using var navigateur = new Navigateur(app);
        using var autreAppareil = new Navigateur(app);
        var login = await ConnexionAsync(app, navigateur, "eleve.053");
        var ailleurs = await ConnexionAsync(app, autreAppareil, "eleve.053");
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(app, ailleurs.AccessToken));

        var change = await EnvoyerAsync(app, HttpMethod.Put, "/api/identite/me/mot-de-passe", login.AccessToken,
            Http.JsonBody($$"""{"actuel": "{{DemoLycee.MotDePasse}}", "nouveau": "un-autre-secret-2026"}"""));

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(app, ailleurs.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(app, login.AccessToken));
    }

    [Fact]
    public async Task A_logout_kills_the_access_token_of_that_session_only()
    {
        using var navigateur = new Navigateur(app);
        using var autreAppareil = new Navigateur(app);
        var login = await ConnexionAsync(app, navigateur, "eleve.054");
        var ailleurs = await ConnexionAsync(app, autreAppareil, "eleve.054");
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(app, login.AccessToken));

        var fin = await navigateur.Client.GetAsync("/connect/endsession?id_token_hint=" + Uri.EscapeDataString(login.IdentityToken));

        Assert.Equal(HttpStatusCode.Redirect, fin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(app, login.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(app, ailleurs.AccessToken)); // the other device is not logged out
    }
}
