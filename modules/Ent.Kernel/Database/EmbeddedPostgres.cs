using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ent.Kernel.Database;

/// <summary>Settings of the private PostgreSQL cluster that Ent starts when no connection string is configured.</summary>
public sealed record EmbeddedPostgresSettings
{
    /// <summary>Folder that holds the cluster (pgdata/), its log and its credentials.</summary>
    public required string DataFolder { get; init; }

    /// <summary>Folder of initdb/pg_ctl; null searches PATH then /usr/lib/postgresql/*/bin.</summary>
    public string? BinFolder { get; init; }

    /// <summary>Port to listen on at first initialisation; 0 picks a free one, remembered afterwards.</summary>
    public int Port { get; init; }

    /// <summary>Trade durability for speed (tests only): fsync and synchronous commit off.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>Database created inside the cluster for the application.</summary>
    public string Database { get; init; } = "ent";
}

/// <summary>
/// A private PostgreSQL cluster on loopback, made from the machine's server binaries. Created on first start,
/// reused afterwards (also when a previous host was killed and left it running: it is then taken over), stopped by
/// <see cref="StopAsync"/> unless another live process started it (a second instance on the same folder leaves it running).
/// As root, PostgreSQL refuses to run: the cluster then belongs to an unprivileged system user.
/// </summary>
public sealed class EmbeddedPostgres
{
    private const string SuperUser = "ent";
    private const string ServiceUser = "postgres";
    private const string FallbackServiceUser = "ent-postgres";

    private readonly EmbeddedPostgresSettings _settings;
    private readonly ILogger _log;
    private readonly string _bin;
    private readonly string? _runAs;
    private State? _state;
    private bool _adopted;

    private sealed record State(int Port, string Password);

    public EmbeddedPostgres(EmbeddedPostgresSettings settings, ILogger? log = null)
    {
        _settings = settings with { DataFolder = Path.GetFullPath(settings.DataFolder) };
        _log = log ?? NullLogger.Instance;
        _bin = FindBinaries(settings.BinFolder);
        _runAs = IsRoot() ? EnsureServiceUser() : null;
    }

    private string DataFolder => _settings.DataFolder;
    private string PgData => Path.Combine(DataFolder, "pgdata");
    private string StateFile => Path.Combine(DataFolder, "ent-cluster.json");
    private string LogFile => Path.Combine(DataFolder, "log", "postgresql.log");

    /// <summary>Connection string to the application database, valid once <see cref="StartAsync"/> returned.</summary>
    public string ConnectionString => BuildConnectionString(_settings.Database);

    /// <summary>Connection string to another database of the same cluster.</summary>
    public string BuildConnectionString(string database)
    {
        var state = _state ?? throw new InvalidOperationException("Le serveur PostgreSQL embarqué n'est pas démarré.");
        return $"Host=127.0.0.1;Port={state.Port};Username={SuperUser};Password={state.Password};Database={database}";
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        Directory.CreateDirectory(DataFolder);
        if (_runAs is not null)
        {
            // chown -R hands the folder to the cluster's user: only a folder that is empty or already holds that
            // user's cluster. A mistyped Ent:Database:DataFolder (/etc, /home) must not change the owner of its files.
            await RefuseForeignFolderAsync(_runAs, ct);
            await RunAsync("chown", ["-R", $"{_runAs}:", DataFolder], ct);
            var reachable = await RunAsync("runuser", ["-u", _runAs, "--", "test", "-w", DataFolder], ct, check: false);
            if (reachable.ExitCode != 0)
            {
                throw new EmbeddedPostgresException(
                    $"L'utilisateur système '{_runAs}', sous lequel PostgreSQL doit tourner quand Ent est lancé en root, " +
                    $"ne peut pas accéder au dossier {DataFolder} (un dossier parent lui est fermé). " +
                    "Choisissez un dossier accessible avec le réglage Ent:Database:DataFolder (par exemple /var/lib/ent), " +
                    "ou lancez Ent sous un utilisateur normal.");
            }
        }

        if (!File.Exists(Path.Combine(PgData, "PG_VERSION")))
        {
            await InitialiseAsync(ct);
        }

        _state = JsonSerializer.Deserialize<State>(await File.ReadAllTextAsync(StateFile, ct))
                 ?? throw new EmbeddedPostgresException($"Le fichier {StateFile} est illisible.");

        var status = await PgCtlAsync(["status", "-D", PgData], ct, check: false);
        if (status.ExitCode == 0 && OwnerAlive())
        {
            // Started by another instance still running on the same folder: not this process's to stop (stopping it
            // cut the other instance off: 9,519 of its 10,419 requests failed). Several instances need an external server.
            _adopted = true;
            _log.LogInformation("PostgreSQL embarqué déjà en marche sur le port {Port}, démarré par une autre instance d'Ent : il restera en marche à l'arrêt de celle-ci", _state.Port);
        }
        else if (status.ExitCode == 0)
        {
            // Left running by a host that was killed: this one takes it over, and stops it when it stops.
            _adopted = false;
            await WriteOwnerAsync(ct);
            _log.LogInformation("PostgreSQL embarqué laissé en marche par une instance arrêtée brutalement (port {Port}) : repris", _state.Port);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
            if (_runAs is not null)
            {
                await RunAsync("chown", ["-R", $"{_runAs}:", Path.GetDirectoryName(LogFile)!], ct);
            }

            var start = await PgCtlAsync(["start", "-D", PgData, "-l", LogFile, "-w", "-t", "120"], ct, check: false);
            if (start.ExitCode != 0)
            {
                throw new EmbeddedPostgresException(
                    $"Le serveur PostgreSQL embarqué n'a pas démarré (port {_state.Port}). Journal : {LogFile}.\n{start.Output}\n{TailOfLog()}");
            }

            _adopted = false;
            await WriteOwnerAsync(ct);
            _log.LogInformation("PostgreSQL embarqué démarré sur 127.0.0.1:{Port} ({DataFolder})", _state.Port, DataFolder);
        }

        await EnsureDatabaseAsync(_settings.Database, ct);
    }

