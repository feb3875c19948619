using Dapper;
using Ent.Kernel.Rgpd;
using Ent.Ressources.Espaces;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Ressources.Tests.Espaces;

/// <summary>
/// The class workspace's retention (issue 18): pupils' work handed in goes at the rentrée after its deadline's year, the
/// teachers' documents a year later (a file once its last version is that old, every version and its stored file with it,
/// then the folders left empty); what is younger stays; a second run deletes nothing.
/// </summary>
public sealed class RetentionEspacesTests(EspaceApp app) : IClassFixture<EspaceApp>
{
    [Fact]
    public async Task Handed_in_work_goes_at_the_next_rentree_and_documents_a_year_later_with_their_files()
    {
        // 2 September 2030, Paris: this school year began on 1 September 2030, the previous one on 1 September 2029.
        var maintenant = new DateTimeOffset(2030, 9, 2, 8, 0, 0, TimeSpan.Zero);
        var stockage = app.Services.GetRequiredService<StockageEspaces>();
        var purge = app.Services.GetServices<IPurgeRetention>().Single(p => p.Nom == "ressources.espace_classe");
        await using var conn = await app.Db.OpenConnectionAsync();
        var etablissement = await conn.ExecuteScalarAsync<Guid>("SELECT etablissement_id FROM scolarite.classe WHERE id = @id", new { id = app.Ids["2NDE1"] });
        var division = Guid.NewGuid();
        var auteur = Guid.NewGuid();

        async Task<string> FichierAsync() =>
            (await stockage.EcrireAsync(new MemoryStream("%PDF-1.4 travail"u8.ToArray()), CancellationToken.None)).NomStockage;

        // Two dépôts: one due in June 2030 (last year), one due in October 2030 (this year), each with a pupil's work.
        var depots = new Dictionary<string, (Guid Id, string Fichier)>();
        foreach (var (nom, limite) in new[] { ("ancien", new DateTimeOffset(2030, 6, 20, 16, 0, 0, TimeSpan.Zero)), ("courant", new DateTimeOffset(2030, 10, 1, 16, 0, 0, TimeSpan.Zero)) })
        {
            var id = Guid.NewGuid();
            var fichier = await FichierAsync();
            await conn.ExecuteAsync("""
                INSERT INTO ressources.espace_depot (id, etablissement_id, division_id, titre, date_limite, cree_par, cree_le)
                VALUES (@id, @etablissement, @division, @nom, @limite, @auteur, @limite - interval '10 days');
                INSERT INTO ressources.espace_rendu (depot_id, eleve_id, numero, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
                VALUES (@id, @auteur, 1, @fichier, 'copie.pdf', 'application/pdf', 16, repeat('a', 64), @auteur, @limite - interval '1 day');
                """, new { id, etablissement, division, nom, limite, auteur, fichier });
            depots[nom] = (id, fichier);
        }

        // Teachers' documents: one last replaced in August 2029 (two school years ago) inside a folder, one created then
        // but replaced in March 2030 (last year: kept).
        var dossier = Guid.NewGuid();
        var vieux = new DateTimeOffset(2029, 8, 20, 10, 0, 0, TimeSpan.Zero);
        await conn.ExecuteAsync("""
            INSERT INTO ressources.espace_dossier (id, etablissement_id, division_id, nom, cree_par, cree_le)
            VALUES (@dossier, @etablissement, @division, 'Cours 2028-2029', @auteur, @vieux)
            """, new { dossier, etablissement, division, auteur, vieux });
        var fichiers = new Dictionary<string, (Guid Id, string[] Versions)>();
        foreach (var (nom, derniere, dans) in new[] { ("ancien", vieux, (Guid?)dossier), ("remplace", new DateTimeOffset(2030, 3, 2, 10, 0, 0, TimeSpan.Zero), null) })
        {
            var id = Guid.NewGuid();
            string[] versions = [await FichierAsync(), await FichierAsync()];
            await conn.ExecuteAsync("""
                INSERT INTO ressources.espace_fichier (id, etablissement_id, division_id, dossier_id, cree_par, cree_le)
                VALUES (@id, @etablissement, @division, @dans, @auteur, @vieux);
                INSERT INTO ressources.espace_fichier_version (fichier_id, numero, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
                VALUES (@id, 1, @v1, 'cours.pdf', 'application/pdf', 16, repeat('b', 64), @auteur, @vieux),
                       (@id, 2, @v2, 'cours.pdf', 'application/pdf', 16, repeat('c', 64), @auteur, @derniere);
                """, new { id, etablissement, division, dans, auteur, vieux, derniere, v1 = versions[0], v2 = versions[1] });
            fichiers[nom] = (id, versions);
        }

        Assert.True(await purge.PurgerAsync(maintenant, CancellationToken.None) >= 4);

        Assert.Equal([depots["courant"].Id], (await conn.QueryAsync<Guid>(
            "SELECT id FROM ressources.espace_depot WHERE division_id = @division", new { division })).ToArray());
        Assert.Null(stockage.Ouvrir(depots["ancien"].Fichier));
        using (var garde = stockage.Ouvrir(depots["courant"].Fichier))
        {
            Assert.NotNull(garde);
        }

        Assert.Equal([fichiers["remplace"].Id], (await conn.QueryAsync<Guid>(
            "SELECT id FROM ressources.espace_fichier WHERE division_id = @division", new { division })).ToArray());
        Assert.All(fichiers["ancien"].Versions, v => Assert.Null(stockage.Ouvrir(v)));
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM ressources.espace_fichier_version WHERE fichier_id = @id", new { fichiers["remplace"].Id }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM ressources.espace_dossier WHERE id = @dossier", new { dossier }));
        Assert.Equal(0, await purge.PurgerAsync(maintenant, CancellationToken.None));
    }
}
