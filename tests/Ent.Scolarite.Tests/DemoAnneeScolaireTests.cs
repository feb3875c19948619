using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Ent.Scolarite.Tests;

/// <summary>
/// The demo lives through the school year up to today, whatever today is: the host is started with its clock pinned
/// on the days where a calendar bug would show (the first and last days of the year and of a trimester, New Year's
/// Day), on a fresh database each, and the demo's grading year is read back from the database.
/// </summary>
public sealed class DemoAnneeScolaireTests
{
    /// <summary>A clock that starts at the given instant and then runs, so that the host's timers still fire.</summary>
    private sealed class HorlogeFixe(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    /// <summary>The real host and its demo data, with the clock at a chosen instant, on a fresh database or a given one.</summary>
    private sealed class EntAppAuJour(DateTimeOffset instant, string? baseExistante = null) : EntApp
    {
        public override async Task InitializeAsync()
        {
            ConnectionString = baseExistante ?? await TestCluster.CreateDatabaseAsync("demo");
            _ = Server;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new HorlogeFixe(instant)));
        }
    }

    private sealed record EtatPeriode(short Numero, DateOnly Debut, DateOnly Fin, bool Publie, long Evaluations, DateOnly? Premiere,
        DateOnly? Derniere, long Appreciations, long Conseils);

    private const string EtatSql = """
        SELECT p.numero, p.debut, p.fin, p.bulletins_publies_le IS NOT NULL AS publie,
               (SELECT count(*) FROM scolarite.evaluation e WHERE e.periode_id = p.id) AS evaluations,
               (SELECT min(e.date) FROM scolarite.evaluation e WHERE e.periode_id = p.id) AS premiere,
               (SELECT max(e.date) FROM scolarite.evaluation e WHERE e.periode_id = p.id) AS derniere,
               (SELECT count(*) FROM scolarite.appreciation a WHERE a.periode_id = p.id) AS appreciations,
               (SELECT count(*) FROM scolarite.conseil_classe c WHERE c.periode_id = p.id) AS conseils
        FROM scolarite.periode p WHERE p.annee_scolaire = @annee ORDER BY p.numero
        """;

    // Pupils of the year's classes without a single result in the period.
    private const string SansNoteSql = """
        SELECT count(*) FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE c.annee_scolaire = @annee AND NOT EXISTS (
            SELECT 1 FROM scolarite.note n JOIN scolarite.evaluation e ON e.id = n.evaluation_id
            JOIN scolarite.periode p ON p.id = e.periode_id
            WHERE n.eleve_id = i.eleve_id AND p.annee_scolaire = @annee AND p.numero = @numero)
        """;

    private static async Task<T> LireAsync<T>(EntApp app, Func<NpgsqlConnection, Task<T>> lire)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await lire(conn);
    }

    [Theory]
    [InlineData("2026-09-01T06:30:00Z", 1)] // the first day of the year: the first trimester begins today
    [InlineData("2026-11-30T10:00:00Z", 1)] // the first trimester's last day: not finished, not published
    [InlineData("2026-12-01T10:00:00Z", 2)] // the second trimester's first day (CI was red from this day on)
    [InlineData("2027-01-01T10:00:00Z", 2)]
    [InlineData("2027-03-14T10:00:00Z", 3)]
    [InlineData("2027-08-31T10:00:00Z", 3)] // the year's last day: every trimester finished and published
    public async Task Every_begun_period_has_grades_up_to_today_and_finished_ones_are_published(string quand, int courante)
    {
        var instant = DateTimeOffset.Parse(quand, System.Globalization.CultureInfo.InvariantCulture);
        var aujourdhui = DateOnly.FromDateTime(instant.UtcDateTime);
        await using var app = new EntAppAuJour(instant);
        await app.InitializeAsync();

        var periodes = await LireAsync(app, async c => (await c.QueryAsync<EtatPeriode>(EtatSql, new { annee = "2026-2027" })).AsList());

        Assert.Equal([1, 2, 3], periodes.Select(p => (int)p.Numero));
        foreach (var p in periodes)
        {
            var commencee = p.Debut <= aujourdhui;
            var finie = p.Fin < aujourdhui;
            Assert.Equal(commencee, p.Evaluations > 0);
            Assert.Equal(commencee, p.Appreciations > 0);
            Assert.Equal(finie, p.Conseils > 0);
            Assert.Equal(finie, p.Publie);
            if (commencee)
            {
                Assert.InRange(p.Premiere!.Value, p.Debut, p.Fin);
                Assert.InRange(p.Derniere!.Value, p.Debut, aujourdhui < p.Fin ? aujourdhui : p.Fin);
            }
        }

        // Every pupil has grades of the current period, whatever the day: what the family's grades page opens on.
        Assert.Equal(0L, await LireAsync(app, c => c.ExecuteScalarAsync<long>(SansNoteSql, new { annee = "2026-2027", numero = courante })));

        // No absence before the year began (1 September), even in its first days.
        Assert.Equal(0L, await LireAsync(app, c => c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM viescolaire.absence WHERE jour < DATE '2026-09-01' OR jour > @aujourdhui", new { aujourdhui })));
    }

    [Fact]
    public async Task A_demo_database_made_on_an_earlier_day_catches_up_at_the_next_start()
    {
        string connexion;
        long evaluationsT1;
        await using (var novembre = new EntAppAuJour(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)))
        {
            await novembre.InitializeAsync();
            connexion = novembre.ConnectionString;
            var avant = await LireAsync(novembre, async c => (await c.QueryAsync<EtatPeriode>(EtatSql, new { annee = "2026-2027" })).AsList());
            Assert.Equal((false, 0L), (avant[0].Publie, avant[1].Evaluations));
            evaluationsT1 = avant[0].Evaluations;
        }

        await using var decembre = new EntAppAuJour(DateTimeOffset.Parse("2026-12-08T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), connexion);
        await decembre.InitializeAsync();
        var apres = await LireAsync(decembre, async c => (await c.QueryAsync<EtatPeriode>(EtatSql, new { annee = "2026-2027" })).AsList());

        // T1 keeps what it had, gets its councils and is published; T2 gets its first weeks of grades.
        Assert.Equal((evaluationsT1, true), (apres[0].Evaluations, apres[0].Publie));
        Assert.True(apres[0].Conseils > 0);
        Assert.True(apres[1].Evaluations > 0);
        Assert.InRange(apres[1].Derniere!.Value, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 8));
        Assert.Equal(0L, await LireAsync(decembre, c => c.ExecuteScalarAsync<long>(SansNoteSql, new { annee = "2026-2027", numero = 2 })));
    }
}
