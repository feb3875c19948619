using System.Net;
using System.Net.Http.Headers;
using Ent.Identite.Oidc;
using Ent.Identite.Tests.DoubleAuthentification;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Identite.Tests;

/// <summary>
/// Access tokens read once are kept until they expire, and the cache changes no answer: an expired token is refused,
/// a token changed by one character is read (and refused) as any unknown token.
/// </summary>
public sealed class JetonsEnCacheTests(EntAppHorloge app) : IClassFixture<EntAppHorloge>
{
    private async Task<HttpStatusCode> MoiAsync(string jeton)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identite/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jeton);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_token_read_once_is_kept_and_still_refused_once_expired()
    {
        using var navigateur = new Navigateur(app);
        var login = await Jetons.ClientSpa(app, navigateur, "parent.001").LoginAsync();
        Assert.False(login.IsError, login.Error);
        var cache = app.Services.GetRequiredService<CacheJetonsAcces>();

        Assert.False(cache.Contient(login.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(login.AccessToken));
        Assert.True(cache.Contient(login.AccessToken));
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(login.AccessToken)); // from the cache

        // One character changed in the signature's part: not the cached token, read and refused.
        var modifie = login.AccessToken[..^2] + (login.AccessToken[^2] == 'A' ? 'B' : 'A') + login.AccessToken[^1];
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(modifie));

        // Past its expiry (10 minutes), the cached token is refused like any expired token.
        app.Horloge.Avancer(OidcServer.DureeJetonAcces + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(login.AccessToken));
    }
}
