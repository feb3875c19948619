using System.Net;
using Dapper;
using Ent.Communication.Contracts;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Ent.Communication.Tests;

/// <summary>The host with its delivery worker pointed at a WireMock SMS gateway (the outside service), quiet hours off.</summary>
public sealed class PasserelleApp : EntApp
{
    public WireMockServer Passerelle { get; } = WireMockServer.Start();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Sms:Url"] = Passerelle.Url + "/",
        ["Ent:Sms:Cle"] = "cle-de-test",
        // 2 s a try: with 1 s, a 20-ms answer delayed by a loaded 2-core machine timed out and was rightly sent again (8 of
        // 200 twice in « Many_messages… »); the timeout test's gateway answers after 3 s, still beyond it.
        ["Ent:Sms:DelaiSecondes"] = "2",
        ["Ent:Sms:CleAccuses"] = "accuses-de-test",
        ["Ent:Acheminement:IntervalleMs"] = "50",
        // The tests share one gateway: one test's failures may open its circuit breaker; the probe then retries each
        // second instead of leaving the next test's message to its 30 s backoff.
        ["Ent:Acheminement:SondeSecondes"] = "1",
        ["Ent:Acheminement:DebutHeuresCalmes"] = "0",
        ["Ent:Acheminement:FinHeuresCalmes"] = "0",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Passerelle.Stop();
        Passerelle.Dispose();
    }
}

/// <summary>
/// The outbox worker against a gateway that answers well, fails, times out or is slow: every message reaches the gateway,
/// and reaches it once (each idempotency key seen in one accepted request), with its status stored.
/// </summary>
public sealed class AcheminementTests(PasserelleApp app) : IClassFixture<PasserelleApp>
{
    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private async Task PlanifierAsync(string cle, string numero = "+33612345678")
    {
        var messagerie = app.Services.GetRequiredService<IMessagerie>();
        await messagerie.PlanifierAsync(new MessageSortant(Canal.Sms, numero, null, "Absence", $"Texte {cle}", cle), CancellationToken.None);
    }

    private async Task<(string Statut, int Tentatives, string? Erreur, string? Reference)> EtatAsync(string cle)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(string, int, string?, string?)>(
            "SELECT statut, tentatives, erreur, reference_fournisseur FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle });
    }

    private Task<(string Statut, int Tentatives, string? Erreur, string? Reference)> AttendreAsync(string cle, Func<string, bool> fini) =>
        AttendreEtatAsync(cle, e => fini(e.Statut));

