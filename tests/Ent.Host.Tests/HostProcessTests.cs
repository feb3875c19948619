using System.Diagnostics;
using System.Net;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>
/// The built host as a real process, as a newcomer runs it: killed with SIGKILL it starts again on the same data;
/// started as a normal user it works as it does as root. Every process started here is stopped by
/// <see cref="HostProcess.DisposeAsync"/>, its embedded PostgreSQL included, whether the test passes or not.
/// </summary>
public sealed class HostProcessTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A copy of the host's binaries: the checkout may sit where another user cannot enter (/root).</summary>
    private static string CopyHost(string folder)
    {
        var from = Path.GetDirectoryName(HostProcess.HostDll())!;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Path.Combine(folder, Path.GetFileName(HostProcess.HostDll()));
    }

    [Fact]
    public async Task Killed_with_sigkill_the_host_starts_again_on_the_same_data()
    {
        var folder = TestCluster.NewFolder("sigkill");
        var port = HostProcess.FreePort();
        await using var first = HostProcess.Start(folder, port);
        await first.WaitReadyAsync();
        await first.KillAsync(); // SIGKILL: no shutdown code runs, its PostgreSQL keeps running

        await using var second = HostProcess.Start(folder, port);
        await second.WaitReadyAsync();
        var body = await Client.GetStringAsync(second.Url("/api/identite/etablissements"));
        Assert.Contains("Lycée démo", body, StringComparison.Ordinal);
        // One line per request at the default level (Information).
        await Task.Delay(200);
        Assert.Contains(second.Lines, l => l.Contains("HTTP GET /api/identite/etablissements → 200", StringComparison.Ordinal));

        await second.StopAsync();
        Assert.False(File.Exists(Path.Combine(folder, "pg", "pgdata", "postmaster.pid")), "SIGTERM should stop the embedded cluster too");
    }

    [Fact]
    public async Task The_host_starts_as_a_normal_user()
    {
        var folder = TestCluster.NewFolder("user");
        var asUser = Environment.UserName == "root" ? "nobody" : null; // as a normal user already: run as is
        string? dll = null;
        if (asUser is not null)
        {
            dll = CopyHost(Path.Combine(folder, "bin"));
            using var chown = Process.Start("chown", ["-R", $"{asUser}:", folder]);
            await chown.WaitForExitAsync();
        }

        // The Serilog section of the configuration also governs the request lines (the benchmarks run at Warning).
        await using var host = HostProcess.Start(folder, HostProcess.FreePort(), asUser: asUser, dll: dll,
            "--Serilog:MinimumLevel:Default", "Warning");
        await host.WaitReadyAsync();
        var body = await Client.GetStringAsync(host.Url("/api/identite/etablissements"));
        Assert.Contains("Lycée démo", body, StringComparison.Ordinal);

        // Kestrel's body limit, which the in-process test server does not enforce: a French 413 problem.
        using var big = new StringContent(new string('a', 2 << 20), System.Text.Encoding.UTF8, "application/json");
        var tooLarge = await Client.PostAsync(host.Url("/api/identite/etablissements/recherche"), big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("dépasse la taille autorisée", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(200);
        Assert.DoesNotContain(host.Lines, l => l.Contains("HTTP GET /api/identite/etablissements", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_postgresql_binaries_the_host_stops_with_a_clear_message_and_exit_code_1()
    {
        var folder = TestCluster.NewFolder("nobin");
        await using var host = HostProcess.Start(folder, HostProcess.FreePort(),
            extra: ["--Ent:Database:BinFolder", Path.Combine(folder, "vide")]);

        Assert.Equal(1, await host.WaitForExitAsync(HostProcess.ReadyTimeout));
        Assert.Contains("Ent n'a pas pu démarrer", host.Output, StringComparison.Ordinal);
        Assert.Contains("Ent:Database:BinFolder", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal); // a message, not a stack trace
    }
}
