using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Ent.Testing;

/// <summary>
/// The built host as a real process (<c>dotnet Ent.Host.dll</c>), its output captured. Disposing it stops it whatever
/// happened in the test: SIGTERM, then SIGKILL of its whole tree if it does not exit, then the embedded PostgreSQL
/// cluster left in its data folder (a host killed with SIGKILL leaves it running). Use with <c>await using</c>.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>
    /// How long a start may take before a test gives up: a cold start (initdb, migrations, demo data) takes ≈ 15 s on
    /// an idle 2-core machine, and CI measured more than 60 s under a load of ≈ 28 on 2 cores; three times that.
    /// </summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(180);

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ConcurrentQueue<string> _lines = new();
    private bool _stopped;

    private HostProcess(Process process, int port, string dataFolder)
    {
        Process = process;
        Port = port;
        DataFolder = dataFolder;
    }

    public Process Process { get; }

    public int Port { get; }

    /// <summary>The embedded cluster's folder (<c>Ent:Database:DataFolder</c>).</summary>
    public string DataFolder { get; }

    public IReadOnlyCollection<string> Lines => _lines;

    public string Output => string.Join('\n', _lines);

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>The host's Debug or Release build, whichever the tests were built as.</summary>
    public static string HostDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        return Path.Combine(Http.RepositoryRoot(), "host", "Ent.Host", "bin", configuration, "net10.0", "Ent.Host.dll");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the host in <paramref name="folder"/>, its embedded cluster in <c>folder/pg</c>.</summary>
    public static HostProcess Start(string folder, int port, string? asUser = null, string? dll = null, params string[] extra)
    {
        var dataFolder = Path.Combine(folder, "pg");
        string[] args = [dll ?? HostDll(), "--urls", $"http://127.0.0.1:{port}", "--Ent:Database:DataFolder", dataFolder, .. extra];
        var psi = asUser is null
            ? new ProcessStartInfo("dotnet")
            : new ProcessStartInfo("runuser", ["-u", asUser, "--", "env", $"HOME={folder}", $"DOTNET_CLI_HOME={folder}", "dotnet"]);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.WorkingDirectory = folder;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet could not be started");
        var host = new HostProcess(process, port, dataFolder);
        process.OutputDataReceived += (_, e) => host._lines.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => host._lines.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for <c>/health/ready</c> to answer 200; fails with the host's output otherwise.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? ReadyTimeout;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && !Process.HasExited)
        {
            try
            {
                using var response = await Probe.GetAsync(Url("/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        var why = Process.HasExited
            ? $"exited with code {Process.ExitCode} after {clock.Elapsed.TotalSeconds:0} s"
            : $"was not ready within {limit.TotalSeconds:0} s (the wait allows for a machine under heavy load)";
        Assert.Fail($"The host on port {Port} {why}. Its output:\n{Output}");
    }

    /// <summary>Waits for the host to exit on its own (e.g. a refused start); fails with its output otherwise.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The host on port {Port} did not exit within {timeout.TotalSeconds:0} s. Its output:\n{Output}");
        }

        // The asynchronous readers may still hold the last lines.
        Process.WaitForExit();
        return Process.ExitCode;
    }

    /// <summary>SIGKILL the host alone: no shutdown code runs, its PostgreSQL keeps running.</summary>
    public async Task KillAsync()
    {
        Process.Kill();
        await Process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it; SIGKILL of the tree if it has not exited within a minute.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (Process.HasExited)
        {
            return;
        }

        await SignalAsync("TERM", Process.Id);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await StopClusterAsync(DataFolder);
            Process.Dispose();
        }
    }

    /// <summary>Stops a PostgreSQL cluster still running in <paramref name="dataFolder"/> (fast shutdown, then SIGKILL).</summary>
    public static async Task StopClusterAsync(string dataFolder)
    {
        var pidFile = Path.Combine(dataFolder, "pgdata", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) || !IsAlive(pid))
        {
            return;
        }

        await SignalAsync("INT", pid);
        for (var i = 0; i < 300 && IsAlive(pid); i++)
        {
            await Task.Delay(100);
        }

        if (IsAlive(pid))
        {
            await SignalAsync("KILL", pid);
        }
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
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
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
