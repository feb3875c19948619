using Ent.Identite.Connexion;
using Ent.Identite.EduConnect;
using Ent.Kernel.Database;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ent.Identite.Oidc;

/// <summary>
/// Ent's OpenID Connect server (OpenIddict): discovery, JWKS, authorize, token, userinfo, end-session, revocation,
/// introspection. The SPA is a public client (code + PKCE); third parties are confidential clients. The API accepts
/// only the access tokens this server issued (local validation); every /api endpoint needs one unless it says AllowAnonymous.
/// </summary>
internal static class OidcServer
{
    public static readonly TimeSpan DureeJetonAcces = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddOidcServer(this IServiceCollection services)
    {
        services.AddDbContext<OidcDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()).UseOpenIddict());

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<OidcDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetIntrospectionEndpointUris("connect/introspect");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                // S256 only: « plain » sends the verifier itself as the challenge, which protects nothing (RFC 9700 §2.1.1).
                o.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                o.AddEventHandler(AdressesPubliques.Descriptor);
                o.RegisterScopes([.. Portees.Toutes]);
                o.SetAccessTokenLifetime(DureeJetonAcces)
                    .SetIdentityTokenLifetime(DureeJetonAcces)
                    .SetRefreshTokenLifetime(TimeSpan.FromDays(14))
                    // Rotating refresh tokens, strictly: a used one is dead at once (a stolen copy cannot be replayed).
                    .SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration()
                    // TLS is the reverse proxy's job in production; the embedded and test setups are plain http.
                    .DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                o.AddEventHandler(CacheJetonsAcces.Lire.Descriptor).AddEventHandler(CacheJetonsAcces.Garder.Descriptor)
                    .AddEventHandler(JetonsRevoques.Descriptor);
            });
        // The issuer is the public address, never the request's Host header (which a client chooses).
        services.AddOptions<OpenIddictServerOptions>().Configure<IConfiguration>((o, configuration) =>
            o.Issuer = new Uri(ClientsOidc.UrlPublique(configuration) + "/"));
        services.AddSingleton<CacheJetonsAcces>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ClesOidc>();
        services.AddSingleton<IStartupTask, ClientsOidc>();

        services.AddAuthentication(o => o.DefaultScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .AddCookie(ConnexionEndpoints.Schema, o =>
            {
                o.LoginPath = "/connexion";
                o.Cookie.Name = "ent.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax; // the SPA's redirect to /connect/authorize is a top-level navigation
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // A session cookie, or a persistent one when the person chose « Rester connecté » (ResterConnecte).
                o.Events.OnSigningIn = ConnexionEndpoints.LierAppareilAsync;
                o.Events.OnValidatePrincipal = ConnexionEndpoints.ValiderSessionAsync;
            })
            .AddEduConnect();
        // No fallback policy: it would also answer 401 to unknown addresses and missing files. Every /api endpoint
        // is protected by its module group (ApiGroups.MapApiGroup), which an architecture test checks.
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationHandler, PorteeApiHandler>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ent.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddOptions<ConnexionOptions>().BindConfiguration(ConnexionOptions.Section)
            .Validate(o => o.ResterConnecteJours is >= 1 and <= 400, "Ent:Connexion:ResterConnecteJours est un nombre de jours, de 1 à 400.")
            .ValidateOnStart();
        services.AddScoped<Comptes>();
        services.AddSingleton<Appareils.Appareils>();
        return services;
    }

    public static void MapOidcServer(IEndpointRouteBuilder app)
    {
        ConnexionEndpoints.Map(app);
        OubliEndpoints.Map(app);
        ConnexionEduConnectEndpoints.Map(app);
        AutoriserEndpoint.Map(app);
        JetonEndpoint.Map(app);
        InfoUtilisateurEndpoint.Map(app);
        FinDeSessionEndpoint.Map(app);
    }
}
