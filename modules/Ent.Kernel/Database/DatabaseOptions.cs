namespace Ent.Kernel.Database;

/// <summary>Settings under <c>Ent:Database</c>; the server itself is <c>ConnectionStrings:Ent</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Ent:Database";

    /// <summary>Folder of the embedded cluster, relative to the folder Ent runs in.</summary>
    public string DataFolder { get; set; } = Path.Combine(".data", "postgres");

    /// <summary>Folder of the PostgreSQL server binaries; empty searches PATH then /usr/lib/postgresql/*/bin.</summary>
    public string? BinFolder { get; set; }

    /// <summary>Port of the embedded cluster at its creation; 0 picks a free loopback port, kept afterwards.</summary>
    public int Port { get; set; }

    /// <summary>
    /// How long a start waits for a configured server that does not answer yet (a database starting beside Ent),
    /// retrying every second; 0 fails at the first refused connection.
    /// </summary>
    public int AttenteSecondes { get; set; } = 30;
}
