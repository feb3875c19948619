using System.Collections.Concurrent;
using Dapper;
using Ent.Communication.Acheminement;
using Ent.Communication.Contracts;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Tests;

/// <summary>The host with its own worker off: the tests drive <see cref="Acheminement.Acheminement"/> themselves, each with its clock.</summary>
public sealed class SansTravailleurApp : EntApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Acheminement:Actif"] = "false",
    };
}

/// <summary>A clock that says what the test wants.</summary>
internal sealed class HorlogeFixe(DateTimeOffset maintenant) : TimeProvider
{
    public DateTimeOffset Maintenant { get; set; } = maintenant;

    public override DateTimeOffset GetUtcNow() => Maintenant;
}

/// <summary>An SMS provider that counts the sends per key, answers what the test says, and may hold a send (a worker
/// that hangs or dies in the middle of it).</summary>
internal sealed class PasserelleFactice(Func<Envoi, Task<ResultatEnvoi>> repondre) : IFournisseurSms
{
    public ConcurrentDictionary<string, int> Envois { get; } = new();

    public bool Configure => true;

    public Task<ResultatEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct)
    {
        Envois.AddOrUpdate(envoi.Cle, 1, (_, n) => n + 1);
        return repondre(envoi);
    }
}

/// <summary>
/// Claims under faults, with the clock pinned (10:05 in Paris, quiet hours over): each message is recorded as soon as the
/// provider accepts it, a worker whose lease was taken over changes nothing, an absence SMS of a previous day expires,
/// and "failed for good" is a matter of age, not of tries.
/// </summary>
public sealed class ReclamationTests(SansTravailleurApp app) : IClassFixture<SansTravailleurApp>
{
    private static readonly DateTimeOffset Matin = new(2026, 3, 10, 9, 5, 0, TimeSpan.Zero); // 10:05 in Paris (UTC+1)

    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private Acheminement.Acheminement Travailleur(TimeProvider horloge, IFournisseurSms sms, int lot = 50, int parallelisme = 1) =>
        new(Db, sms, app.Services.GetRequiredService<IFournisseurCourriel>(), horloge,
            Options.Create(new AcheminementOptions { Lot = lot, Parallelisme = parallelisme, BailSecondes = 120 }),
            NullLogger<Acheminement.Acheminement>.Instance, Options.Create(new SmsOptions { DelaiSecondes = 10 }));

    /// <summary>Queued SMS, created and due at the given instant (the outbox's own clock is the database's: set here).</summary>
    private async Task<List<string>> PlanifierAsync(string prefixe, int nombre, DateTimeOffset creeLe)
    {
        var cles = Enumerable.Range(0, nombre).Select(i => $"{prefixe}{Guid.NewGuid():N}:{i:D3}").ToList();
        var messagerie = app.Services.GetRequiredService<IMessagerie>();
        foreach (var cle in cles)
        {
            await messagerie.PlanifierAsync(new MessageSortant(Canal.Sms, "+33612345678", null, "Absence", $"Texte {cle}", cle), CancellationToken.None);
        }

        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("UPDATE communication.message_sortant SET cree_le = @creeLe, prochaine_tentative = @creeLe WHERE cle_idempotence = ANY(@cles)",
            new { creeLe, cles = cles.ToArray() });
        return cles;
    }

