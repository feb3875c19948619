using System.Text.RegularExpressions;
using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Ent.Host;

/// <summary>
/// Serilog: readable console by default, JSON with <c>Ent:Logging:Format=json</c>; one line per request with its
/// correlation id. In the text format, control characters of messages are escaped (<see cref="TexteEchappe"/>), so a
/// value taken from a request cannot write a line of its own. Logs carry ids, never names, marks or health data: request paths hold ids only, and the query
/// string is never logged.
/// </summary>
internal static partial class EntLogging
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>
    /// The static logger, for what happens outside the host (a failed start). The host's own logger is built from
    /// configuration; keeping them apart lets tests build many hosts in one process.
    /// </summary>
    public static Serilog.ILogger CreateBootstrapLogger()
    {
        var lc = new LoggerConfiguration().MinimumLevel.Information();
        return (string.Equals(Environment.GetEnvironmentVariable("Ent__Logging__Format"), "json", StringComparison.OrdinalIgnoreCase)
            ? lc.WriteTo.Console(new RenderedCompactJsonFormatter())
            : lc.WriteTo.Console(new TexteEchappe())).CreateLogger();
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
                // OpenIddict logs request parameters as they came (redirect_uri, state…) at Information.
                .MinimumLevel.Override("OpenIddict", LogEventLevel.Warning)
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
                lc.WriteTo.Console(new TexteEchappe());
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

/// <summary>
/// The text log line, <c>[HH:mm:ss LVL] message</c>, with every control character of the message escaped (\n, \r,
/// \u001B…): a <c>%0A</c> in a request parameter or path cannot forge a line. An exception's lines are indented, so
/// no line of it can pass for an event either.
/// </summary>
internal sealed class TexteEchappe : ITextFormatter
{
    private static readonly IFormatProvider Culture = System.Globalization.CultureInfo.InvariantCulture;
    private readonly MessageTemplateTextFormatter _entete = new("[{Timestamp:HH:mm:ss} {Level:u3}] ", Culture);
    private readonly MessageTemplateTextFormatter _message = new("{Message:lj}", Culture);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        _entete.Format(logEvent, output);
        using var message = new StringWriter(Culture);
        _message.Format(logEvent, message);
        output.Write(Echapper(message.ToString()));
        output.Write('\n');
        if (logEvent.Exception is not null)
        {
            foreach (var ligne in logEvent.Exception.ToString().ReplaceLineEndings("\n").Split('\n'))
            {
                output.Write("  ");
                output.Write(Echapper(ligne));
                output.Write('\n');
            }
        }
    }

    internal static string Echapper(string texte)
    {
        if (!texte.Any(EstControle))
        {
            return texte;
        }

        var resultat = new System.Text.StringBuilder(texte.Length + 16);
        foreach (var c in texte)
        {
            resultat.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                _ when EstControle(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return resultat.ToString();
    }

    // Tab is kept (it cannot start a line); U+2028/U+2029 end a line in some viewers.
    private static bool EstControle(char c) => c != '\t' && (char.IsControl(c) || c is '\u2028' or '\u2029');
}
