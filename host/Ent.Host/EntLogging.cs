using System.Text.RegularExpressions;
using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Ent.Host;

/// <summary>
/// Serilog: readable console by default, JSON with <c>Ent:Logging:Format=json</c>; one line per request with its
/// correlation id. Logs carry ids, never names, marks or health data: request paths hold ids only, and the query
/// string is never logged.
/// </summary>
internal static partial class EntLogging
{
    public const string CorrelationHeader = "X-Correlation-Id";
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// The static logger, for what happens outside the host (a failed start). The host's own logger is built from
    /// configuration; keeping them apart lets tests build many hosts in one process.
    /// </summary>
    public static Serilog.ILogger CreateBootstrapLogger()
    {
        var lc = new LoggerConfiguration().MinimumLevel.Information();
        return (string.Equals(Environment.GetEnvironmentVariable("Ent__Logging__Format"), "json", StringComparison.OrdinalIgnoreCase)
            ? lc.WriteTo.Console(new RenderedCompactJsonFormatter())
            : lc.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture)).CreateLogger();
    }

    public static void AddEntLogging(this WebApplicationBuilder builder)
    {
        var json = string.Equals(builder.Configuration["Ent:Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, lc) =>
        {
            // Defaults first, so that the Serilog section of the configuration can override them.
            lc.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
                .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                // A start-up failure we explain (no PostgreSQL, failed migration) is logged once by Program, without
                // the stack trace the generic host would add.
                .Filter.ByExcluding(e => e.Exception is not null && HostSetup.ExplainStartupFailure(e.Exception).Expected
                                         && e.Level < LogEventLevel.Fatal)
                .Enrich.FromLogContext();
            if (json)
            {
                lc.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                lc.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
        });
    }

    /// <summary>Takes the caller's correlation id when well-formed, else makes one; answers it and logs with it.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var given = context.Request.Headers[CorrelationHeader].ToString();
        var id = CorrelationId().IsMatch(given) ? given : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[CorrelationHeader] = id;
        using (LogContext.PushProperty("CorrelationId", id))
        {
            await next(context);
        }
    });

    public static IApplicationBuilder UseEntRequestLogging(this IApplicationBuilder app) => app.UseSerilogRequestLogging(o =>
    {
        // The host's logger, built from configuration: without it the middleware writes through the static bootstrap
        // logger, which ignores the Serilog section (a minimum level of Warning still logged every request).
        o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
        o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} → {StatusCode} en {Elapsed:0.0} ms [{CorrelationId}]";
        o.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("CorrelationId", context.TraceIdentifier);
        o.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
            : context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
            : LogEventLevel.Information;
    });

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex CorrelationId();
}
