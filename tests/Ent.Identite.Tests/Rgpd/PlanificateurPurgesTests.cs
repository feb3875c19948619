using Dapper;
using Ent.Kernel.Rgpd;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Rgpd;

/// <summary>
/// The retention purges' scheduler: each purge once per day whatever the number of hosts calling at once, its outcome
/// recorded; the RGPD exports deleted once their 7 days are over, and not before. Instants are pinned far from today so
/// that the host's own hourly run never shares their day.
/// </summary>
public sealed class PlanificateurPurgesTests(EntApp app) : IClassFixture<EntApp>
{
    private Task<int> ExecuterAsync(DateTimeOffset maintenant) =>
        app.Services.GetRequiredService<Ent.Identite.Rgpd.PlanificateurPurges>().ExecuterAsync(maintenant, CancellationToken.None);

    private static async Task<Guid> ExportAsync(NpgsqlConnection conn, DateTimeOffset expireLe)
    {
        var id = Guid.NewGuid();
        var personne = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte ORDER BY identifiant LIMIT 1");
        await conn.ExecuteAsync("""
            INSERT INTO identite.export_rgpd (id, demandeur_id, personne_id, etat, demande_le, termine_le, expire_le, contenu, taille)
            VALUES (@id, @personne, @personne, 'pret', @demande, @demande, @expireLe, '\x504b0506'::bytea, 4)
            """, new { id, personne, demande = expireLe.AddDays(-7), expireLe });
        return id;
    }

    [Fact]
    public async Task Each_purge_runs_once_a_day_even_when_several_hosts_call_at_once()
    {
        var purges = app.Services.GetServices<IPurgeRetention>().Select(p => p.Nom).ToList();
        Assert.Contains("identite.exports_rgpd", purges);
        var maintenant = new DateTimeOffset(2031, 3, 10, 2, 30, 0, TimeSpan.Zero);

        // Five hosts at once: every purge is run by exactly one of them.
        var executees = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => ExecuterAsync(maintenant))));

        Assert.Equal(purges.Count, executees.Sum());
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var lignes = (await conn.QueryAsync<(string Nom, DateTime? TermineLe, int? Supprimees, string? Erreur)>(
            "SELECT nom, termine_le, supprimees, erreur FROM identite.execution_purge WHERE periode = '2031-03-10'")).AsList();
        Assert.Equal(purges.Order(StringComparer.Ordinal), lignes.Select(l => l.Nom).Order(StringComparer.Ordinal));
        Assert.All(lignes, l => Assert.True(l.TermineLe is not null && l.Supprimees is not null && l.Erreur is null, l.Nom));

        // Later the same day (Paris): nothing more; the next day: all again.
        Assert.Equal(0, await ExecuterAsync(maintenant.AddHours(20)));
        Assert.Equal(purges.Count, await ExecuterAsync(maintenant.AddDays(1)));
    }

    [Fact]
    public async Task An_export_is_deleted_once_its_seven_days_are_over_and_not_before()
    {
        var maintenant = new DateTimeOffset(2032, 5, 20, 3, 0, 0, TimeSpan.Zero);
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var expire = await ExportAsync(conn, maintenant.AddMinutes(-1));
        var valable = await ExportAsync(conn, maintenant.AddDays(3));

        await ExecuterAsync(maintenant);

        var restants = (await conn.QueryAsync<Guid>("SELECT id FROM identite.export_rgpd WHERE id IN (@expire, @valable)", new { expire, valable })).AsList();
        Assert.Equal([valable], restants);
        Assert.True(await conn.ExecuteScalarAsync<int>(
            "SELECT supprimees FROM identite.execution_purge WHERE periode = '2032-05-20' AND nom = 'identite.exports_rgpd'") >= 1);
    }
}
