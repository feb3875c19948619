using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Ent.Testing;

/// <summary>A person as EduConnect describes them. <see cref="Vecteurs"/>: <c>profil|nom|prenom|eleveId|UAI</c>.</summary>
public sealed record PersonneEduConnectTest(
    string Sujet,
    string Affiliation,
    string Nom,
    string Prenom,
    string? FrEduCtId = null,
    string? Ine = null,
    string? Uai = null,
    IReadOnlyList<string>? Vecteurs = null)
{
    /// <summary>The claims EduConnect releases, as they appear in the id_token and at the userinfo endpoint.</summary>
    public Dictionary<string, object> Claims()
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Sujet,
            ["FrEduCtId"] = FrEduCtId ?? Sujet,
            ["FrEduCtPersonAffiliation"] = Affiliation,
            ["family_name"] = Nom,
            ["given_name"] = Prenom,
        };
        if (Ine is not null)
        {
            claims["FrEduCtEleveINE"] = Ine;
        }

        if (Uai is not null)
        {
            claims["FrEduCtEleveUAI"] = Uai;
        }

        if (Vecteurs is { Count: > 0 })
        {
            claims["FrEduVecteur"] = Vecteurs.ToArray(); // multi-valued: a JSON array, one claim per value once read
        }

        return claims;
    }
}

/// <summary>What is wrong with the id_token the stub issues for a code (nothing by default).</summary>
[Flags]
public enum AnomalieJeton
{
    Aucune = 0,

    /// <summary>Signed with a key the JWKS does not publish (same kid: a forgery, not a missing key).</summary>
    AutreCle = 1,

    /// <summary>Expired an hour ago, well beyond any clock skew allowance.</summary>
    Expire = 2,

    /// <summary>Issued for another client (aud).</summary>
    MauvaiseAudience = 4,
}

/// <summary>
/// Stands in for EduConnect in tests: a WireMock.Net server on 127.0.0.1 (random port) serving the discovery
/// document, the JWKS, an authorization endpoint, a token endpoint issuing RS256 id_tokens, userinfo and end-session.
/// PAR is not advertised: the .NET 10 handler would push its authorization requests otherwise.
/// <para>
/// Through a browser flow (the OIDC handler redirects to <c>/authorize</c>): call <see cref="ConnecterEnsuite"/>, then
/// follow the handler's redirect; the stub answers with the code and the state, echoing the handler's nonce, as a
/// 302 to redirect_uri (response_mode=query) or an auto-posting form (form_post, the handler's default).
/// Without a browser: <see cref="EmettreCode"/> gives a code for a person and a nonce, to exchange at the token endpoint.
/// </para>
/// Codes are single-use (a replayed code gets <c>invalid_grant</c>), bound to redirect_uri and to the PKCE challenge
/// when the authorization request carried one; the client authenticates with client_secret_post or client_secret_basic.
/// The browser tests run the same stub as a process of its own (tests/Ent.EduConnect.Bouchon, which compiles this file).
/// </summary>
public sealed partial class EduConnectStub : IDisposable
{
    public const string ClientIdParDefaut = "ent-educonnect";
    public const string SecretParDefaut = "secret-de-test-educonnect";
    public const string MauvaiseAudienceValeur = "un-autre-client";
    private static readonly TimeSpan DureeJeton = TimeSpan.FromMinutes(5);

    private readonly WireMockServer _server;
    private readonly RSA _cle = RSA.Create(2048);
    private readonly RSA _autreCle = RSA.Create(2048);
    private readonly string _kid = "educonnect-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<string, Autorisation> _codes = new();
    private readonly ConcurrentDictionary<string, PersonneEduConnectTest> _jetonsAcces = new();
    private readonly ConcurrentQueue<(PersonneEduConnectTest Personne, AnomalieJeton Anomalie)> _prochaines = new();

    private sealed record Autorisation(PersonneEduConnectTest Personne, string? Nonce, AnomalieJeton Anomalie,
        string? RedirectUri, string? CodeChallenge)
    {
        public int Utilisations;
    }

