using Dapper;
using Ent.Communication.Contracts;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Ent.Communication.Tests;

/// <summary>A host on an existing database (several hosts, one after the other or side by side, share the outbox).</summary>
internal sealed class HotePartage(string connexion, string passerelle, IReadOnlyDictionary<string, string?>? autres = null) : EntApp
{
    public override Task InitializeAsync()
    {
        ConnectionString = connexion;
        _ = Server;
        return Task.CompletedTask;
    }

    // The shortest lease the settings allow: 2 × the gateway's timeout + 3 s.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(autres ?? new Dictionary<string, string?>())
    {
        ["Ent:Sms:Url"] = passerelle + "/",
        ["Ent:Sms:Cle"] = "cle-de-test",
        ["Ent:Sms:DelaiSecondes"] = autres?.GetValueOrDefault("Ent:Sms:DelaiSecondes") ?? "1",
        ["Ent:Acheminement:IntervalleMs"] = "50",
        ["Ent:Acheminement:Lot"] = autres?.GetValueOrDefault("Ent:Acheminement:Lot") ?? "10",
        ["Ent:Acheminement:Parallelisme"] = autres?.GetValueOrDefault("Ent:Acheminement:Parallelisme") ?? "2",
        ["Ent:Acheminement:BailSecondes"] = autres?.GetValueOrDefault("Ent:Acheminement:BailSecondes") ?? "5",
        ["Ent:Acheminement:DebutHeuresCalmes"] = "0",
        ["Ent:Acheminement:FinHeuresCalmes"] = "0",
    };
}

