using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ent.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ent.Identite.Tests;

/// <summary>
/// The EduConnect stand-in behaves as an OpenID provider must for a client to be tested against it: what it publishes,
/// what it signs, and what a client's validation (Microsoft.IdentityModel, as the OIDC handler uses) accepts or refuses.
/// </summary>
public sealed class EduConnectStubTests(EduConnectStub stub) : IClassFixture<EduConnectStub>
{
    private static readonly HttpClient Client = new(new HttpClientHandler { AllowAutoRedirect = false });

    private static readonly PersonneEduConnectTest Parent = new("sujet-parent", "resp2d", "Michel", "Philippe",
        Vecteurs: ["1|Michel|Gabriel|9000001|0750000A", "1|Michel|Gabriel|9000061|0750000A"]);

    private async Task<JsonNode> EchangerAsync(string code, string? redirectUri = null, string? verifier = null, string? secret = null)
    {
        var response = await PosterJetonAsync(code, redirectUri, verifier, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private Task<HttpResponseMessage> PosterJetonAsync(string code, string? redirectUri = null, string? verifier = null, string? secret = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = stub.ClientId,
            ["client_secret"] = secret ?? stub.ClientSecret,
        };
        if (redirectUri is not null)
        {
            form["redirect_uri"] = redirectUri;
        }

        if (verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        return Client.PostAsync(stub.TokenEndpoint, new FormUrlEncodedContent(form));
    }

    private async Task<TokenValidationResult> ValiderAsync(string idToken)
    {
        var jwks = new JsonWebKeySet(await Client.GetStringAsync(stub.JwksUri));
        return await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = stub.Authority,
            ValidAudience = stub.ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
    }

    [Fact]
    public async Task Discovery_names_the_stub_as_issuer_and_its_endpoints_and_does_not_offer_par()
    {
        var discovery = (await (await Client.GetAsync(stub.DiscoveryUrl)).ReadJsonAsync()).AsObject();

        Assert.StartsWith("http://127.0.0.1:", stub.Authority, StringComparison.Ordinal);
        Assert.Equal(stub.Authority, (string?)discovery["issuer"]);
        Assert.Equal(stub.AuthorizationEndpoint, (string?)discovery["authorization_endpoint"]);
        Assert.Equal(stub.TokenEndpoint, (string?)discovery["token_endpoint"]);
        Assert.Equal(stub.UserinfoEndpoint, (string?)discovery["userinfo_endpoint"]);
        Assert.Equal(stub.JwksUri, (string?)discovery["jwks_uri"]);
        Assert.Equal(stub.EndSessionEndpoint, (string?)discovery["end_session_endpoint"]);
        Assert.False(discovery.ContainsKey("pushed_authorization_request_endpoint"));
        Assert.Equal(["RS256"], discovery["id_token_signing_alg_values_supported"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public async Task The_jwks_publishes_one_public_rsa_key_only()
    {
        var jwks = new JsonWebKeySet(await Client.GetStringAsync(stub.JwksUri));

        var cle = Assert.Single(jwks.Keys);
        Assert.Equal("RSA", cle.Kty);
        Assert.Equal("sig", cle.Use);
        Assert.False(cle.HasPrivateKey);
        Assert.Null(cle.D);
    }

    [Fact]
    public async Task A_valid_id_token_passes_validation_with_the_person_s_claims_and_the_nonce()
    {
        var reponse = await EchangerAsync(stub.EmettreCode(Parent, "nonce-123"));

        var resultat = await ValiderAsync((string)reponse["id_token"]!);

        Assert.True(resultat.IsValid, resultat.Exception?.Message);
        Assert.Equal("Bearer", (string?)reponse["token_type"]);
        Assert.False(string.IsNullOrEmpty((string?)reponse["access_token"]));
        var claims = resultat.ClaimsIdentity.Claims.ToList();
        Assert.Equal("sujet-parent", claims.Single(c => c.Type == "sub").Value);
        Assert.Equal("nonce-123", claims.Single(c => c.Type == "nonce").Value);
        Assert.Equal("resp2d", claims.Single(c => c.Type == "FrEduCtPersonAffiliation").Value);
        Assert.Equal(Parent.Vecteurs, claims.Where(c => c.Type == "FrEduVecteur").Select(c => c.Value));
        Assert.Equal(SecurityAlgorithms.RsaSha256, ((JsonWebToken)resultat.SecurityToken).Alg);
    }

    [Fact]
    public async Task An_id_token_signed_by_another_key_fails()
    {
        var reponse = await EchangerAsync(stub.EmettreCode(Parent, "n", AnomalieJeton.AutreCle));

        var resultat = await ValiderAsync((string)reponse["id_token"]!);

        Assert.False(resultat.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(resultat.Exception);
    }

    [Fact]
    public async Task An_expired_id_token_fails()
    {
        var reponse = await EchangerAsync(stub.EmettreCode(Parent, "n", AnomalieJeton.Expire));

        var resultat = await ValiderAsync((string)reponse["id_token"]!);

        Assert.False(resultat.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(resultat.Exception);
    }

    [Fact]
    public async Task An_id_token_for_another_audience_fails()
    {
        var reponse = await EchangerAsync(stub.EmettreCode(Parent, "n", AnomalieJeton.MauvaiseAudience));

        var resultat = await ValiderAsync((string)reponse["id_token"]!);

        Assert.False(resultat.IsValid);
        Assert.IsType<SecurityTokenInvalidAudienceException>(resultat.Exception);
    }

    [Fact]
    public async Task A_code_is_good_once_a_replay_gets_invalid_grant()
    {
        var code = stub.EmettreCode(Parent, "n");
        await EchangerAsync(code);

        var rejoue = await PosterJetonAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, rejoue.StatusCode);
        Assert.Equal("invalid_grant", (string?)(await rejoue.ReadJsonAsync())["error"]);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused()
    {
        var response = await PosterJetonAsync(stub.EmettreCode(Parent, "n"), secret: "faux");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (string?)(await response.ReadJsonAsync())["error"]);
    }

    [Fact]
    public async Task Client_secret_basic_is_accepted_too()
    {
        var requete = new HttpRequestMessage(HttpMethod.Post, stub.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = stub.EmettreCode(Parent, "n"),
            }),
        };
        requete.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{stub.ClientId}:{stub.ClientSecret}")));

        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(requete)).StatusCode);
    }

    [Fact]
    public async Task Userinfo_returns_the_person_s_claims_for_the_access_token_only()
    {
        var reponse = await EchangerAsync(stub.EmettreCode(Parent, "n"));
        var requete = new HttpRequestMessage(HttpMethod.Get, stub.UserinfoEndpoint);
        requete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)reponse["access_token"]!);

        var infos = await (await Client.SendAsync(requete)).ReadJsonAsync();
        var sansJeton = await Client.GetAsync(stub.UserinfoEndpoint);

        Assert.Equal("sujet-parent", (string?)infos["sub"]);
        Assert.Equal("Michel", (string?)infos["family_name"]);
        Assert.Equal(2, infos["FrEduVecteur"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Unauthorized, sansJeton.StatusCode);
    }

    [Fact]
    public async Task The_authorization_endpoint_signs_in_the_prepared_person_echoing_state_and_nonce_with_pkce()
    {
        const string redirectUri = "http://localhost/signin-educonnect";
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        stub.ConnecterEnsuite(Parent);

        var autorisation = await Client.GetAsync(QueryHelpers.AddQueryString(stub.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["client_id"] = stub.ClientId, ["response_type"] = "code", ["scope"] = "openid", ["redirect_uri"] = redirectUri,
            ["state"] = "etat-1", ["nonce"] = "nonce-1", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256",
        }));

        Assert.Equal(HttpStatusCode.Redirect, autorisation.StatusCode);
        var retour = autorisation.Headers.Location!;
        Assert.StartsWith(redirectUri + "?", retour.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(retour.Query);
        Assert.Equal("etat-1", query["state"].ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await PosterJetonAsync(query["code"]!, redirectUri, "mauvais-verifier")).StatusCode);

        // The failed attempt consumed the code, as a real provider would: prepare and authorize again.
        stub.ConnecterEnsuite(Parent);
        var encore = await Client.GetAsync(QueryHelpers.AddQueryString(stub.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["client_id"] = stub.ClientId, ["response_type"] = "code", ["redirect_uri"] = redirectUri, ["state"] = "etat-2",
            ["nonce"] = "nonce-2", ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["response_mode"] = "form_post",
        }));
        var champs = EduConnectStub.ChampsDuFormulaire(await encore.Content.ReadAsStringAsync());
        Assert.Equal("etat-2", champs["state"]);
        var jeton = await EchangerAsync(champs["code"], redirectUri, verifier);
        var resultat = await ValiderAsync((string)jeton["id_token"]!);
        Assert.True(resultat.IsValid);
        Assert.Equal("nonce-2", resultat.Claims["nonce"]);
    }

    [Fact]
    public async Task Without_a_prepared_person_the_authorization_ends_in_access_denied()
    {
        var response = await Client.GetAsync(QueryHelpers.AddQueryString(stub.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["client_id"] = stub.ClientId, ["response_type"] = "code", ["redirect_uri"] = "http://localhost/cb", ["state"] = "s",
        }));

        Assert.Equal("access_denied", QueryHelpers.ParseQuery(response.Headers.Location!.Query)["error"].ToString());
    }
}
