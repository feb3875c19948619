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
internal sealed class HotePartage(string connexion, string passerelle) : EntApp
{
    public override Task InitializeAsync()
    {
        ConnectionString = connexion;
        _ = Server;
        return Task.CompletedTask;
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Sms:Url"] = passerelle + "/",
        ["Ent:Sms:Cle"] = "cle-de-test",
        ["Ent:Sms:DelaiSecondes"] = "5",
        ["Ent:Acheminement:IntervalleMs"] = "50",
        ["Ent:Acheminement:Lot"] = "10",
        ["Ent:Acheminement:Parallelisme"] = "2",
        ["Ent:Acheminement:BailSecondes"] = "2",
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
            // An instance died holding ten messages it had claimed (leased), before sending them.
            Assert.Equal(10, await conn.ExecuteAsync("""
                UPDATE communication.message_sortant SET tentatives = tentatives + 1, prochaine_tentative = now() + interval '2 seconds'
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

        var premier = new HotePartage(connexion, passerelle.Url!);
        var second = new HotePartage(connexion, passerelle.Url!);
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
            Assert.Equal(cles.Count, passerelle.LogEntries.Count);
            Assert.All(cles, cle => Assert.Single(passerelle.LogEntries, e =>
                e.RequestMessage.Headers!.TryGetValue("Idempotency-Key", out var v) && v.Contains(cle)));
        }
        finally
        {
            await second.DisposeAsync();
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
