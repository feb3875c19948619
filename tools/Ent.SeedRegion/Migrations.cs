using Ent.Communication;
using Ent.Identite;
using Ent.Kernel.Database;
using Ent.Kernel.Modules;
using Ent.Ressources;
using Ent.Scolarite;
using Ent.VieScolaire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ent.SeedRegion;

/// <summary>
/// The schema is Ent's own: every module's embedded migrations, applied by the kernel's runner exactly as the host does
/// at start-up (same journal, same checksums), so a host started on the seeded database finds nothing to apply.
/// </summary>
public static class Migrations
{
    /// <summary>The five modules as the host registers them (host/Ent.Host/ModuleRegistry.cs), read from their registrations.</summary>
    public static IReadOnlyList<EntModule> Modules() =>
    [
        .. new ServiceCollection().AddIdentite().AddScolarite().AddVieScolaire().AddCommunication().AddRessources()
            .Where(d => d.ServiceType == typeof(EntModule) && d.ImplementationInstance is EntModule)
            .Select(d => (EntModule)d.ImplementationInstance!),
    ];

    public static async Task<int> AppliquerAsync(string connexion, CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(connexion);
        return await new MigrationRunner(source, Modules(), NullLogger<MigrationRunner>.Instance).RunAsync(ct);
    }
}
