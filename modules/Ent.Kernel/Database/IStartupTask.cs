namespace Ent.Kernel.Database;

/// <summary>
/// Work a module does at every start, once the migrations are applied and before requests are served (e.g. bring
/// the OIDC clients in line with configuration). Must be idempotent: every instance runs it at its start.
/// </summary>
public interface IStartupTask
{
    Task RunAsync(IServiceProvider services, CancellationToken ct);
}
