using System.Diagnostics;
using System.Net;
using Dapper;
using Ent.Kernel.Database;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Host.Tests;

/// <summary>The host without a connection string: its own cluster, kept across restarts and crashes.</summary>
public sealed class EmbeddedDatabaseTests
{
    /// <summary>The host as a newcomer starts it: no connection string, demo data on by default.</summary>
    private sealed class EmbeddedApp(string folder, string? binFolder = null) : EntFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Ent", "");
            builder.UseSetting("Ent:Demo", "auto");
            builder.UseSetting("Ent:Database:DataFolder", folder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            if (binFolder is not null)
            {
                builder.UseSetting("Ent:Database:BinFolder", binFolder);
            }
        }

        public NpgsqlDataSource Database => Services.GetRequiredService<NpgsqlDataSource>();
    }

    private static async Task<int> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>(sql);
    }

    [Fact]
    public async Task Data_written_before_a_stop_is_there_after_a_start_and_nothing_is_seeded_twice()
    {
        var folder = TestCluster.NewFolder("restart");
        int personnes, migrations;
        await using (var first = new EmbeddedApp(folder))
        {
            var etablissements = await (await first.CreateClient().GetAsync("/api/identite/etablissements")).ReadJsonAsync();
            Assert.Equal("Lycée démo", (string?)etablissements[0]!["nom"]);
            await using var conn = await first.Database.OpenConnectionAsync();
            await conn.ExecuteAsync("INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (gen_random_uuid(), '0750001B', 'Lycée témoin', 'Paris')");
            personnes = await CountAsync(first.Database, "SELECT count(*) FROM identite.personne");
            migrations = await CountAsync(first.Database, "SELECT count(*) FROM identite.journal_migrations");
        }

        Assert.False(File.Exists(Path.Combine(folder, "pgdata", "postmaster.pid")), "the cluster should be stopped with the host");

        await using var second = new EmbeddedApp(folder);
        var temoin = await second.CreateClient().GetAsync("/api/identite/etablissements/0750001B");
        Assert.Equal(HttpStatusCode.OK, temoin.StatusCode);
        Assert.Equal(personnes, await CountAsync(second.Database, "SELECT count(*) FROM identite.personne"));
        // The same journal as before the restart: nothing applied again (compared, not counted, as migrations are added).
        Assert.Equal(migrations, await CountAsync(second.Database, "SELECT count(*) FROM identite.journal_migrations"));
    }

    [Fact]
    public async Task A_cluster_left_running_by_a_killed_host_is_taken_over()
    {
        var folder = TestCluster.NewFolder("adopt");
        await using var killed = new EmbeddedApp(folder);
        _ = killed.Server; // started, then not stopped while the next one starts: like a host killed with -9
        var postmaster = File.ReadLines(Path.Combine(folder, "pgdata", "postmaster.pid")).First();

        await using var next = new EmbeddedApp(folder);
        var response = await next.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(postmaster, File.ReadLines(Path.Combine(folder, "pgdata", "postmaster.pid")).First());
    }

    [Fact]
    public async Task An_instance_that_took_over_a_running_cluster_leaves_it_running_when_it_stops()
    {
        var folder = TestCluster.NewFolder("shared-cluster");
        var owner = new EmbeddedPostgres(new EmbeddedPostgresSettings { DataFolder = folder, Ephemeral = true });
        await owner.StartAsync();
        try
        {
            var second = new EmbeddedPostgres(new EmbeddedPostgresSettings { DataFolder = folder, Ephemeral = true });
            await second.StartAsync(); // finds it running: a second instance on the same folder
            await second.StopAsync();

            // The instance that started it still works on it…
            await using (var conn = new NpgsqlConnection(owner.ConnectionString + ";Pooling=false"))
            {
                await conn.OpenAsync();
                Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT 1"));
            }

            Assert.True(File.Exists(Path.Combine(folder, "pgdata", "postmaster.pid")), "the second instance stopped a cluster it had not started");
        }
        finally
        {
            await owner.StopAsync();
        }

        // … and stops it when it stops.
        Assert.False(File.Exists(Path.Combine(folder, "pgdata", "postmaster.pid")), "the instance that started the cluster should stop it");
    }

    [Fact]
    public async Task Started_as_root_on_a_non_empty_foreign_folder_it_refuses_in_french_and_changes_no_owner()
    {
        if (Environment.UserName != "root")
        {
            return; // the chown happens only as root (as in CI); a normal user's cluster is its own
        }

        var folder = TestCluster.NewFolder("foreign");
        var precieux = Path.Combine(folder, "precieux.txt");
        await File.WriteAllTextAsync(precieux, "à ne pas donner à postgres");

        var e = await Assert.ThrowsAsync<EmbeddedPostgresException>(
            () => new EmbeddedPostgres(new EmbeddedPostgresSettings { DataFolder = folder, Ephemeral = true }).StartAsync());

        Assert.Contains("n'est pas vide", e.Message, StringComparison.Ordinal);
        Assert.Contains("Ent:Database:DataFolder", e.Message, StringComparison.Ordinal);
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%U", precieux]) { RedirectStandardOutput = true })!;
        Assert.Equal("root", (await stat.StandardOutput.ReadToEndAsync()).Trim());
        Assert.False(Directory.Exists(Path.Combine(folder, "pgdata")), "nothing should have been created");
    }

    [Fact]
    public async Task A_database_killed_with_sigkill_recovers_at_the_next_start()
    {
        var folder = TestCluster.NewFolder("crash");
        await using var crashed = new EmbeddedApp(folder);
        await using (var conn = await crashed.Database.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (gen_random_uuid(), '0750002C', 'Lycée rescapé', 'Paris')");
        }

        var pid = int.Parse(File.ReadLines(Path.Combine(folder, "pgdata", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        using (var kill = Process.Start("kill", ["-9", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitUntilGoneAsync(pid);

        await using var next = new EmbeddedApp(folder);
        var response = await next.CreateClient().GetAsync("/api/identite/etablissements/0750002C");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Without_postgresql_binaries_the_error_names_the_package_and_the_setting()
    {
        var empty = TestCluster.NewFolder("nobin");
        var e = Assert.Throws<EmbeddedPostgresException>(() => EmbeddedPostgres.FindBinaries(null, [empty], Path.Combine(empty, "none")));

        Assert.Contains("apt-get install postgresql", e.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Ent", e.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                if (p.HasExited)
                {
                    return;
                }
            }
            catch (ArgumentException)
            {
                return;
            }

            await Task.Delay(50);
        }
    }
}
