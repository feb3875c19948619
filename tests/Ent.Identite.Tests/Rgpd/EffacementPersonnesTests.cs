using Dapper;
using Ent.Kernel.Rgpd;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Rgpd;

/// <summary>
/// The end of a person's data (issue 18, arrêté ENT art. 6): three months after their last profile was withdrawn, the
/// person is erased — account, links, profiles, and every module's own records of them (health record, calendar feed,
/// preferences) — in one transaction; a day earlier nothing happens; someone with a profile left is never touched. And
/// the connection server's short-lived records go after their stated retention.
/// </summary>
public sealed class EffacementPersonnesTests(EntApp app) : IClassFixture<EntApp>
{
    private IPurgeRetention Purge(string nom) => app.Services.GetServices<IPurgeRetention>().Single(p => p.Nom == nom);

    [Fact]
    public async Task A_pupil_who_left_is_erased_three_months_after_with_their_health_record_and_feeds()
    {
        var maintenant = new DateTimeOffset(2030, 1, 15, 3, 0, 0, TimeSpan.Zero);
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var eleve = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'eleve.001'");
        var parti = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'eleve.002'");
        var parent = await conn.ExecuteScalarAsync<Guid>(
            "SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @eleve LIMIT 1", new { eleve });
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM viescolaire.pai WHERE eleve_id = @eleve", new { eleve }));
        await conn.ExecuteAsync("""
            INSERT INTO scolarite.flux_ical (id, personne_id, usage, jeton_sha256, cree_le) VALUES (gen_random_uuid(), @eleve, 'emploi-du-temps', sha256(gen_random_uuid()::text::bytea), now());
            INSERT INTO ressources.gar_identifiant (personne_id, identifiant, cree_le) VALUES (@eleve, gen_random_uuid(), now()) ON CONFLICT DO NOTHING;
            UPDATE identite.rattachement SET retire_le = @limite - interval '1 day' WHERE personne_id = @eleve;
            UPDATE identite.rattachement SET retire_le = @limite + interval '1 day' WHERE personne_id = @parti;
            """, new { eleve, parti, limite = maintenant.AddMonths(-3) });

        var purge = Purge("identite.personne");
        Assert.Equal(1, await purge.PurgerAsync(maintenant, CancellationToken.None));

        var personne = await conn.QuerySingleAsync<(string Nom, string Prenom, DateOnly? Naissance, string? Ine, DateTimeOffset? EffaceLe)>(
            "SELECT nom, prenom, date_naissance, ine, efface_le FROM identite.personne WHERE id = @eleve", new { eleve });
        Assert.Equal(("Personne effacée", "", null, null, maintenant), personne);
        foreach (var sql in new[]
        {
            "SELECT count(*) FROM identite.compte WHERE personne_id = @eleve",
            "SELECT count(*) FROM identite.rattachement WHERE personne_id = @eleve",
            "SELECT count(*) FROM identite.lien_responsable WHERE eleve_id = @eleve",
            "SELECT count(*) FROM viescolaire.pai WHERE eleve_id = @eleve",
            "SELECT count(*) FROM viescolaire.passage_infirmerie WHERE eleve_id = @eleve",
            "SELECT count(*) FROM scolarite.flux_ical WHERE personne_id = @eleve",
            "SELECT count(*) FROM ressources.gar_identifiant WHERE personne_id = @eleve",
        })
        {
            Assert.True(await conn.ExecuteScalarAsync<int>(sql, new { eleve }) == 0, sql);
        }

        // Withdrawn less than three months ago, or still a guardian elsewhere: untouched.
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM identite.compte WHERE personne_id = @parti", new { parti }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM identite.compte WHERE personne_id = @parent", new { parent }));
        Assert.Null(await conn.ExecuteScalarAsync<DateTimeOffset?>("SELECT efface_le FROM identite.personne WHERE id = @parent", new { parent }));
        Assert.Equal(0, await purge.PurgerAsync(maintenant, CancellationToken.None));
    }

    [Fact]
    public async Task The_connection_servers_short_lived_records_go_after_their_retention()
    {
        var maintenant = new DateTimeOffset(2031, 6, 10, 3, 0, 0, TimeSpan.Zero);
        var identifiant = $"test-retention-{Guid.NewGuid():N}";
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var personne = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'parent.002'");
        await conn.ExecuteAsync("""
            INSERT INTO identite.tentative_connexion (le, identifiant, reussie) VALUES (@vieux, @identifiant, false), (@recent, @identifiant, false);
            INSERT INTO identite.appareil (id, personne_id, empreinte, libelle, premier_vu, dernier_vu)
            VALUES (gen_random_uuid(), @personne, @identifiant || '-vieux', 'Vieux', @vieux, @vieux),
                   (gen_random_uuid(), @personne, @identifiant || '-recent', 'Récent', @vieux, @recent);
            """, new { identifiant, personne, vieux = maintenant.AddDays(-366), recent = maintenant.AddDays(-364) });

        Assert.True(await Purge("identite.tentative_connexion").PurgerAsync(maintenant, CancellationToken.None) >= 1);
        Assert.True(await Purge("identite.appareil").PurgerAsync(maintenant, CancellationToken.None) >= 1);

        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM identite.tentative_connexion WHERE identifiant = @identifiant", new { identifiant }));
        Assert.Equal(["Récent"], (await conn.QueryAsync<string>(
            "SELECT libelle FROM identite.appareil WHERE empreinte LIKE @motif", new { motif = identifiant + "%" })).ToArray());
        Assert.Equal(0, await Purge("identite.tentative_connexion").PurgerAsync(maintenant, CancellationToken.None));
    }
}
