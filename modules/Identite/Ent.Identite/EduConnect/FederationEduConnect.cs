using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ent.Identite.EduConnect;

/// <summary><c>Ent:EduConnect</c>: the school's client at EduConnect. No authority, no EduConnect (and no button).</summary>
internal sealed class EduConnectOptions
{
    public const string Section = "Ent:EduConnect";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Only a test stand-in on loopback may be plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Active => !string.IsNullOrWhiteSpace(Authority);
}

/// <summary>
/// EduConnect as an external OpenID Connect scheme. The handler signs the person in to a short-lived cookie of its own
/// (<see cref="SchemaExterne"/>), never to Ent's session: <see cref="ConnexionEduConnectEndpoints"/> then decides which
/// account that person is, and only it opens the session.
/// </summary>
internal static class FederationEduConnect
{
    public const string Schema = "EduConnect";
    public const string SchemaExterne = "EduConnect.Externe";
    public const string CheminRetour = "/connexion/educonnect/retour";
    public static readonly TimeSpan DureeExterne = TimeSpan.FromMinutes(10);

    public static AuthenticationBuilder AddEduConnect(this AuthenticationBuilder auth)
    {
        var services = auth.Services;
        services.AddOptions<EduConnectOptions>().BindConfiguration(EduConnectOptions.Section)
            .Validate(o => !o.Active || (!string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret)),
                "Ent:EduConnect:ClientId et Ent:EduConnect:ClientSecret sont nécessaires quand Ent:EduConnect:Authority est renseigné.")
            .Validate(o => !o.Active || Uri.TryCreate(o.Authority, UriKind.Absolute, out _),
                "Ent:EduConnect:Authority est une adresse absolue (https://…).")
            .ValidateOnStart();

        // Long enough to choose among accounts, short enough that a forgotten tab cannot finish someone else's login.
        auth.AddCookie(SchemaExterne, o =>
        {
            o.Cookie.Name = "ent.educonnect";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = DureeExterne;
            o.SlidingExpiration = false;
        });

        // The scheme exists only when configured, which is known once configuration is read, not while services are
        // registered: so the scheme is added to AuthenticationOptions from the bound options, and the handler's own
        // services (what AddOpenIdConnect would add) are registered here by hand.
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<EduConnectOptions>>((o, educonnect) =>
        {
            if (educonnect.Value.Active)
            {
                o.AddScheme(Schema, s =>
                {
                    s.HandlerType = typeof(OpenIdConnectHandler);
                    s.DisplayName = "ÉduConnect";
                });
            }
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.TryAddTransient<OpenIdConnectHandler>();
        services.AddOptions<OpenIdConnectOptions>(Schema).Configure<IOptions<EduConnectOptions>>((o, educonnect) => Configurer(o, educonnect.Value))
            .Validate(o =>
            {
                o.Validate(Schema);
                return true;
            });
        return auth;
    }

    private static void Configurer(OpenIdConnectOptions o, EduConnectOptions educonnect)
    {
        if (!educonnect.Active)
        {
            return;
        }

        o.Authority = educonnect.Authority;
        o.ClientId = educonnect.ClientId;
        o.ClientSecret = educonnect.ClientSecret;
        o.RequireHttpsMetadata = educonnect.RequireHttpsMetadata;
        o.ResponseType = "code";
        // The answer comes back as a top-level GET: a cross-site POST (form_post) would arrive without the
        // SameSite=Lax correlation and nonce cookies, and every login would fail in a real browser.
        o.ResponseMode = "query";
        o.UsePkce = true;
        o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        o.SignInScheme = SchemaExterne;
        o.CallbackPath = CheminRetour;
        o.SignedOutCallbackPath = "/connexion/educonnect/deconnecte";
        o.RemoteSignOutPath = "/connexion/educonnect/deconnexion";
        o.MapInboundClaims = false; // keep EduConnect's claim names, as EduConnectClaims reads them
        o.GetClaimsFromUserInfoEndpoint = true;
        o.SaveTokens = false; // Ent never calls EduConnect on the person's behalf: the tokens would only fatten the cookie
        o.RemoteAuthenticationTimeout = DureeExterne;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        // EduConnect may release its attributes at userinfo only: keep them (the handler keeps standard claims only).
        // A vector that is also in the id_token comes twice; EduConnectClaims.Lire drops duplicates.
        foreach (var type in new[] { EduConnectClaims.Id, EduConnectClaims.Affiliation, EduConnectClaims.EleveIne, EduConnectClaims.EleveUai })
        {
            o.ClaimActions.MapUniqueJsonKey(type, type);
        }

        o.ClaimActions.MapJsonKey(EduConnectClaims.Vecteur, EduConnectClaims.Vecteur);
        o.Events.OnRemoteFailure = ConnexionEduConnectEndpoints.EchecAsync;
    }
}
