using System.Net;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace Ent.Host;

/// <summary>
/// Ent behind a TLS reverse proxy. X-Forwarded-For/Proto/Host are believed only from the addresses of
/// <c>Ent:Proxies</c> (none by default), so the login limits, the access log and the exit-authorisation signatures see
/// the client's address, and the request's scheme is https when the proxy says so. Requests for another host than
/// <c>Ent:UrlPublique</c>'s (or <c>AllowedHosts</c>, when set) are refused, except the health checks, which a load
/// balancer's probe calls by the instance's own address. With an https public address, every cookie is Secure and
/// responses carry HSTS.
/// </summary>
internal static class ProxySetup
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public static void AddEntProxy(this WebApplicationBuilder builder)
    {
        var reglages = Reglages.Lire(builder.Configuration);
        builder.Services.AddSingleton(reglages);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The framework trusts loopback by default: here only what is configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var adresse in reglages.Adresses)
            {
                o.KnownProxies.Add(adresse);
            }

            foreach (var reseau in reglages.Reseaux)
            {
                o.KnownIPNetworks.Add(reseau);
            }

            // A chain of trusted proxies (a load balancer, then nginx) is walked back to the first address not trusted.
            o.ForwardLimit = null;
            if (reglages.Hotes is { } hotes)
            {
                o.AllowedHosts = [.. hotes];
            }
        });
        // Host filtering is done below (with the health checks exempt), not by the framework's middleware.
        builder.Services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    }

    public static void UseEntProxy(this WebApplication app)
    {
        var reglages = app.Services.GetRequiredService<Reglages>();
        if (reglages.Adresses.Count + reglages.Reseaux.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (reglages.Hotes is { } hotes)
        {
            var motifs = hotes.Select(h => new StringSegment(h)).ToList();
            app.Use(async (context, next) =>
            {
                var hote = context.Request.Host;
                if (!hote.HasValue || HostString.MatchesAny(new StringSegment(hote.Host), motifs)
                    || context.Request.Path.StartsWithSegments("/health"))
                {
                    await next(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 400,
                        Type = "urn:ent:probleme:hote-inconnu",
                        Title = "Adresse inconnue",
                        Detail = "Ent ne répond pas sous ce nom d'hôte : utilisez son adresse publique (Ent:UrlPublique).",
                    },
                });
            });
        }

        if (reglages.Https)
        {
            app.UseHsts();
            app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        }
    }

    /// <summary>What the configuration says, checked once at start (a wrong value stops Ent with a French message).</summary>
    internal sealed record Reglages(IReadOnlyList<IPAddress> Adresses, IReadOnlyList<System.Net.IPNetwork> Reseaux,
        IReadOnlyList<string>? Hotes, bool Https)
    {
        public static Reglages Lire(IConfiguration configuration)
        {
            var texte = configuration["Ent:UrlPublique"] is { Length: > 0 } u ? u : HostSetup.DefaultUrl;
            if (!Uri.TryCreate(texte, UriKind.Absolute, out var publique) || (publique.Scheme != Uri.UriSchemeHttp && publique.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"Ent:UrlPublique doit être une adresse absolue en http ou https (lu : « {texte} »).");
            }

            var adresses = new List<IPAddress>();
            var reseaux = new List<System.Net.IPNetwork>();
            foreach (var valeur in configuration.GetSection("Ent:Proxies").Get<string[]>() ?? [])
            {
                if (valeur.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(valeur.Trim(), out var reseau))
                {
                    reseaux.Add(reseau);
                }
                else if (IPAddress.TryParse(valeur.Trim(), out var adresse))
                {
                    adresses.Add(adresse);
                }
                else
                {
                    throw new InvalidOperationException(
                        $"Ent:Proxies : « {valeur} » n'est ni une adresse IP ni un réseau (10.0.0.0/8) ; indiquez les adresses de vos proxys inverses.");
                }
            }

            // AllowedHosts set (other than "*") replaces the list made from the public address; "*" turns the check off.
            var configures = configuration["AllowedHosts"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            IReadOnlyList<string>? hotes = configures switch
            {
                ["*"] => null,
                { Length: > 0 } => configures,
                _ => [publique.Host, .. Loopback],
            };
            return new Reglages(adresses, reseaux, hotes, publique.Scheme == Uri.UriSchemeHttps);
        }
    }
}
