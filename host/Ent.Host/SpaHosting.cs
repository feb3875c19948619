using Microsoft.Extensions.FileProviders;

namespace Ent.Host;

/// <summary>
/// Serves the built SPA from the same origin: its files, and index.html for any client route. Unknown /api routes
/// stay 404 problem details, never the SPA's page.
/// </summary>
internal static partial class SpaHosting
{
    private static string Folder(WebApplication app) => app.Configuration["Ent:Spa:Folder"] is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(AppContext.BaseDirectory, "spa");

    /// <summary>Files that name the current version: revalidated at every request (the SPA's build writes them).</summary>
    private static readonly HashSet<string> Frais = new(StringComparer.Ordinal) { "index.html", "sw.js", "manifest.webmanifest" };

    /// <summary>
    /// The SPA's files, served before authentication: they hold no personal data. Precompressed when the build wrote
    /// a .br or .gz beside them (<see cref="FichiersPrecompresses"/>).
    /// </summary>
    public static WebApplication UseSpaFiles(this WebApplication app)
    {
        var folder = Folder(app);
        if (!File.Exists(Path.Combine(folder, "index.html")))
        {
            LogNoSpa(app.Logger, folder);
            return app;
        }

        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseFichiersPrecompresses(files);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = FichiersPrecompresses.Types,
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                if (FichiersPrecompresses.Codage(ctx.File.Name) is { } codage)
                {
                    headers.ContentEncoding = codage;
                }

                // Vite names assets by content hash: cache them for a year. index.html, the service worker (which
                // holds the list of the version's files: a stale one keeps the old version) and the manifest must
                // always be fresh.
                headers.CacheControl = Frais.Contains(FichiersPrecompresses.SansCodage(ctx.File.Name))
                    ? "no-cache"
                    : ctx.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "public, max-age=3600";
            },
        });
        return app;
    }

    /// <summary>
    /// index.html for client routes only: an unknown /api, /openapi or /connect address stays a 404 problem (status
    /// code pages), and a known one called with the wrong method or content type keeps its 405 or 415.
    /// </summary>
    public static WebApplication MapSpaFallback(this WebApplication app)
    {
        var folder = Folder(app);
        if (File.Exists(Path.Combine(folder, "index.html")))
        {
            app.MapFallbackToFile("{*path:regex(^(?!(api|openapi|health|connect)(/|$)).*$):nonfile}", "index.html", new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(folder),
                OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
            }).AllowAnonymous();
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pas d'application web construite dans {Folder} : seule l'API est servie (npm run build dans client-app)")]
    private static partial void LogNoSpa(ILogger logger, string folder);
}
