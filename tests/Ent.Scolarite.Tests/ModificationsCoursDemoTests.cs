using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests;

/// <summary>
/// The demo's lesson changes (issue #15): once the timetable has lessons, a cancelled, a moved and a replaced lesson for
/// eleve.001's class from tomorrow on, found through the timetable whoever seeded the slots; run again, nothing more.
/// A host like the timetable tests' (its own database; clock pinned on Wednesday 2 December 2026, the same slots).
/// </summary>
public sealed class ModificationsCoursDemoTests(EmploiDuTempsApp app) : IClassFixture<EmploiDuTempsApp>
{
    [Fact]
    public async Task La_demo_modifie_trois_cours_de_la_classe_d_eleve_001_puis_ne_refait_rien()
    {
        var demo = app.Services.GetServices<IDemoData>().Single(d => d.GetType().Name == "ModificationsCoursDemo");
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        await demo.SeedAsync(db, CancellationToken.None);
        await demo.SeedAsync(db, CancellationToken.None);

        await using var conn = await db.OpenConnectionAsync();
        var lignes = (await conn.QueryAsync<(string Nature, string Motif, DateTime DebutPrevu, string Classe)>("""
            SELECT m.nature, m.motif, m.debut_prevu, c.code FROM scolarite.modification_cours m
            JOIN scolarite.service_enseignement s ON s.id = m.service_id JOIN scolarite.classe c ON c.id = s.classe_id
            ORDER BY m.debut_prevu
            """)).ToList();
        Assert.Equal(["annule", "deplace", "remplace"], lignes.Select(l => l.Nature));
        Assert.All(lignes, l => Assert.Equal(app.ClasseA, l.Classe));
        // From tomorrow (Thursday 3 December, Paris) on.
        Assert.All(lignes, l => Assert.True(l.DebutPrevu >= new DateTime(2026, 12, 2, 23, 0, 0, DateTimeKind.Utc)));
    }
}
