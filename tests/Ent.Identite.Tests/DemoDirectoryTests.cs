using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests;

/// <summary>The demo lycée's people, as README lists them, and seeding that is safe to repeat.</summary>
public sealed class DemoDirectoryTests(EntApp app) : IClassFixture<EntApp>
{
    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException(sql);
    }

    [Theory]
    [InlineData("eleve", 120)]
    [InlineData("enseignant", 12)]
    [InlineData("personnel", 4)]
    public async Task The_demo_lycee_has_its_people(string profil, long expected)
    {
        Assert.Equal(expected, await ScalarAsync<long>($"SELECT count(*) FROM identite.rattachement WHERE profil = '{profil}'"));
    }

    [Fact]
    public async Task Twenty_guardians_have_two_children_at_the_school_and_every_pupil_has_a_guardian()
    {
        Assert.Equal(0L, await ScalarAsync<long>("""
            SELECT count(*) FROM identite.rattachement r
            WHERE r.profil = 'eleve' AND NOT EXISTS (SELECT 1 FROM identite.lien_responsable l WHERE l.eleve_id = r.personne_id)
            """));
        Assert.True(await ScalarAsync<long>("""
            SELECT count(*) FROM (SELECT responsable_id FROM identite.lien_responsable GROUP BY 1 HAVING count(*) = 2) deux
            """) >= 20);
        Assert.Equal(2L, await ScalarAsync<long>("""
            SELECT count(*) FROM identite.lien_responsable l JOIN identite.compte c ON c.personne_id = l.responsable_id
            WHERE c.identifiant = 'parent.001'
            """));
    }

    [Theory]
    [InlineData("direction", "direction")]
    [InlineData("cpe", "cpe")]
    [InlineData("infirmerie", "infirmier")]
    [InlineData("admin.ent", "administrateur_local")]
    public async Task Staff_accounts_hold_their_function(string identifiant, string fonction)
    {
        Assert.Equal(fonction, await ScalarAsync<string>($"""
            SELECT r.fonction FROM identite.compte c JOIN identite.rattachement r ON r.personne_id = c.personne_id
            WHERE c.identifiant = '{identifiant}'
            """));
    }

    [Fact]
    public async Task The_region_administrator_of_the_demo_has_no_profile_in_any_etablissement()
    {
        Assert.Equal(0L, await ScalarAsync<long>("""
            SELECT count(*) FROM identite.compte c JOIN identite.rattachement r ON r.personne_id = c.personne_id WHERE c.identifiant = 'admin.region'
            """));
        Assert.Equal(1L, await ScalarAsync<long>("""
            SELECT count(*) FROM identite.compte c JOIN identite.administrateur_region a ON a.personne_id = c.personne_id WHERE c.identifiant = 'admin.region'
            """));
    }

    [Fact]
    public async Task Demo_passwords_are_hashed_never_stored_in_clear()
    {
        var hash = await ScalarAsync<string>("SELECT mot_de_passe_hash FROM identite.compte WHERE identifiant = 'parent.001'");

        Assert.DoesNotContain(DemoLycee.MotDePasse, hash, StringComparison.Ordinal);
        var verdict = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().VerifyHashedPassword(new object(), hash, DemoLycee.MotDePasse);
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success, verdict);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var before = await ScalarAsync<long>("SELECT (SELECT count(*) FROM identite.personne) + (SELECT count(*) FROM scolarite.inscription_classe) + (SELECT count(*) FROM communication.annonce_publique) + (SELECT count(*) FROM ressources.lien_utile)");

        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        foreach (var demo in app.Services.GetServices<IDemoData>().OrderBy(d => d.Order))
        {
            await demo.SeedAsync(db, CancellationToken.None);
        }

        Assert.Equal(before, await ScalarAsync<long>("SELECT (SELECT count(*) FROM identite.personne) + (SELECT count(*) FROM scolarite.inscription_classe) + (SELECT count(*) FROM communication.annonce_publique) + (SELECT count(*) FROM ressources.lien_utile)"));
    }
}