    private EduConnectStub(string clientId, string clientSecret, int port = 0)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        port = port > 0 ? port : PortLibre();
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{port}"],
            Logger = new WireMockNullLogger(),
            DisableDeserializeFormUrlEncoded = true,
        });

        // WireMock reports "localhost" whatever it was given, yet listens on loopback only; the issuer names the IPv4
        // address so that the handler, the discovery document and the tokens agree without any name resolution.
        Authority = $"http://127.0.0.1:{port}";
        Configurer();
    }

    /// <summary>A stub with the default client id and secret; usable as an xunit class fixture.</summary>
    public EduConnectStub()
        : this(ClientIdParDefaut, SecretParDefaut)
    {
    }

    /// <summary>Starts a stub (on <paramref name="port"/>, else a free one); dispose it at the end of the test class.</summary>
    public static EduConnectStub Demarrer(string clientId = ClientIdParDefaut, string clientSecret = SecretParDefaut, int port = 0) =>
        new(clientId, clientSecret, port);

    /// <summary>The issuer and the OIDC handler's Authority, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Authority { get; }

    public string ClientId { get; }

    public string ClientSecret { get; }

    public string DiscoveryUrl => Authority + "/.well-known/openid-configuration";

    public string AuthorizationEndpoint => Authority + "/authorize";

    public string TokenEndpoint => Authority + "/token";

    public string UserinfoEndpoint => Authority + "/userinfo";

    public string JwksUri => Authority + "/jwks";

    public string EndSessionEndpoint => Authority + "/logout";

    /// <summary>Paths of the requests the stub received, in order (e.g. to assert the handler did not call userinfo).</summary>
    public IReadOnlyList<string> Requetes => [.. _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => e.RequestMessage.Path)];

    /// <summary>The next authorization request (<c>/authorize</c>) signs this person in; queue several for several logins.</summary>
    public void ConnecterEnsuite(PersonneEduConnectTest personne, AnomalieJeton anomalie = AnomalieJeton.Aucune) =>
        _prochaines.Enqueue((personne, anomalie));

    /// <summary>
    /// A fresh authorization code for this person, as if they had just authenticated at EduConnect; the id_token will
    /// carry <paramref name="nonce"/>. For tests that call the token endpoint themselves.
    /// </summary>
    public string EmettreCode(PersonneEduConnectTest personne, string? nonce, AnomalieJeton anomalie = AnomalieJeton.Aucune,
        string? redirectUri = null, string? codeChallenge = null)
    {
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new Autorisation(personne, nonce, anomalie, redirectUri, codeChallenge);
        return code;
    }

    /// <summary>The hidden fields of a form_post answer (code, state), to post them to the handler's callback.</summary>
    public static Dictionary<string, string> ChampsDuFormulaire(string html)
    {
        var champs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html,
                     "<input type=\"hidden\" name=\"(?<n>[^\"]+)\" value=\"(?<v>[^\"]*)\""))
        {
            champs[WebUtility.HtmlDecode(m.Groups["n"].Value)] = WebUtility.HtmlDecode(m.Groups["v"].Value);
        }

        return champs;
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _cle.Dispose();
        _autreCle.Dispose();
    }

    private void Configurer()
    {
        _server.Given(Request.Create().WithPath("/.well-known/openid-configuration").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""
                {
                  "issuer": "{{Authority}}",
                  "authorization_endpoint": "{{AuthorizationEndpoint}}",
                  "token_endpoint": "{{TokenEndpoint}}",
                  "userinfo_endpoint": "{{UserinfoEndpoint}}",
                  "jwks_uri": "{{JwksUri}}",
                  "end_session_endpoint": "{{EndSessionEndpoint}}",
                  "response_types_supported": ["code"],
                  "response_modes_supported": ["query", "form_post"],
                  "grant_types_supported": ["authorization_code"],
                  "subject_types_supported": ["public"],
                  "id_token_signing_alg_values_supported": ["RS256"],
                  "scopes_supported": ["openid", "profile"],
                  "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
                  "code_challenge_methods_supported": ["S256"],
                  "claims_supported": ["sub", "family_name", "given_name", "FrEduCtId", "FrEduCtPersonAffiliation",
                    "FrEduCtEleveINE", "FrEduCtEleveUAI", "FrEduVecteur"]
                }
                """));

        var publique = _cle.ExportParameters(includePrivateParameters: false);
        _server.Given(Request.Create().WithPath("/jwks").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = _kid, n = Base64UrlEncoder.Encode(publique.Modulus), e = Base64UrlEncoder.Encode(publique.Exponent) },
                },
            })));

        _server.Given(Request.Create().WithPath("/authorize").UsingGet()).RespondWith(Response.Create().WithCallback(Autoriser));
        _server.Given(Request.Create().WithPath("/token").UsingPost()).RespondWith(Response.Create().WithCallback(Jeton));
        _server.Given(Request.Create().WithPath("/userinfo").UsingAnyMethod()).RespondWith(Response.Create().WithCallback(InfosUtilisateur));
        _server.Given(Request.Create().WithPath("/logout").UsingGet()).RespondWith(Response.Create().WithCallback(request =>
        {
            var query = QueryHelpers.ParseQuery(request.RawQuery);
            return query.TryGetValue("post_logout_redirect_uri", out var retour)
                ? Redirection(QueryHelpers.AddQueryString(retour.ToString(), "state", query.TryGetValue("state", out var s) ? s.ToString() : string.Empty))
                : Texte(200, "text/plain", "Déconnecté d'EduConnect (simulé).");
        }));
    }

    private ResponseMessage Autoriser(IRequestMessage request)
    {
        var query = QueryHelpers.ParseQuery(request.RawQuery);
        string? Lire(string nom) => query.TryGetValue(nom, out var v) ? v.ToString() : null;

        var redirectUri = Lire("redirect_uri");
        if (Lire("client_id") != ClientId || redirectUri is null || Lire("response_type") != "code")
        {
            return Erreur(400, "invalid_request", "client_id, redirect_uri ou response_type incorrect");
        }

        var state = Lire("state");
        var parametres = new Dictionary<string, string?>();
        if (!_prochaines.TryDequeue(out var prochaine))
        {
            parametres["error"] = "access_denied";
            parametres["error_description"] = "Aucune personne préparée (EduConnectStub.ConnecterEnsuite).";
        }
        else
        {
            var challenge = Lire("code_challenge");
            if (challenge is not null && Lire("code_challenge_method") != "S256")
            {
                return Erreur(400, "invalid_request", "seul S256 est accepté");
            }

            parametres["code"] = EmettreCode(prochaine.Personne, Lire("nonce"), prochaine.Anomalie, redirectUri, challenge);
        }

        if (state is not null)
        {
            parametres["state"] = state;
        }

        parametres["iss"] = Authority;
        if (Lire("response_mode") == "form_post")
        {
            var champs = string.Concat(parametres.Select(p =>
                $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode(p.Value)}\"/>"));
            return Texte(200, "text/html; charset=utf-8",
                $"<!doctype html><html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{WebUtility.HtmlEncode(redirectUri)}\">{champs}</form></body></html>");
        }

        return Redirection(QueryHelpers.AddQueryString(redirectUri, parametres));
    }

    private ResponseMessage Jeton(IRequestMessage request)
    {
        var form = QueryHelpers.ParseQuery(request.Body ?? string.Empty);
        string? Lire(string nom) => form.TryGetValue(nom, out var v) ? v.ToString() : null;

        var (clientId, secret) = (Lire("client_id"), Lire("client_secret"));
        var basic = Entete(request, "Authorization");
        if (basic?.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) == true)
        {
            var paire = Encoding.UTF8.GetString(Convert.FromBase64String(basic["Basic ".Length..].Trim())).Split(':', 2);
            (clientId, secret) = (Uri.UnescapeDataString(paire[0]), paire.Length > 1 ? Uri.UnescapeDataString(paire[1]) : null);
        }

        if (clientId != ClientId || secret != ClientSecret)
        {
            return Erreur(401, "invalid_client", "authentification du client refusée");
        }

        if (Lire("grant_type") != "authorization_code")
        {
            return Erreur(400, "unsupported_grant_type", "seul authorization_code est accepté");
        }

        // A code is good once: a second exchange (a replayed callback) fails, as at a real provider.
        var code = Lire("code");
        if (code is null || !_codes.TryGetValue(code, out var autorisation) || Interlocked.Increment(ref autorisation.Utilisations) > 1)
        {
            return Erreur(400, "invalid_grant", "code inconnu ou déjà utilisé");
        }

        if (autorisation.RedirectUri is not null && Lire("redirect_uri") != autorisation.RedirectUri)
        {
            return Erreur(400, "invalid_grant", "redirect_uri différente de celle de l'autorisation");
        }

        if (autorisation.CodeChallenge is not null &&
            Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Lire("code_verifier") ?? string.Empty))) != autorisation.CodeChallenge)
        {
            return Erreur(400, "invalid_grant", "code_verifier incorrect");
        }

        var jetonAcces = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _jetonsAcces[jetonAcces] = autorisation.Personne;
        return Json(200, new Dictionary<string, object>
        {
            ["access_token"] = jetonAcces,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)DureeJeton.TotalSeconds,
            ["scope"] = "openid profile",
            ["id_token"] = IdToken(autorisation.Personne, autorisation.Nonce, autorisation.Anomalie),
        });
    }

    private ResponseMessage InfosUtilisateur(IRequestMessage request)
    {
        var entete = Entete(request, "Authorization");
        if (entete?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) != true ||
            !_jetonsAcces.TryGetValue(entete["Bearer ".Length..].Trim(), out var personne))
        {
            var refus = Erreur(401, "invalid_token", "jeton d'accès inconnu");
            refus.AddHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return refus;
        }

        return Json(200, personne.Claims());
    }

    /// <summary>Signs an id_token as EduConnect would; the anomalies make the ones a client must refuse.</summary>
    private string IdToken(PersonneEduConnectTest personne, string? nonce, AnomalieJeton anomalie)
    {
        var maintenant = DateTime.UtcNow;
        var emis = anomalie.HasFlag(AnomalieJeton.Expire) ? maintenant.AddHours(-2) : maintenant;
        var claims = personne.Claims();
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        var cle = new RsaSecurityKey(anomalie.HasFlag(AnomalieJeton.AutreCle) ? _autreCle : _cle) { KeyId = _kid };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = anomalie.HasFlag(AnomalieJeton.MauvaiseAudience) ? MauvaiseAudienceValeur : ClientId,
            IssuedAt = emis,
            NotBefore = emis,
            Expires = emis.Add(anomalie.HasFlag(AnomalieJeton.Expire) ? TimeSpan.FromHours(1) : DureeJeton),
            Claims = claims,
            SigningCredentials = new SigningCredentials(cle, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string? Entete(IRequestMessage request, string nom) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, nom, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static ResponseMessage Erreur(int statut, string erreur, string description) =>
        Json(statut, new Dictionary<string, object> { ["error"] = erreur, ["error_description"] = description });

    private static ResponseMessage Json(int statut, object corps)
    {
        var reponse = Texte(statut, "application/json", JsonSerializer.Serialize(corps));
        reponse.AddHeader("Cache-Control", "no-store");
        return reponse;
    }

    private static ResponseMessage Texte(int statut, string type, string corps)
    {
        var reponse = new ResponseMessage
        {
            StatusCode = statut,
            BodyData = new BodyData { BodyAsString = corps, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        reponse.AddHeader("Content-Type", type);
        return reponse;
    }

    private static ResponseMessage Redirection(string url)
    {
        var reponse = new ResponseMessage { StatusCode = 302 };
        reponse.AddHeader("Location", url);
        return reponse;
    }

    private static int PortLibre()
    {
        using var ecoute = new TcpListener(IPAddress.Loopback, 0);
        ecoute.Start();
        return ((IPEndPoint)ecoute.LocalEndpoint).Port;
    }
}
