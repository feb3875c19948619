using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Ent.Host;

/// <summary>
/// Brotli or gzip on the fly, for what the build did not compress already (the API's JSON, index.html on client
/// routes, small files). Never where BREACH applies — a response holding a secret beside text the request chose, which
/// a cross-site attacker can have the victim's browser fetch with its cookies: the server-rendered login, reset and
/// consent pages (antiforgery token, reflected parameters) under /connexion, the activation pages under /activation
/// (antiforgery token, activation ticket, the login from the address), and the OIDC endpoints under /connect (codes
/// and tokens). The API is safe to compress: it authenticates by a bearer header, never by a cookie, so a
/// cross-site request reaches it anonymous (README, « Compression et cache »).
/// </summary>
internal static class Compression
{
    private static readonly PathString[] SansCompression = ["/connexion", "/activation", "/connect"];

    public static IServiceCollection AddEntCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Over TLS too: the paths above, where it would not be safe, never reach the middleware (UseEntCompression).
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "image/svg+xml", "application/manifest+json"];
        });
        // Fastest: a typical API answer (a few KB of JSON) shrinks nearly as much as at Optimal for a fraction of the
        // CPU, spent again at every request (figures in the README); static files are compressed once, at the maximum,
        // by the build.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseEntCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => !SansCompression.Any(p => context.Request.Path.StartsWithSegments(p)), branche => branche.UseResponseCompression());
}
