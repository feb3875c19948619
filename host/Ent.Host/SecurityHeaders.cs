namespace Ent.Host;

/// <summary>
/// Headers on every response. The CSP allows no inline script anywhere; the API documentation page alone may use
/// inline styles (Swagger UI sets them). The SPA's service worker (sw.js) and its manifest come from the same origin:
/// said plainly with worker-src and manifest-src rather than left to default-src's fallback.
/// </summary>
internal static class SecurityHeaders
{
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; media-src 'self' blob:; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string DocsCsp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var csp = context.Request.Path.StartsWithSegments("/api/docs") ? DocsCsp : Csp;
            if (context.Items[Ent.Kernel.Http.EnTetes.FormActionSupplementaire] is string origine)
            {
                // A page whose form ends at another origin (consent: back to a third-party application).
                csp = csp.Replace("form-action 'self'", $"form-action 'self' {origine}", StringComparison.Ordinal);
            }

            headers.ContentSecurityPolicy = csp;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=(), payment=()";
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                headers.CacheControl = "no-store"; // personal data must not linger in shared caches
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
