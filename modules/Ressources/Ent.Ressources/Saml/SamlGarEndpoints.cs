using System.Net;
using System.Security.Claims;
using System.Text;
using Dapper;
using Ent.Ressources.Gar;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Ressources.Saml;

/// <summary>
/// Ent as the GAR's SAML 2.0 identity provider. Browser pages, not API (not in the OpenAPI document):
/// - GET /saml/gar/metadata — the IdP's metadata, which the GAR registers;
/// - GET|POST /saml/gar/sso — the GAR's AuthnRequest (HTTP-Redirect or HTTP-POST), checked (<see cref="LecteurRequeteAuthn"/>),
///   its ID remembered until it expires (a replay is refused); then, for a person logged in to Ent (the login
///   session cookie), a page that posts the signed assertion to the GAR; otherwise the login page first, which comes
///   back to GET /saml/gar/reprise with the checked request, protected and valid for minutes.
/// </summary>
internal static class SamlGarEndpoints
{
    private const string SchemaSession = "Cookies"; // Identité's login session (CookieAuthenticationDefaults.AuthenticationScheme)
    private const string ButProtection = "Ent.Ressources.Saml.Reprise";

    private sealed record Contexte(string EntityId, string UrlSso);

    private static Contexte Adresses(IConfiguration configuration, GarOptions o)
    {
        var publique = (configuration["Ent:UrlPublique"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');
        return new Contexte(o.Saml.EntityId ?? publique + "/saml/gar", publique + "/saml/gar/sso");
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/saml/gar/metadata", Metadonnees).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/saml/gar/sso", Redirection).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/saml/gar/sso", Post).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/saml/gar/reprise", Reprise).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/saml/gar/envoi.js", () => Results.Text("document.getElementById('envoi-gar').submit();", "text/javascript; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Metadonnees(IConfiguration configuration, IOptions<GarOptions> options, CertificatSaml certificats)
    {
        var (entityId, urlSso) = Adresses(configuration, options.Value);
        return Results.Text(ReponseSaml.Metadonnees(entityId, urlSso, certificats.Idp, options.Value.Saml.ExigerRequetesSignees),
            "application/samlmetadata+xml; charset=utf-8");
    }

    private static Task<IResult> Redirection(HttpContext http, IConfiguration configuration, IOptions<GarOptions> options, CertificatSaml certificats,
        NpgsqlDataSource db, TimeProvider horloge, CancellationToken ct) =>
        TraiterAsync(http, configuration, options.Value, certificats, db, horloge, attendu => LecteurRequeteAuthn.LireRedirection(
            http.Request.QueryString.Value ?? "", attendu), http.Request.Query["RelayState"].ToString(), ct);

    private static async Task<IResult> Post(HttpContext http, IConfiguration configuration, IOptions<GarOptions> options, CertificatSaml certificats,
        NpgsqlDataSource db, TimeProvider horloge, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(400, "Demande refusée", "La demande d'authentification du GAR est absente.");
        }

        var form = await http.Request.ReadFormAsync(ct);
        return await TraiterAsync(http, configuration, options.Value, certificats, db, horloge,
            attendu => LecteurRequeteAuthn.LirePost(form["SAMLRequest"].ToString(), attendu), form["RelayState"].ToString(), ct);
    }

