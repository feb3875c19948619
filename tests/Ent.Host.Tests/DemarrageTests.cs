using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Ent.Kernel.Database;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>
/// Issue #12, start-up and database outages, with the built host as a real process on a PostgreSQL cluster the test
/// starts, stops and freezes itself. Every process is stopped by dispose whatever happens.
/// </summary>
public sealed class DemarrageTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A cluster of the test's own, with the database "ent" in it.</summary>
    private static async Task<(EmbeddedPostgres Cluster, string Folder)> ClusterAsync(string name)
    {
        var folder = TestCluster.NewFolder(name);
        var cluster = new EmbeddedPostgres(new EmbeddedPostgresSettings { DataFolder = Path.Combine(folder, "db"), Ephemeral = true });
        await cluster.StartAsync();
        return (cluster, folder);
    }

    private static HostProcess StartOn(string folder, string connectionString, params string[] extra) =>
        HostProcess.Start(folder, HostProcess.FreePort(), extra:
            ["--ConnectionStrings:Ent", connectionString, "--Ent:Demo", "false", "--Ent:UrlPublique", "http://localhost", .. extra]);

    /// <summary>SIGSTOP or SIGCONT to the postmaster and all its children: a frozen server accepts and never answers.</summary>
    private static async Task SignalClusterAsync(string dataFolder, string signal)
    {
        var postmaster = File.ReadLines(Path.Combine(dataFolder, "pgdata", "postmaster.pid")).First().Trim();
        using var ps = Process.Start(new ProcessStartInfo("ps", ["-o", "pid=", "--ppid", postmaster]) { RedirectStandardOutput = true })!;
        var pids = (await ps.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var kill = Process.Start("kill", [$"-{signal}", postmaster, .. pids])!;
        await kill.WaitForExitAsync();
    }

    private static async Task<HttpResponseMessage> GetAsync(HostProcess host, string path) => await Client.GetAsync(host.Url(path));

    [Theory]
    [InlineData("Hots=127.0.0.1;Database=ent", "n'est pas une chaîne de connexion PostgreSQL valide")]
    [InlineData("Host=127.0.0.1;Port=1;Username=ent;Password=secret-a-ne-pas-montrer;Database=ent", "ne répond pas")]
    public async Task A_bad_connection_string_stops_the_start_with_a_french_message_naming_the_setting(string connectionString, string attendu)
    {
        var folder = TestCluster.NewFolder("badcs");
        await using var host = StartOn(folder, connectionString, "--Ent:Database:AttenteSecondes", "0");

        Assert.Equal(1, await host.WaitForExitAsync(HostProcess.ReadyTimeout));
        Assert.Contains("Ent n'a pas pu démarrer", host.Output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Ent", host.Output, StringComparison.Ordinal);
        Assert.Contains(attendu, host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal); // a message, not a stack trace
        Assert.DoesNotContain("secret-a-ne-pas-montrer", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_sms_gateway_url_stops_the_start_with_a_french_message()
    {
        var folder = TestCluster.NewFolder("smsurl");
        await using var host = HostProcess.Start(folder, HostProcess.FreePort(), extra: ["--Ent:Sms:Url", "sms.example.fr/api"]);

        Assert.Equal(1, await host.WaitForExitAsync(HostProcess.ReadyTimeout));
        Assert.Contains("Ent:Sms:Url", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(host.DataFolder), "nothing should have been created before the settings were checked");
    }

    [Fact]
    public async Task A_second_start_on_a_busy_port_exits_without_touching_anything()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var folder = TestCluster.NewFolder("busy");
        await using var host = HostProcess.Start(folder, port);

        Assert.Equal(1, await host.WaitForExitAsync(HostProcess.ReadyTimeout));
        Assert.Contains("déjà prise", host.Output, StringComparison.Ordinal);
        // The embedded cluster, migrations and start-up tasks come after the port is bound: nothing was created.
        Assert.False(Directory.Exists(host.DataFolder), $"the data folder was created by a start that could not listen:\n{host.Output}");
    }

    [Fact]
    public async Task A_database_still_starting_is_waited_for_and_meanwhile_everything_answers_503()
    {
        var (cluster, folder) = await ClusterAsync("attente");
        var connectionString = cluster.ConnectionString;
        await cluster.StopAsync(); // the database "starts after Ent"
        try
        {
            await using var host = StartOn(folder, connectionString, "--Ent:Database:AttenteSecondes", "170");
            for (var i = 0; i < 600 && !host.Lines.Any(l => l.Contains("ne répond pas encore", StringComparison.Ordinal)); i++)
            {
                Assert.False(host.Process.HasExited, $"the host gave up instead of waiting:\n{host.Output}");
                await Task.Delay(250);
            }

            var ready = await GetAsync(host, "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var api = await GetAsync(host, "/api/identite/etablissements");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            Assert.Contains("urn:ent:probleme:indisponible", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.NotNull(api.Headers.RetryAfter);

            await cluster.StartAsync();
            await host.WaitReadyAsync();
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/api/identite/etablissements")).StatusCode);
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    [Fact]
    public async Task During_a_database_outage_requests_answer_503_the_log_stays_small_and_readiness_answers_in_3_s()
    {
        var (cluster, folder) = await ClusterAsync("panne");
        var dataFolder = Path.Combine(folder, "db");
        try
        {
            await using var host = StartOn(folder, cluster.ConnectionString);
            await host.WaitReadyAsync();
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/api/identite/etablissements")).StatusCode);

            // Frozen (SIGSTOP): the readiness probe answers 503 within its 2 s bound instead of hanging.
            await SignalClusterAsync(dataFolder, "STOP");
            try
            {
                var clock = Stopwatch.StartNew();
                var frozen = await GetAsync(host, "/health/ready");
                clock.Stop();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, frozen.StatusCode);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"readiness took {clock.Elapsed.TotalSeconds:0.0} s on a frozen database");
            }
            finally
            {
                await SignalClusterAsync(dataFolder, "CONT");
            }

            // Stopped: every request a 503 problem with Retry-After; one log line, not one stack trace per request.
            await cluster.StopAsync();
            var avant = host.Lines.Count;
            for (var i = 0; i < 40; i++)
            {
                var response = await GetAsync(host, "/api/identite/etablissements");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("urn:ent:probleme:indisponible", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.NotNull(response.Headers.RetryAfter);
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(host, "/health/ready")).StatusCode);
            await Task.Delay(500);
            var pendant = host.Lines.Skip(avant).ToList();
            // However the formatter indents a stack trace, none is written while the database is away.
            Assert.False(pendant.Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal)), string.Join('\n', pendant.Where(l => !l.Contains("→ 503", StringComparison.Ordinal)).Take(60)));
            Assert.InRange(pendant.Count(l => l.Contains("Dépendance indisponible", StringComparison.Ordinal)), 1, 3); // one per 30 s

            // Back: 200 again, without restarting Ent.
            await cluster.StartAsync();
            await host.WaitReadyAsync();
            var apres = HttpStatusCode.ServiceUnavailable;
            for (var i = 0; i < 20 && apres != HttpStatusCode.OK; i++)
            {
                apres = (await GetAsync(host, "/api/identite/etablissements")).StatusCode;
            }

            Assert.Equal(HttpStatusCode.OK, apres);
        }
        finally
        {
            await cluster.StopAsync();
        }
    }
}
