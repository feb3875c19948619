using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ent.Kernel.Database;

/// <summary>
/// Ready means started (migrations and start-up tasks done) and the database answers a query within
/// <see cref="Delai"/>: a frozen server (SIGSTOP) accepts connections and then never answers, and a probe left
/// hanging tells a load balancer nothing.
/// </summary>
internal sealed class DatabaseHealthCheck(EntDatabase database, StartupState state) : IHealthCheck
{
    public static readonly TimeSpan Delai = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!state.IsReady)
        {
            return HealthCheckResult.Unhealthy("Ent démarre : base de données en préparation.");
        }

        try
        {
            // WaitAsync, not only the token: opening a connection to a frozen server does not always heed cancellation.
            await Requete(cancellationToken).WaitAsync(Delai, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"La base de données ne répond pas en {Delai.TotalSeconds:0} s.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"La base de données ne répond pas en {Delai.TotalSeconds:0} s.");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Base de données injoignable.");
        }
    }

    private async Task Requete(CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("SELECT 1");
        command.CommandTimeout = (int)Delai.TotalSeconds + 1;
        await command.ExecuteScalarAsync(ct);
    }
}
