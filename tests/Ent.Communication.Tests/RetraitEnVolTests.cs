using Dapper;
using Ent.Communication.Acheminement;
using Ent.Communication.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Tests;

/// <summary>
/// A withdrawal (an announcement or event withdrawn) that lands between the worker's claim of in-app messages and their
/// delivery: nothing reaches the families — no notification, the messages stay withdrawn. The race is made certain by a
/// clock that withdraws on the worker's second reading (the first is the claim's, the next the delivery's). Seen in CI
/// as a flake of <c>AnnoncesTests</c> before the delivery checked the message's state in its own statement.
/// </summary>
public sealed class RetraitEnVolTests(SansTravailleurApp app) : IClassFixture<SansTravailleurApp>
{
    private static readonly DateTimeOffset Matin = new(2026, 3, 10, 9, 5, 0, TimeSpan.Zero);

    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>Pinned clock that runs <paramref name="action"/> once, at its <paramref name="appel"/>-th reading.</summary>
    private sealed class HorlogePiegee(int appel, Action action) : TimeProvider
    {
        private int appels;

        public override DateTimeOffset GetUtcNow()
        {
            if (Interlocked.Increment(ref appels) == appel)
            {
                action();
            }

            return Matin;
        }
    }

    /// <summary>In-app messages to <paramref name="nombre"/> people, due at <see cref="Matin"/>; the rest of the outbox out
    /// of the way, so that the batch is exactly these (one message goes through the single delivery).</summary>
    private async Task PlanifierAsync(string prefixe, int nombre)
    {
        await using var conn = await Db.OpenConnectionAsync();
        var personnes = (await conn.QueryAsync<Guid>("SELECT id FROM identite.personne ORDER BY id LIMIT @nombre", new { nombre })).AsList();
        Assert.Equal(nombre, personnes.Count);
        var messagerie = app.Services.GetRequiredService<IMessagerie>();
        foreach (var p in personnes)
        {
            await messagerie.PlanifierAsync(new MessageSortant(Canal.Application, null, p, "Annonce : sortie", "Sortie annulée",
                $"{prefixe}{p}:application", Categorie: "annonce"), CancellationToken.None);
        }

        await conn.ExecuteAsync("""
            UPDATE communication.message_sortant
            SET cree_le = @Matin, prochaine_tentative = CASE WHEN cle_idempotence LIKE @motif THEN @Matin ELSE '2100-01-01' END
            WHERE canal = 'application' AND statut = 'en_attente'
            """, new { Matin, motif = prefixe + "%" });
    }

    private Acheminement.Acheminement Travailleur(TimeProvider horloge) =>
        new(Db, new PasserelleFactice(_ => throw new InvalidOperationException("pas de SMS ici")),
            app.Services.GetRequiredService<IFournisseurCourriel>(), horloge,
            Options.Create(new AcheminementOptions { Lot = 100, Parallelisme = 1, BailSecondes = 120 }),
            NullLogger<Acheminement.Acheminement>.Instance);

    [Theory]
    [InlineData(30)] // the batch statement
    [InlineData(1)] // one message on its own
    public async Task A_withdrawal_between_claim_and_delivery_leaves_no_notification(int nombre)
    {
        var prefixe = $"annonce:{Guid.NewGuid()}:";
        await PlanifierAsync(prefixe, nombre);

        IReadOnlyList<string> partis = [];
        var horloge = new HorlogePiegee(2, () =>
        {
            using var conn = Db.OpenConnection();
            using var tx = conn.BeginTransaction();
            partis = app.Services.GetRequiredService<IMessagerie>().RetirerAsync(prefixe, conn, tx, CancellationToken.None).GetAwaiter().GetResult();
            tx.Commit();
        });
        var travailleur = Travailleur(horloge);

        // The batch claimed them all (the count says so), the withdrawal came in between.
        Assert.Equal(nombre, await travailleur.TraiterLotAsync("application", CancellationToken.None));
        Assert.Empty(partis);

        await using var lecture = await Db.OpenConnectionAsync();
        var statuts = (await lecture.QueryAsync<string>("SELECT statut FROM communication.message_sortant WHERE cle_idempotence LIKE @motif",
            new { motif = prefixe + "%" })).AsList();
        Assert.Equal(nombre, statuts.Count);
        Assert.All(statuts, s => Assert.Equal("annule", s));
        Assert.Equal(0, await lecture.ExecuteScalarAsync<int>("SELECT count(*)::int FROM communication.notification WHERE cle LIKE @motif",
            new { motif = prefixe + "%" }));
    }

    [Fact]
    public async Task Without_a_withdrawal_the_same_batch_is_delivered_once()
    {
        var prefixe = $"annonce:{Guid.NewGuid()}:";
        await PlanifierAsync(prefixe, 30);

        Assert.Equal(30, await Travailleur(new HorlogePiegee(0, () => { })).TraiterLotAsync("application", CancellationToken.None));
        await using var conn = await Db.OpenConnectionAsync();
        Assert.Equal(30, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM communication.message_sortant WHERE cle_idempotence LIKE @motif AND statut = 'envoye'", new { motif = prefixe + "%" }));
        Assert.Equal(30, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM communication.notification WHERE cle LIKE @motif", new { motif = prefixe + "%" }));
    }
}
