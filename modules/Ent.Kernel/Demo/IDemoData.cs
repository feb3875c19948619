using Npgsql;

namespace Ent.Kernel.Demo;

/// <summary>
/// A module's part of the demo lycée, written at start-up when demo data is on (<c>Ent:Demo</c>). Must be idempotent:
/// it runs at every start and must leave an already-seeded database as it is.
/// </summary>
public interface IDemoData
{
    /// <summary>Modules seed in ascending order: Identité (0) first, since others read its directory.</summary>
    int Order { get; }

    Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct);
}

/// <summary>Fixed identifiers of the demo lycée, shared by every module's demo data.</summary>
public static class DemoLycee
{
    public const string Uai = "0750000A";
    public const string Nom = "Lycée démo";
    public const string MotDePasse = "demo-ent-2026";
}