/// <summary>
/// The host stopped in the middle of its deliveries, then started again (or another instance taking over): every
/// message reaches the gateway, none twice — including those an instance had claimed and died holding (its lease expires).
/// </summary>
public sealed class RedemarrageTests
{
    [Fact]
    public async Task A_host_stopped_in_the_middle_of_deliveries_and_started_again_loses_nothing_and_sends_nothing_twice()
    {
        var connexion = await TestCluster.CreateDatabaseAsync("ent");
        using var passerelle = WireMockServer.Start();
        passerelle.Given(Request.Create().WithPath("/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithDelay(TimeSpan.FromMilliseconds(100)));
        var cles = Enumerable.Range(0, 120).Select(i => $"redemarrage-{i:D3}").ToList();
        int Acceptes(string cle) => passerelle.LogEntries.Count(e =>
            e.RequestMessage.Headers!.TryGetValue("Idempotency-Key", out var v) && v.Contains(cle) && e.ResponseMessage.StatusCode is 202);

        var premier = new HotePartage(connexion, passerelle.Url!);
        await premier.InitializeAsync();
        var messagerie = premier.Services.GetRequiredService<IMessagerie>();
        foreach (var cle in cles)
        {
            await messagerie.PlanifierAsync(new MessageSortant(Canal.Sms, "+33612345678", null, "Absence", $"Texte {cle}", cle), CancellationToken.None);
        }

        // Stopped while delivering: at least 20 sent, most still queued.
        await AttendreAsync(() => passerelle.LogEntries.Count >= 20);
        await premier.DisposeAsync();
        await using var db = NpgsqlDataSource.Create(connexion);
        await using (var conn = await db.OpenConnectionAsync())
        {
            var envoyes = await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM communication.message_sortant WHERE statut = 'envoye'");
            Assert.InRange(envoyes, 20, cles.Count - 20);
            // Stopping gave back what had not left: nothing is still claimed.
            Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
                "SELECT count(*)::int FROM communication.message_sortant WHERE statut = 'en_attente' AND prochaine_tentative > now()"));
            // An instance died holding ten messages it had claimed (leased), before sending them.
            Assert.Equal(10, await conn.ExecuteAsync("""
                UPDATE communication.message_sortant SET tentatives = tentatives + 1, prochaine_tentative = now() + interval '2 seconds',
                    reclame_par = gen_random_uuid()
                WHERE id IN (SELECT id FROM communication.message_sortant WHERE statut = 'en_attente' ORDER BY id LIMIT 10)
                """));
        }

        var second = new HotePartage(connexion, passerelle.Url!);
        await second.InitializeAsync();
        try
        {
            await AttendreAsync(async () =>
            {
                await using var conn = await db.OpenConnectionAsync();
                return await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM communication.message_sortant WHERE statut <> 'envoye'") == 0;
            });
            Assert.All(cles, cle => Assert.Equal(1, Acceptes(cle)));
            Assert.Equal(cles.Count, passerelle.LogEntries.Count);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_instances_delivering_the_same_outbox_at_once_send_each_message_once()
    {
        var connexion = await TestCluster.CreateDatabaseAsync("ent");
        using var passerelle = WireMockServer.Start();
        passerelle.Given(Request.Create().WithPath("/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithDelay(TimeSpan.FromMilliseconds(30)));
        var cles = Enumerable.Range(0, 150).Select(i => $"deux-{i:D3}").ToList();

        // Two instances claiming from one outbox at once is this test's subject, not leases running out (the test below):
        // with the shortest lease (5 s, sends starting up to 2 s into it), a stall of 3 s on a loaded 2-core CI machine let
        // a lease expire mid-send and the gateway see a key twice. A 60-s lease keeps the subject apart. So does a 10-s send
        // timeout: with 1 s, each instance's first send (cold HTTP client, JIT) timed out on a loaded machine, was rightly
        // tried again, and the gateway saw deux-000 and deux-001 twice — the timeout rule, tested elsewhere, not this one.
        var bail = new Dictionary<string, string?> { ["Ent:Acheminement:BailSecondes"] = "60", ["Ent:Sms:DelaiSecondes"] = "10" };
        var premier = new HotePartage(connexion, passerelle.Url!, bail);
        var second = new HotePartage(connexion, passerelle.Url!, bail);
        await premier.InitializeAsync();
        await second.InitializeAsync();
        try
        {
            // Queued through both instances, delivered by both workers.
            for (var i = 0; i < cles.Count; i++)
            {
                var messagerie = (i % 2 == 0 ? premier : second).Services.GetRequiredService<IMessagerie>();
                await messagerie.PlanifierAsync(new MessageSortant(Canal.Sms, "+33612345678", null, "Absence", $"Texte {cles[i]}", cles[i]),
                    CancellationToken.None);
            }

            await using var db = NpgsqlDataSource.Create(connexion);
            await AttendreAsync(async () =>
            {
                await using var conn = await db.OpenConnectionAsync();
                return await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM communication.message_sortant WHERE statut <> 'envoye'") == 0;
            });
            // Every key the gateway saw came once (the outbox may hold the demo's messages too): no duplicate at all,
            // and each of this test's messages among them.
            var posts = passerelle.LogEntries.Select(e => e.RequestMessage.Headers!.TryGetValue("Idempotency-Key", out var v) ? v.Single() : "(sans clé)").ToList();
            Assert.Empty(posts.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => $"{g.Key} × {g.Count()}"));
            Assert.All(cles, cle => Assert.Single(posts, p => p.Contains(cle, StringComparison.Ordinal)));
        }
        finally
        {
            await second.DisposeAsync();
            await premier.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_instances_whose_batches_would_outlast_the_lease_send_each_message_once()
    {
        var connexion = await TestCluster.CreateDatabaseAsync("ent");
        using var passerelle = WireMockServer.Start();
        passerelle.Given(Request.Create().WithPath("/messages").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithDelay(TimeSpan.FromMilliseconds(400)));
        var cles = Enumerable.Range(0, 45).Select(i => $"long-{i:D3}").ToList();
        // A batch of 40 sent one at a time takes 16 s, the lease is 10 s: each batch must stop in time and give the rest
        // back. Sends get 3 s (not the default 1 s): on a loaded CI machine a 400-ms answer once came after a 1-s timeout,
        // and a send that timed out is rightly tried again with its key (the gateway drops the second), which is not what
        // this test counts.
        var reglages = new Dictionary<string, string?>
        {
            ["Ent:Acheminement:Lot"] = "40", ["Ent:Acheminement:Parallelisme"] = "1", ["Ent:Acheminement:BailSecondes"] = "10",
            ["Ent:Sms:DelaiSecondes"] = "3",
        };

        var premier = new HotePartage(connexion, passerelle.Url!, reglages);
        var second = new HotePartage(connexion, passerelle.Url!, reglages);
        try
        {
            await premier.InitializeAsync();
            await second.InitializeAsync();
            var messagerie = premier.Services.GetRequiredService<IMessagerie>();
            foreach (var cle in cles)
            {
                await messagerie.PlanifierAsync(new MessageSortant(Canal.Sms, "+33612345678", null, "Absence", $"Texte {cle}", cle), CancellationToken.None);
            }

            await using var db = NpgsqlDataSource.Create(connexion);
            await AttendreAsync(async () =>
            {
                await using var conn = await db.OpenConnectionAsync();
                return await conn.ExecuteScalarAsync<int>(
                    "SELECT count(*)::int FROM communication.message_sortant WHERE statut <> 'envoye' AND cle_idempotence LIKE 'long-%'") == 0;
            });
            var doubles = cles.Count(cle => passerelle.LogEntries.Count(e =>
                e.RequestMessage.Headers!.TryGetValue("Idempotency-Key", out var v) && v.Contains(cle)) > 1);
            Assert.Equal(0, doubles);
            Assert.Equal(cles.Count, passerelle.LogEntries.Count);
        }
        finally
        {
            await second.DisposeAsync();
            await premier.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_start_on_a_busy_port_delivers_nothing()
    {
        var connexion = await TestCluster.CreateDatabaseAsync("ent");
        using var passerelle = WireMockServer.Start();
        passerelle.Given(Request.Create().WithPath("/messages").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        using var occupe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupe.Start();
        var port = ((System.Net.IPEndPoint)occupe.LocalEndpoint).Port;

        // The running instance (its worker off here) has queued SMS; a second start of the host on its port must fail
        // before its worker takes any.
        var premier = new HotePartage(connexion, passerelle.Url!, new Dictionary<string, string?> { ["Ent:Acheminement:Actif"] = "false" });
        System.Diagnostics.Process? hote = null;
        var journal = new System.Collections.Concurrent.ConcurrentQueue<string>();
        try
        {
            await premier.InitializeAsync();
            var messagerie = premier.Services.GetRequiredService<IMessagerie>();
            for (var i = 0; i < 20; i++)
            {
                await messagerie.PlanifierAsync(new MessageSortant(Canal.Sms, "+33612345678", null, "Absence", $"Texte {i}", $"occupe-{i:D3}"),
                    CancellationToken.None);
            }

            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(Http.RepositoryRoot(), "host", "Ent.Host", "bin", configuration, "net10.0", "Ent.Host.dll");
            var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)!,
            };
            foreach (var a in new[]
                     {
                         dll, "--urls", $"http://127.0.0.1:{port}", "--ConnectionStrings:Ent", connexion, "--Ent:UrlPublique", "http://localhost",
                         "--Ent:Sms:Url", passerelle.Url + "/", "--Ent:Sms:DelaiSecondes", "1", "--Ent:Acheminement:IntervalleMs", "50",
                         "--Ent:Acheminement:DebutHeuresCalmes", "0", "--Ent:Acheminement:FinHeuresCalmes", "0",
                     })
            {
                psi.ArgumentList.Add(a);
            }

            hote = System.Diagnostics.Process.Start(psi)!;
            hote.OutputDataReceived += (_, e) => journal.Enqueue(e.Data ?? "");
            hote.ErrorDataReceived += (_, e) => journal.Enqueue(e.Data ?? "");
            hote.BeginOutputReadLine();
            hote.BeginErrorReadLine();
            // The slowest start seen on a loaded 2-core machine is well under a minute; twice that before giving up.
            using var attente = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await hote.WaitForExitAsync(attente.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("Le second hôte ne s'est pas arrêté en 120 s alors que son port est occupé :\n" + string.Join("\n", journal));
            }

            Assert.NotEqual(0, hote.ExitCode);
            await Task.Delay(500);
            Assert.Empty(passerelle.LogEntries);
            await using var db = NpgsqlDataSource.Create(connexion);
            await using var conn = await db.OpenConnectionAsync();
            Assert.Equal(20, await conn.ExecuteScalarAsync<int>(
                "SELECT count(*)::int FROM communication.message_sortant WHERE cle_idempotence LIKE 'occupe-%' AND statut = 'en_attente' AND tentatives = 0"));
        }
        finally
        {
            if (hote is { HasExited: false })
            {
                hote.Kill(entireProcessTree: true);
                await hote.WaitForExitAsync();
            }

            hote?.Dispose();
            await premier.DisposeAsync();
        }
    }

    private static Task AttendreAsync(Func<bool> condition) => AttendreAsync(() => Task.FromResult(condition()));

    private static async Task AttendreAsync(Func<Task<bool>> condition)
    {
        var limite = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limite, "Délai dépassé");
            await Task.Delay(50);
        }
    }
}