    private async Task<(string Statut, int Tentatives, string? Erreur, string? Reference)> AttendreEtatAsync(
        string cle, Func<(string Statut, int Tentatives, string? Erreur, string? Reference), bool> fini)
    {
        var limite = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var etat = await EtatAsync(cle);
            if (fini(etat) || DateTime.UtcNow > limite)
            {
                return etat;
            }

            await Task.Delay(50);
        }
    }

    private int AcceptesPour(string cle) => app.Passerelle.LogEntries.Count(e =>
        e.RequestMessage.Headers!.TryGetValue("Idempotency-Key", out var v) && v.Contains(cle) && e.ResponseMessage.StatusCode is 200 or 201 or 202);

    [Fact]
    public async Task A_message_reaches_the_gateway_once_with_its_key_and_is_marked_sent()
    {
        _ = app.Server;
        app.Passerelle.Given(Request.Create().WithPath("/messages").UsingPost().WithHeader("Idempotency-Key", "normal-1"))
            .RespondWith(Response.Create().WithStatusCode(202).WithBodyAsJson(new { id = "gw-1" }));

        await PlanifierAsync("normal-1");
        var etat = await AttendreAsync("normal-1", s => s != "en_attente");

        Assert.Equal(("envoye", 1, (string?)null, "gw-1"), etat);
        var requete = app.Passerelle.LogEntries.Single(e => e.RequestMessage.Headers!["Idempotency-Key"].Contains("normal-1")).RequestMessage;
        Assert.Equal("Bearer cle-de-test", requete.Headers!["Authorization"].Single());
        Assert.Contains("33612345678", requete.Body, StringComparison.Ordinal);
        Assert.Contains("Texte normal-1", requete.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_gateway_accepts_and_the_message_is_sent_once()
    {
        _ = app.Server;
        // A 500, a 503, then 202: Polly's quick retries inside one try absorb them.
        var appels = 0;
        app.Passerelle.Given(Request.Create().WithPath("/messages").UsingPost().WithHeader("Idempotency-Key", "panne-1"))
            .RespondWith(Response.Create().WithCallback(_ => Interlocked.Increment(ref appels) switch
            {
                1 => new WireMock.ResponseMessage { StatusCode = 500 },
                2 => new WireMock.ResponseMessage { StatusCode = 503 },
                _ => new WireMock.ResponseMessage { StatusCode = 202 },
            }));

        await PlanifierAsync("panne-1");
        var etat = await AttendreAsync("panne-1", s => s != "en_attente");

        Assert.Equal(("envoye", 3), (etat.Statut, appels));
        Assert.Equal(1, AcceptesPour("panne-1"));
    }

    [Fact]
    public async Task A_timeout_leaves_the_message_queued_for_a_later_try_with_its_reason()
    {
        _ = app.Server;
        app.Passerelle.Given(Request.Create().WithPath("/messages").UsingPost().WithHeader("Idempotency-Key", "lent-1"))
            .RespondWith(Response.Create().WithStatusCode(202).WithDelay(TimeSpan.FromSeconds(3)));

        await PlanifierAsync("lent-1");
        var etat = await AttendreEtatAsync("lent-1", e => e.Erreur is not null);

        // One call of 1 s timed out (never retried at once), then the outbox backoff: queued, one try counted, the reason kept.
        Assert.Equal(("en_attente", 1), (etat.Statut, etat.Tentatives));
        Assert.Contains("délai", etat.Erreur, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_final_and_says_why()
    {
        _ = app.Server;
        app.Passerelle.Given(Request.Create().WithPath("/messages").UsingPost().WithHeader("Idempotency-Key", "refus-1"))
            .RespondWith(Response.Create().WithStatusCode(400));

        await PlanifierAsync("refus-1", "+33600000000");
        var etat = await AttendreAsync("refus-1", s => s != "en_attente");

        Assert.Equal(("echec", "Passerelle SMS : HTTP 400"), (etat.Statut, etat.Erreur));
    }

    [Fact]
    public async Task Many_messages_are_each_delivered_exactly_once()
    {
        _ = app.Server;
        app.Passerelle.Given(Request.Create().WithPath("/messages").UsingPost().WithHeader("Idempotency-Key", "lot-*"))
            .RespondWith(Response.Create().WithStatusCode(202).WithDelay(TimeSpan.FromMilliseconds(20)));
        var cles = Enumerable.Range(0, 200).Select(i => $"lot-{i:D3}").ToList();
        foreach (var cle in cles)
        {
            await PlanifierAsync(cle);
        }

        foreach (var cle in cles)
        {
            Assert.Equal("envoye", (await AttendreAsync(cle, s => s != "en_attente")).Statut);
        }

        Assert.All(cles, cle => Assert.Equal(1, AcceptesPour(cle)));
    }

    [Fact]
    public async Task In_app_messages_become_notifications()
    {
        _ = app.Server;
        var personne = Guid.NewGuid();
        await app.Services.GetRequiredService<IMessagerie>().PlanifierAsync(
            new MessageSortant(Canal.Application, null, personne, "Bienvenue", "Votre compte est prêt.", "app-1"), CancellationToken.None);

        Assert.Equal("envoye", (await AttendreAsync("app-1", s => s != "en_attente")).Statut);
        await using var conn = await Db.OpenConnectionAsync();
        Assert.Equal("Votre compte est prêt.", await conn.ExecuteScalarAsync<string>(
            "SELECT texte FROM communication.notification WHERE destinataire_id = @personne", new { personne }));
    }
}
