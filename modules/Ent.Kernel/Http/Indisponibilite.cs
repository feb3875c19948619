using System.Net.Sockets;
using Ent.Kernel.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Kernel.Http;

/// <summary>
/// A dependency Ent cannot do without is out of reach (the database, the documents' folder): the request is not the
/// caller's fault nor a bug, so it is answered 503 with <c>Retry-After</c> and a problem type of its own, and the log
/// gets one line at the first failure then a count per interval — not a stack trace per request (an outage of 33 s
/// wrote 30 MB of them).
/// </summary>
public static class Indisponibilite
{
    public const string TypeIndisponible = "urn:ent:probleme:indisponible";
    public const string TypeStockageIndisponible = "urn:ent:probleme:stockage-indisponible";

    /// <summary>Seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSecondes = 5;

    /// <summary>
    /// True for a database that cannot be reached or is going away: a connection refused, reset or timed out (an
    /// <see cref="NpgsqlException"/> over a socket, I/O or timeout error, which is also how a full pool reports), or
    /// PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now (57P01–57P03). Wrapped exceptions (EF Core's)
    /// are looked through.
    /// </summary>
    public static bool EstIndisponible(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p:
                    return p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
                case NpgsqlException n:
                    for (var inner = n.InnerException; inner is not null; inner = inner.InnerException)
                    {
                        if (inner is SocketException or IOException or TimeoutException)
                        {
                            return true;
                        }
                    }

                    return false;
                case StockageIndisponibleException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A few French words on why, for the log and the start-up message.</summary>
    public static string Raison(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow }:
                    return "le serveur démarre ou s'arrête";
                case PostgresException p:
                    return $"le serveur s'arrête (code {p.SqlState})";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connexion refusée";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return "nom de serveur inconnu";
                case SocketException s:
                    return $"erreur réseau {s.SocketErrorCode}";
                case TimeoutException:
                    return "délai dépassé";
                case StockageIndisponibleException s:
                    return s.Message;
            }
        }

        return "connexion interrompue";
    }

    /// <summary>The problem answered for an unreachable dependency, with its <c>Retry-After</c>.</summary>
    internal static ProblemDetails Probleme(HttpContext http, Exception exception)
    {
        http.Response.Headers.RetryAfter = RetryAfterSecondes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return exception is StockageIndisponibleException
            ? new ProblemDetails
            {
                Status = 503,
                Type = TypeStockageIndisponible,
                Title = "Stockage des documents indisponible",
                Detail = "Les documents ne peuvent pas être enregistrés pour le moment (dossier de stockage inaccessible). " +
                         "Rien n'a été enregistré ; réessayez plus tard.",
            }
            : new ProblemDetails
            {
                Status = 503,
                Type = TypeIndisponible,
                Title = "Service momentanément indisponible",
                Detail = "La base de données ne répond pas. Réessayez dans quelques instants.",
            };
    }

    /// <summary>
    /// Until the instance is ready (database reached, migrations and start-up tasks done), every request but
    /// <c>/health/live</c> answers 503 (<c>/health/ready</c> included) — the port is bound before that work so that a second start on a busy port touches
    /// nothing.
    /// </summary>
    public static IApplicationBuilder UseEntDemarrage(this IApplicationBuilder app)
    {
        var state = app.ApplicationServices.GetRequiredService<StartupState>();
        // Resolved once: a start that fails disposes the request services while requests may still arrive (they get 503,
        // not a 500 from a disposed container).
        var problemes = app.ApplicationServices.GetRequiredService<IProblemDetailsService>();
        return app.Use(async (context, next) =>
        {
            if (state.IsReady)
            {
                await next(context);
                return;
            }

            // Answered here, before authentication: OpenIddict builds its options (keys read from the database) at the
            // first request it sees, and caches a failure for good.
            if (context.Request.Path.Equals("/health/live", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("Healthy");
                return;
            }

            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = RetryAfterSecondes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await problemes.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 503,
                    Type = TypeIndisponible,
                    Title = "Service momentanément indisponible",
                    Detail = "Ent démarre (préparation de la base de données). Réessayez dans quelques instants.",
                },
            });
        });
    }
}

/// <summary>A storage folder Ent needs cannot be written (missing, read-only, full): answered 503, not 500.</summary>
public sealed class StockageIndisponibleException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Logs an outage without flooding: the first failure of an episode (its reason, no stack trace), then at most one line
/// per interval with how many requests were refused since.
/// </summary>
public sealed partial class JournalIndisponibilite(ILogger<JournalIndisponibilite> log, TimeProvider clock)
{
    /// <summary>At most one line per interval while the outage lasts.</summary>
    public static readonly TimeSpan Intervalle = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private long _dernierJournal = long.MinValue;
    private long _refusees;

    public void Noter(Exception exception)
    {
        long refusees;
        lock (_lock)
        {
            _refusees++;
            var maintenant = clock.GetTimestamp();
            if (_dernierJournal != long.MinValue && clock.GetElapsedTime(_dernierJournal, maintenant) < Intervalle)
            {
                return;
            }

            _dernierJournal = maintenant;
            refusees = _refusees;
            _refusees = 0;
        }

        LogIndisponible(log, Indisponibilite.Raison(exception), refusees, Intervalle.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dépendance indisponible ({Raison}) : {Refusees} requête(s) répondue(s) 503 ; prochain relevé dans {Secondes} s au plus")]
    private static partial void LogIndisponible(ILogger logger, string raison, long refusees, double secondes);
}
