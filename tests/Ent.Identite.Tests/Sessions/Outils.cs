using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Duende.IdentityModel.OidcClient;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Sessions;

/// <summary>What the session tests share: a login through the SPA's client, an API call with a token, a silent authorize.</summary>
internal static class Outils
{
    // A PKCE pair: the challenge is BASE64URL(SHA-256(verifier)).
    public const string Verificateur = "dBjftJeZ4CVP-mJ92K9pSRJgCmPZYzAo1ktAjbCfo0w";
    public const string Defi = "2qeHkKdTPYGHVDLAowcDSXU_uWEoqnIRetizaedM0Yg";

    public const string AutoriserSpaSilencieux = "/connect/authorize?client_id=ent-spa&response_type=code&scope=openid%20identite.read"
        + "&redirect_uri=http%3A%2F%2Flocalhost%2Fconnexion%2Fretour&code_challenge=" + Defi + "&code_challenge_method=S256&state=s&prompt=none";

    public static async Task<LoginResult> ConnexionAsync(EntApp app, Navigateur navigateur, string identifiant)
    {
        var login = await Jetons.ClientSpa(app, navigateur, identifiant).LoginAsync();
        Assert.False(login.IsError, login.Error + " " + login.ErrorDescription);
        return login;
    }

    public static async Task<HttpResponseMessage> EnvoyerAsync(EntApp app, HttpMethod methode, string url, string jeton, HttpContent? corps = null)
    {
        using var request = new HttpRequestMessage(methode, url) { Content = corps };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jeton);
        return await app.CreateClient().SendAsync(request);
    }

    public static async Task<HttpStatusCode> MoiAsync(EntApp app, string jeton) =>
        (await EnvoyerAsync(app, HttpMethod.Get, "/api/identite/me", jeton)).StatusCode;

    /// <summary>The SPA's silent renewal (prompt=none) with the browser's cookies: where the server sends it back.</summary>
    public static async Task<string> SilencieuxAsync(Navigateur navigateur)
    {
        var response = await navigateur.Client.GetAsync(AutoriserSpaSilencieux);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.AbsoluteUri;
    }

    public static async Task<T?> ScalarAsync<T>(EntApp app, string sql, object? args = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, args);
    }
}
