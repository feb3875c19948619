using System.Diagnostics;
using Ent.Kernel.Database;

namespace Ent.Testing;

/// <summary>
/// One real PostgreSQL cluster for the whole test process (the same component the host embeds), in a temporary
/// folder, with fsync off. Each test class gets a database of its own. Clusters left behind by a test process that
/// died are stopped and removed at the next run.
/// </summary>
public static class TestCluster
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "ent-tests");
    private static readonly Lazy<Task<EmbeddedPostgres>> Cluster = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var cluster = await Cluster.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await cluster.EnsureDatabaseAsync(name);
        return cluster.BuildConnectionString(name);
    }

    /// <summary>A fresh folder for a test that starts clusters of its own; removed with the process's others.</summary>
    public static string NewFolder(string name)
    {
        var folder = Path.Combine(Root, $"{Environment.ProcessId}-{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        RemoveAbandonedClusters();
        var folder = NewFolder("shared");
        var cluster = new EmbeddedPostgres(new EmbeddedPostgresSettings { DataFolder = folder, Ephemeral = true });
        await cluster.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            RemoveFolders(Environment.ProcessId);
        };
        return cluster;
    }

    private static void RemoveAbandonedClusters()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(Root))
        {
            var pidText = Path.GetFileName(folder).Split('-')[0];
            if (int.TryParse(pidText, out var pid) && pid != Environment.ProcessId && !IsAlive(pid))
            {
                RemoveFolders(pid);
            }
        }
    }

    private static void RemoveFolders(int pid)
    {
        foreach (var folder in Directory.GetDirectories(Root, $"{pid}-*"))
        {
            // A test's own cluster sits in pgdata/ (embedded-database tests), pg/pgdata/ or db/pgdata/ (host-process tests).
            foreach (var pgData in new[] { Path.Combine(folder, "pgdata"), Path.Combine(folder, "pg", "pgdata"), Path.Combine(folder, "db", "pgdata") })
            {
                if (File.Exists(Path.Combine(pgData, "postmaster.pid")) &&
                    int.TryParse(File.ReadLines(Path.Combine(pgData, "postmaster.pid")).FirstOrDefault(), out var postmaster))
                {
                    try
                    {
                        Process.GetProcessById(postmaster).Kill();
                    }
                    catch (ArgumentException)
                    {
                        // already gone
                    }
                }
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a file still held: the next run retries
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