    /// <summary>Creates a database in the cluster when it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        // Unpooled: a pooled connection could outlive a restart of the cluster within one process.
        await using var conn = new Npgsql.NpgsqlConnection(BuildConnectionString("postgres") + ";Pooling=false");
        await conn.OpenAsync(ct);
        await using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn);
        exists.Parameters.Add(new Npgsql.NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            // Identifiers cannot be parameters; the name is quoted as an identifier.
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (_state is null)
        {
            return;
        }

        if (_adopted)
        {
            _log.LogInformation("PostgreSQL embarqué laissé en marche : ce n'est pas cette instance d'Ent qui l'a démarré");
            _state = null;
            return;
        }

        var stop = await PgCtlAsync(["stop", "-D", PgData, "-m", _settings.Ephemeral ? "immediate" : "fast", "-w", "-t", "60"], ct, check: false);
        if (stop.ExitCode == 0)
        {
            _log.LogInformation("PostgreSQL embarqué arrêté");
        }

        _state = null;
    }

    /// <summary>The process that started the running cluster (or took it over), as "pid start-time".</summary>
    private string OwnerFile => Path.Combine(DataFolder, "ent-owner");

    private static string ProcessStamp(Process p) => $"{p.Id} {p.StartTime.ToUniversalTime():yyyyMMddHHmmss}";

    private async Task WriteOwnerAsync(CancellationToken ct)
    {
        using var self = Process.GetCurrentProcess();
        await File.WriteAllTextAsync(OwnerFile, ProcessStamp(self), ct);
    }

    /// <summary>Whether the process recorded as the cluster's starter still runs (the same pid and start time).</summary>
    private bool OwnerAlive()
    {
        try
        {
            var recorded = File.ReadAllText(OwnerFile).Trim();
            if (!int.TryParse(recorded.Split(' ')[0], out var pid))
            {
                return false;
            }

            using var owner = Process.GetProcessById(pid);
            return !owner.HasExited && ProcessStamp(owner) == recorded;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task RefuseForeignFolderAsync(string runAs, CancellationToken ct)
    {
        if (!Directory.EnumerateFileSystemEntries(DataFolder).Any())
        {
            return;
        }

        if (File.Exists(Path.Combine(PgData, "PG_VERSION")))
        {
            var owner = await RunAsync("stat", ["-c", "%U", PgData], ct, check: false);
            if (owner.ExitCode == 0 && owner.Output == runAs)
            {
                return;
            }
        }

        throw new EmbeddedPostgresException(
            $"Le dossier {DataFolder} (réglage Ent:Database:DataFolder) n'est pas vide et ne contient pas de cluster PostgreSQL " +
            $"appartenant à l'utilisateur système '{runAs}'. Lancé en root, Ent devrait en donner tout le contenu à cet utilisateur " +
            "(chown -R) : il refuse de le faire. Indiquez un dossier vide ou inexistant (par exemple /var/lib/ent/postgres), " +
            "ou celui d'un cluster déjà créé par Ent.");
    }

    private async Task InitialiseAsync(CancellationToken ct)
    {
        if (Directory.Exists(PgData) && Directory.EnumerateFileSystemEntries(PgData).Any())
        {
            throw new EmbeddedPostgresException($"Le dossier {PgData} existe, n'est pas vide et ne contient pas de cluster PostgreSQL.");
        }

        var port = _settings.Port != 0 ? _settings.Port : FreeLoopbackPort();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _log.LogInformation("Création du cluster PostgreSQL embarqué dans {DataFolder}", DataFolder);

        // initdb reads the password from a file the cluster's owner can read; it is removed right after.
        var pwFile = Path.Combine(DataFolder, ".initdb-pw");
        await File.WriteAllTextAsync(pwFile, password, ct);
        try
        {
            if (_runAs is not null)
            {
                await RunAsync("chown", [$"{_runAs}:", pwFile], ct);
            }

            await RunPostgresToolAsync("initdb",
            [
                "-D", PgData, "-U", SuperUser, "--pwfile", pwFile, "--auth=scram-sha-256", "-E", "UTF8",
                "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=fr-FR", "--no-instructions",
            ], ct);
        }
        finally
        {
            File.Delete(pwFile);
        }

        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            $"port = {port}",
            "unix_socket_directories = ''",
            "max_connections = 200",
            "shared_buffers = 256MB",
            "timezone = 'Europe/Paris'",
        };
        if (_settings.Ephemeral)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        await File.AppendAllLinesAsync(Path.Combine(PgData, "postgresql.conf"), ["", "# Ent embedded cluster", .. settings], ct);

        await File.WriteAllTextAsync(StateFile, JsonSerializer.Serialize(new State(port, password)), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(StateFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private string TailOfLog()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(15));
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private Task<ProcessResult> PgCtlAsync(IReadOnlyList<string> args, CancellationToken ct, bool check = true) =>
        RunPostgresToolAsync("pg_ctl", args, ct, check);

    private Task<ProcessResult> RunPostgresToolAsync(string tool, IReadOnlyList<string> args, CancellationToken ct, bool check = true)
    {
        var exe = Path.Combine(_bin, tool);
        return _runAs is null
            ? RunAsync(exe, args, ct, check)
            : RunAsync("runuser", ["-u", _runAs, "--", exe, .. args], ct, check);
    }

    private sealed record ProcessResult(int ExitCode, string Output);

    private static async Task<ProcessResult> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct, bool check = true)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // pg_ctl start leaves the server running with inherited handles; it must not hold our pipes open.
        using var process = Process.Start(psi) ?? throw new EmbeddedPostgresException($"Impossible de lancer {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout + await stderr).Trim();
        if (check && process.ExitCode != 0)
        {
            throw new EmbeddedPostgresException($"{Path.GetFileName(file)} a échoué (code {process.ExitCode}) : {output}");
        }

        return new ProcessResult(process.ExitCode, output);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Finds the folder holding initdb and pg_ctl, or explains what to install.</summary>
    public static string FindBinaries(string? configured) =>
        FindBinaries(configured, (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), "/usr/lib/postgresql");

    internal static string FindBinaries(string? configured, IEnumerable<string> path, string versionsRoot)
    {
        static bool HasTools(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasTools(configured)
                ? configured
                : throw new EmbeddedPostgresException($"Le dossier Ent:Database:BinFolder ({configured}) ne contient pas initdb et pg_ctl.");
        }

        // Debian's /usr/bin/pg_ctl is a wrapper without initdb beside it: the real binaries are under /usr/lib/postgresql.
        var candidates = path
            .Concat(Directory.Exists(versionsRoot)
                ? Directory.GetDirectories(versionsRoot)
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : []);
        foreach (var dir in candidates)
        {
            if (HasTools(dir))
            {
                return dir;
            }
        }

        throw new EmbeddedPostgresException(
            "Aucun serveur PostgreSQL n'est installé sur cette machine (initdb et pg_ctl introuvables). " +
            "Installez-le (Debian/Ubuntu : sudo apt-get install postgresql), " +
            "ou indiquez un serveur existant avec le réglage ConnectionStrings:Ent " +
            "(variable d'environnement ConnectionStrings__Ent=\"Host=…;Database=ent;Username=…;Password=…\").");
    }

    // Environment.UserName is the effective user's name on Unix.
    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static string EnsureServiceUser()
    {
        if (UserExists(ServiceUser))
        {
            return ServiceUser;
        }

        if (!UserExists(FallbackServiceUser))
        {
            using var p = Process.Start("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", FallbackServiceUser]);
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new EmbeddedPostgresException(
                    $"Ent est lancé en root et PostgreSQL refuse de tourner en root : impossible de créer l'utilisateur système '{FallbackServiceUser}'.");
            }
        }

        return FallbackServiceUser;
    }

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));
}

/// <summary>The embedded cluster could not be found, created or started; the message says what to do.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);
