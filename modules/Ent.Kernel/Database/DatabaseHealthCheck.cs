using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ent.Kernel.Database;

/// <summary>Ready means the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(EntDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!database.IsReady)
        {
            return HealthCheckResult.Unhealthy("Base de données en cours de démarrage.");
        }

        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Base de données injoignable.");
        }
    }
}