    private static async Task<IResult> TraiterAsync(HttpContext http, IConfiguration configuration, GarOptions o, CertificatSaml certificats,
        NpgsqlDataSource db, TimeProvider horloge, Func<LecteurRequeteAuthn.Attendu, RequeteAuthn> lire, string relayState, CancellationToken ct)
    {
        var (_, urlSso) = Adresses(configuration, o);
        var maintenant = horloge.GetUtcNow();
        var validite = TimeSpan.FromMinutes(o.Saml.ValiditeMinutes);
        RequeteAuthn requete;
        try
        {
            requete = lire(new LecteurRequeteAuthn.Attendu(o.Saml.EntityIdGar, o.Saml.AcsGar, urlSso, certificats.Gar, o.Saml.ExigerRequetesSignees,
                maintenant, validite));
        }
        catch (RequeteRefusee e)
        {
            return Page(400, "Demande refusée", "La demande d'authentification reçue pour le GAR est refusée : " + e.Message);
        }

        // SAML bindings §3.4.3 say 80 bytes; some providers send more. 512 keeps the login page's return address (the
        // protected request, at most 2048 characters) within bounds.
        if (relayState.Length > 512)
        {
            return Page(400, "Demande refusée", "La demande d'authentification est trop volumineuse (RelayState).");
        }

        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            var nouvelle = await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO ressources.gar_requete_saml (id, recue_le, expire_le) VALUES (@Id, @maintenant, @expire)
                ON CONFLICT (id) DO NOTHING
                """, new { requete.Id, maintenant, expire = requete.EmiseLe + validite + TimeSpan.FromMinutes(1) }, cancellationToken: ct));
            if (nouvelle == 0)
            {
                return Page(400, "Demande refusée", "Cette demande d'authentification a déjà été reçue : elle ne peut servir qu'une fois.");
            }
        }

        var demande = new DemandeEnAttente(requete.Id, relayState);
        if (await SessionAsync(http) is { } personneId)
        {
            return await RepondreAsync(http, configuration, o, certificats, horloge, personneId, demande, ct);
        }

        var protegee = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(ButProtection).ToTimeLimitedDataProtector()
            .Protect(System.Text.Json.JsonSerializer.Serialize(demande), validite);
        var reprise = "/saml/gar/reprise?demande=" + Uri.EscapeDataString(protegee);
        return Results.Redirect("/connexion?returnUrl=" + Uri.EscapeDataString(reprise));
    }

    internal sealed record DemandeEnAttente(string Id, string RelayState);

    private static async Task<IResult> Reprise(string? demande, HttpContext http, IConfiguration configuration, IOptions<GarOptions> options,
        CertificatSaml certificats, TimeProvider horloge, CancellationToken ct)
    {
        DemandeEnAttente? lue = null;
        try
        {
            lue = demande is null ? null : System.Text.Json.JsonSerializer.Deserialize<DemandeEnAttente>(
                http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(ButProtection).ToTimeLimitedDataProtector().Unprotect(demande));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
        }

        if (lue is null)
        {
            return Page(400, "Demande expirée", "La demande d'authentification du GAR a expiré : rouvrez la ressource depuis Ent.");
        }

        if (await SessionAsync(http) is not { } personneId)
        {
            return Results.Redirect("/connexion?returnUrl=" + Uri.EscapeDataString("/saml/gar/reprise?demande=" + Uri.EscapeDataString(demande!)));
        }

        return await RepondreAsync(http, configuration, options.Value, certificats, horloge, personneId, lue, ct);
    }

    private static async Task<Guid?> SessionAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(SchemaSession);
        return session.Succeeded && Guid.TryParse(session.Principal.FindFirstValue("sub"), out var id) ? id : null;
    }

    private static async Task<IResult> RepondreAsync(HttpContext http, IConfiguration configuration, GarOptions o, CertificatSaml certificats,
        TimeProvider horloge, Guid personneId, DemandeEnAttente demande, CancellationToken ct)
    {
        var utilisateur = await http.RequestServices.GetRequiredService<UtilisateursGar>().TrouverAsync(personneId, null, ct);
        if (utilisateur is null)
        {
            return Page(403, "Accès réservé",
                "Les ressources numériques du GAR sont réservées aux élèves et aux personnels d'un établissement : votre compte n'en a pas.");
        }

        var (entityId, _) = Adresses(configuration, o);
        var xml = ReponseSaml.Construire(new ReponseSaml.Parametres(entityId, o.Saml.EntityIdGar, o.Saml.AcsGar, demande.Id, utilisateur,
            horloge.GetUtcNow(), TimeSpan.FromMinutes(o.Saml.ValiditeMinutes), certificats.Idp));
        // The page carries a signed assertion: no cache keeps it.
        http.Response.Headers.CacheControl = "no-store";
        if (Uri.TryCreate(o.Saml.AcsGar, UriKind.Absolute, out var acs))
        {
            http.Items[Kernel.Http.EnTetes.FormActionSupplementaire] = acs.GetLeftPart(UriPartial.Authority);
        }

        var corps = $"""
            <form id="envoi-gar" method="post" action="{WebUtility.HtmlEncode(o.Saml.AcsGar)}">
              <input type="hidden" name="SAMLResponse" value="{Convert.ToBase64String(Encoding.UTF8.GetBytes(xml))}">
              {(demande.RelayState.Length > 0 ? $"<input type=\"hidden\" name=\"RelayState\" value=\"{WebUtility.HtmlEncode(demande.RelayState)}\">" : "")}
              <p>Ouverture de la ressource par le GAR…</p>
              <button type="submit">Continuer vers la ressource</button>
            </form>
            <script src="/saml/gar/envoi.js"></script>
            """;
        return Page(200, "Ouverture de la ressource", null, corps);
    }

    private static IResult Page(int statut, string titre, string? message, string? corps = null) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(titre)} — Ent</title></head>
        <body><main><h1>{WebUtility.HtmlEncode(titre)}</h1>
        {(message is null ? "" : $"<p>{WebUtility.HtmlEncode(message)}</p>")}
        {corps}
        </main></body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, statut);
}
