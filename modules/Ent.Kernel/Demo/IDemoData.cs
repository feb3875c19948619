using System.Security.Cryptography;
using System.Text;
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

/// <summary>
/// Stable identifiers for demo records: the same name gives the same id on every machine, so every module's demo data
/// finds the same people again (a person's id is <c>Of("compte", login)</c>, e.g. <c>Of("compte", "prof.01")</c>).
/// </summary>
public static class DemoIds
{
    public static Guid Of(string kind, string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"ent-demo:{kind}:{name}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5 (name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
