using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Administration;

/// <summary>
/// The demo lycée (with its local administrator admin.ent and the region's admin.region) plus a neighbouring lycée and
/// its head (direction.voisin), who must see nothing of the demo lycée's people.
/// </summary>
public sealed class AdministrationApp : EntApp
{
    public const string Uai = "0750000A";
    public const string DirectionVoisin = "direction.voisin";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), Ent.Kernel.Demo.DemoLycee.MotDePasse);
        await conn.ExecuteAsync("""
            INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (@autre, '0990001X', 'Lycée voisin', 'Paris');
            INSERT INTO identite.personne (id, nom, prenom) VALUES (@direction, 'Voisin', 'Paule');
            INSERT INTO identite.rattachement (personne_id, etablissement_id, profil, fonction) VALUES (@direction, @autre, 'personnel', 'direction');
            INSERT INTO identite.compte (id, personne_id, identifiant, mot_de_passe_hash) VALUES (gen_random_uuid(), @direction, @login, @hash);
            """, new { autre = Guid.NewGuid(), direction = Guid.NewGuid(), login = DirectionVoisin, hash });
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, parametres))!;
    }

    public async Task ExecuterAsync(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parametres);
    }

    public Task<Guid> PersonneAsync(string identifiant) =>
        ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @identifiant", new { identifiant });

    /// <summary>The access log's rows of an operation by a login, for one person concerned.</summary>
    public Task<int> JournalAsync(string quoi, string par, Guid concernee) => ScalarAsync<int>("""
        SELECT count(*)::int FROM identite.journal_acces j JOIN identite.compte c ON c.personne_id = j.personne_id
        WHERE j.quoi = @quoi AND c.identifiant = @par AND j.eleve_id = @concernee
          AND j.etablissement_id = (SELECT id FROM identite.etablissement WHERE uai = '0750000A')
        """, new { quoi, par, concernee });
}