    private async Task<(string Statut, string? Erreur, string? Reference)> EtatAsync(string cle)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(string, string?, string?)>(
            "SELECT statut, erreur, reference_fournisseur FROM communication.message_sortant WHERE cle_idempotence = @cle", new { cle });
    }

    /// <summary>What earlier tests (or the demo) left queued is withdrawn: each test sees its own messages only.</summary>
    private async Task IsolerAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("UPDATE communication.message_sortant SET statut = 'annule' WHERE statut = 'en_attente'");
    }

    [Fact]
    public async Task A_worker_that_dies_mid_batch_leaves_only_its_send_in_flight_to_be_sent_again()
    {
        await IsolerAsync();
        var cles = await PlanifierAsync("mort-", 50, Matin.AddMinutes(-1));
        // The first worker's provider accepts 20 messages, then its 21st send never returns (the process was killed).
        var jamais = new TaskCompletionSource<ResultatEnvoi>();
        var acceptes = 0;
        var premier = new PasserelleFactice(_ => Interlocked.Increment(ref acceptes) <= 20
            ? Task.FromResult<ResultatEnvoi>(new ResultatEnvoi.Accepte("premier")) : jamais.Task);
        var horlogeDuMort = new HorlogeFixe(Matin);
        var lotDuMort = Travailleur(horlogeDuMort, premier).TraiterLotAsync("sms", CancellationToken.None);
        var limite = DateTime.UtcNow.AddSeconds(30);
        while (premier.Envois.Count < 21)
        {
            Assert.True(DateTime.UtcNow < limite, "Le premier travailleur n'a pas atteint son 21e envoi en 30 s.");
            await Task.Delay(20);
        }

        // Another worker, once the lease is over, sends the rest.
        var second = new PasserelleFactice(_ => Task.FromResult<ResultatEnvoi>(new ResultatEnvoi.Accepte("second")));
        var apres = Travailleur(new HorlogeFixe(Matin.AddSeconds(121)), second);
        while (await apres.TraiterLotAsync("sms", CancellationToken.None) > 0)
        {
        }

        // The 20 accepted were recorded one by one and are never sent again; only the one in flight at the death is.
        Assert.Equal(20, cles.Count(c => premier.Envois.ContainsKey(c) && !second.Envois.ContainsKey(c)));
        Assert.Equal(30, second.Envois.Count);
        Assert.Equal(1, cles.Count(c => premier.Envois.ContainsKey(c) && second.Envois.ContainsKey(c)));
        foreach (var cle in cles)
        {
            Assert.Equal("envoye", (await EtatAsync(cle)).Statut);
        }

        // (In this test the "dead" worker is only stuck: let it go, past its deadline, to end the test cleanly.)
        horlogeDuMort.Maintenant = Matin.AddSeconds(121);
        jamais.SetResult(new ResultatEnvoi.Accepte("premier-tard"));
        await lotDuMort;
        Assert.Equal(21, premier.Envois.Count);
        foreach (var cle in second.Envois.Keys)
        {
            Assert.Equal("second", (await EtatAsync(cle)).Reference); // the stuck worker's late answer wrote nothing
        }
    }

    [Fact]
    public async Task A_worker_whose_lease_was_taken_over_changes_nothing()
    {
        await IsolerAsync();
        var cle = (await PlanifierAsync("bail-", 1, Matin.AddMinutes(-1))).Single();
        var retenu = new TaskCompletionSource<ResultatEnvoi>();
        var lent = new PasserelleFactice(_ => retenu.Task);
        var lotLent = Travailleur(new HorlogeFixe(Matin), lent).TraiterLotAsync("sms", CancellationToken.None);
        while (lent.Envois.IsEmpty)
        {
            await Task.Delay(20);
        }

        // After the lease, another worker takes the message over; its gateway is failing: the message waits.
        var enPanne = new PasserelleFactice(_ => Task.FromResult<ResultatEnvoi>(new ResultatEnvoi.Reporte("HTTP 503")));
        await Travailleur(new HorlogeFixe(Matin.AddSeconds(121)), enPanne).TraiterLotAsync("sms", CancellationToken.None);
        Assert.Equal(("en_attente", "HTTP 503", (string?)null), await EtatAsync(cle));

        // The first worker's answer finally comes: its claim is no longer the message's, so nothing is written.
        retenu.SetResult(new ResultatEnvoi.Accepte("trop-tard"));
        await lotLent;
        Assert.Equal(("en_attente", "HTTP 503", (string?)null), await EtatAsync(cle));
    }

    [Fact]
    public async Task An_absence_sms_of_a_previous_day_expires_instead_of_arriving_late()
    {
        var horloge = new HorlogeFixe(new DateTimeOffset(2026, 3, 10, 6, 5, 0, TimeSpan.Zero)); // 07:05 in Paris: quiet hours just over
        var passerelle = new PasserelleFactice(_ => Task.FromResult<ResultatEnvoi>(new ResultatEnvoi.Accepte(null)));
        var travailleur = Travailleur(horloge, passerelle);
        await IsolerAsync();
        var hier = await PlanifierAsync($"absence:{Guid.NewGuid()}:", 1, new DateTimeOffset(2026, 3, 9, 18, 30, 0, TimeSpan.Zero)); // 19:30 the day before
        var cetteNuit = await PlanifierAsync($"absence:{Guid.NewGuid()}:", 1, new DateTimeOffset(2026, 3, 9, 23, 30, 0, TimeSpan.Zero)); // 00:30 today
        var correction = await PlanifierAsync($"annulation:{Guid.NewGuid()}:", 1, new DateTimeOffset(2026, 3, 9, 18, 30, 0, TimeSpan.Zero));

        while (await travailleur.TraiterLotAsync("sms", CancellationToken.None) > 0)
        {
        }

        var expire = await EtatAsync(hier.Single());
        Assert.Equal("annule", expire.Statut);
        Assert.StartsWith("Expiré", expire.Erreur, StringComparison.Ordinal);
        Assert.False(passerelle.Envois.ContainsKey(hier.Single()));
        // Today's absence (queued in the night, held by quiet hours) leaves; a correction is always worth sending.
        Assert.Equal("envoye", (await EtatAsync(cetteNuit.Single())).Statut);
        Assert.Equal("envoye", (await EtatAsync(correction.Single())).Statut);
    }

    [Theory]
    [InlineData("2026-03-10T06:05:00Z", "2026-03-09T23:00:00Z")] // winter: Paris is UTC+1
    [InlineData("2026-06-15T22:30:00Z", "2026-06-15T22:00:00Z")] // summer, just after midnight in Paris (UTC+2)
    [InlineData("2026-03-29T12:00:00Z", "2026-03-28T23:00:00Z")] // the day clocks go forward: midnight was still UTC+1
    public void The_day_starts_at_midnight_in_Paris(string maintenant, string minuit)
    {
        var travailleur = Travailleur(TimeProvider.System, new PasserelleFactice(_ => Task.FromResult<ResultatEnvoi>(new ResultatEnvoi.Accepte(null))));
        Assert.Equal(DateTimeOffset.Parse(minuit, System.Globalization.CultureInfo.InvariantCulture),
            travailleur.DebutJour(DateTimeOffset.Parse(maintenant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Failing_for_good_is_a_matter_of_age_not_of_tries()
    {
        var horloge = new HorlogeFixe(Matin);
        var enPanne = new PasserelleFactice(_ => Task.FromResult<ResultatEnvoi>(new ResultatEnvoi.Reporte("HTTP 503")));
        await IsolerAsync();
        var vieux = (await PlanifierAsync("vieux-", 1, Matin.AddHours(-25))).Single();
        var recent = (await PlanifierAsync("recent-", 1, Matin.AddHours(-1))).Single();
        await using (var conn = await Db.OpenConnectionAsync())
        {
            // The recent one has already failed many times (an outage): that alone does not give it up.
            await conn.ExecuteAsync("UPDATE communication.message_sortant SET tentatives = 20 WHERE cle_idempotence = @recent", new { recent });
        }

        var travailleur = Travailleur(horloge, enPanne, parallelisme: 2);
        await travailleur.TraiterLotAsync("sms", CancellationToken.None);
        await travailleur.TraiterLotAsync("sms", CancellationToken.None);

        Assert.Equal(("echec", "HTTP 503"), ((await EtatAsync(vieux)).Statut, (await EtatAsync(vieux)).Erreur));
        Assert.Equal("en_attente", (await EtatAsync(recent)).Statut);
    }

    [Fact]
    public async Task The_first_success_after_failures_makes_the_waiting_messages_due_again()
    {
        var horloge = new HorlogeFixe(Matin);
        await IsolerAsync();
        var cles = await PlanifierAsync("reprise-", 5, Matin.AddMinutes(-1));
        var enPanne = true;
        var passerelle = new PasserelleFactice(_ => Task.FromResult<ResultatEnvoi>(enPanne ? new ResultatEnvoi.Reporte("HTTP 503") : new ResultatEnvoi.Accepte("ok")));
        var travailleur = Travailleur(horloge, passerelle, parallelisme: 1);
        // The gateway is down: each message fails once (the batch stops at the first failure, so one batch per message).
        for (var i = 0; i < 5; i++)
        {
            await travailleur.TraiterLotAsync("sms", CancellationToken.None);
        }

        Assert.All(cles, c => Assert.Equal(1, passerelle.Envois.GetValueOrDefault(c)));
        await using (var conn = await Db.OpenConnectionAsync())
        {
            // Later failures pushed them far ahead (the backoff after several tries).
            await conn.ExecuteAsync("UPDATE communication.message_sortant SET prochaine_tentative = @loin WHERE cle_idempotence = ANY(@cles)",
                new { loin = Matin.AddMinutes(15), cles = cles.ToArray() });
        }

        // The gateway is back, 31 s later: nothing is due, the probe tries one waiting message, it leaves, the others follow.
        enPanne = false;
        horloge.Maintenant = Matin.AddSeconds(31);
        for (var i = 0; i < 3; i++)
        {
            await travailleur.TraiterLotAsync("sms", CancellationToken.None);
        }

        foreach (var cle in cles)
        {
            Assert.Equal("envoye", (await EtatAsync(cle)).Statut);
        }

        Assert.All(cles, c => Assert.Equal(2, passerelle.Envois.GetValueOrDefault(c)));
    }
}
