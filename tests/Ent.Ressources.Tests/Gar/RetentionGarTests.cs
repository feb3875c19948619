using Dapper;
using Ent.Kernel.Rgpd;
using Ent.Ressources.Gar;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Ressources.Tests.Gar;

/// <summary>
/// Openings are kept for the school year (purged on the rentrée, Paris time); SAML request ids until they expire; the
/// RGPD export's « ressources » section holds the person's pseudonym and openings.
/// </summary>
public sealed class RetentionGarTests(GarApp app) : IClassFixture<GarApp>
{
    [Fact]
    public async Task The_rentree_purges_the_previous_years_openings_once_and_keeps_this_years()
    {
        var personne = Guid.NewGuid();
        await using (var conn = await app.Db.OpenConnectionAsync())
        {
            foreach (var quand in new[] { "2026-06-30T12:00:00Z", "2026-08-31T21:59:00Z", "2026-08-31T22:00:00Z", "2026-11-02T08:00:00Z" })
            {
                await conn.ExecuteAsync("""
                    INSERT INTO ressources.gar_ouverture (id, personne_id, etablissement_id, id_ressource, nom_ressource, nom_editeur, ouverte_le)
                    VALUES (gen_random_uuid(), @personne, gen_random_uuid(), 'ark:/1', 'Manuel', 'Éditeur', @quand::timestamptz)
                    """, new { personne, quand });
            }
        }

        var purge = app.Services.GetServices<IPurgeRetention>().Single(p => p.Nom == "ressources.gar_ouverture");
        Assert.Contains("année scolaire", purge.Duree, StringComparison.Ordinal);
        // 1 September 2026 00:00 in Paris is 31 August 22:00 UTC: the last evening of August belongs to the old year.
        Assert.Equal(new DateTimeOffset(2026, 8, 31, 22, 0, 0, TimeSpan.Zero), PurgeOuverturesGar.Rentree(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(await purge.PurgerAsync(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), default) >= 2);
        Assert.Equal(0, await purge.PurgerAsync(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), default));

        await using var lecture = await app.Db.OpenConnectionAsync();
        var restent = await lecture.QueryAsync<DateTimeOffset>("SELECT ouverte_le FROM ressources.gar_ouverture WHERE personne_id = @personne ORDER BY 1", new { personne });
        Assert.Equal([new DateTimeOffset(2026, 8, 31, 22, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero)], restent);
    }

    [Fact]
    public async Task Expired_SAML_request_ids_are_purged()
    {
        await using (var conn = await app.Db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO ressources.gar_requete_saml (id, recue_le, expire_le) VALUES
                ('_vieille', '2026-01-01T10:00:00Z', '2026-01-01T10:06:00Z'), ('_recente', '2026-01-01T10:00:00Z', '2026-01-01T11:06:00Z')
                """);
        }

        var purge = app.Services.GetServices<IPurgeRetention>().Single(p => p.Nom == "ressources.gar_requete_saml");
        Assert.Equal(1, await purge.PurgerAsync(new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.Zero), default));
        Assert.Equal(0, await purge.PurgerAsync(new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.Zero), default));
    }

    /// <summary>The exporter's folder as far as this section goes: its JSON files (as JSON) and its summary's lines.</summary>
    private sealed class Dossier : IDossierExport
    {
        public Dictionary<string, System.Text.Json.Nodes.JsonNode> Json { get; } = [];

        public List<(string Titre, string[] Lignes)> Resume { get; } = [];

        public Task EcrireJsonAsync(string nom, object donnees, CancellationToken ct)
        {
            Json[nom] = System.Text.Json.JsonSerializer.SerializeToNode(donnees, Ent.Testing.Http.Json)!;
            return Task.CompletedTask;
        }

        public Task EcrireFichierAsync(string nom, Stream contenu, CancellationToken ct) => throw new InvalidOperationException("no file expected");

        public void Resumer(string titre, IEnumerable<string> lignes) => Resume.Add((titre, [.. lignes]));
    }

    [Fact]
    public async Task The_RGPD_export_holds_the_pupils_pseudonym_and_openings_up_to_the_export()
    {
        var eleve = Ent.Kernel.Demo.DemoIds.Of("compte", "eleve.041");
        var parent = Guid.NewGuid();
        var identifiant = await app.IdentifiantGarAsync("eleve.041", Guid.NewGuid());
        await using (var conn = await app.Db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO ressources.gar_ouverture (id, personne_id, etablissement_id, id_ressource, nom_ressource, nom_editeur, ouverte_le) VALUES
                (gen_random_uuid(), @eleve, gen_random_uuid(), 'ark:/1', 'Maths Seconde', 'Éditions Démo', '2026-10-05T08:00:00Z'),
                (gen_random_uuid(), @eleve, gen_random_uuid(), 'ark:/2', 'Histoire Seconde', 'Éditions Démo', '2026-11-05T08:00:00Z'),
                (gen_random_uuid(), @eleve, gen_random_uuid(), 'ark:/3', 'Après l''export', 'Éditions Démo', '2026-12-05T08:00:00Z')
                """, new { eleve });
        }

        var contribution = Assert.Single(app.Services.GetServices<IContributionExport>(), c => c.Section == "ressources");
        var dossier = new Dossier();
        await contribution.ContribuerAsync(new SujetExport(parent, eleve, true, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), dossier, default);

        var json = dossier.Json["ouvertures.json"];
        Assert.Equal(identifiant.ToString(), (string?)json["garPersonIdentifiant"]);
        var ouvertures = json["ouvertures"]!.AsArray();
        Assert.Equal(["Maths Seconde", "Histoire Seconde"], ouvertures.Select(o => (string?)o!["nomRessource"]));
        Assert.Equal("ark:/1", (string?)ouvertures[0]!["idRessource"]);
        var (titre, lignes) = Assert.Single(dossier.Resume);
        Assert.Equal("Ressources numériques (GAR)", titre);
        Assert.Contains(lignes, l => l.Contains(identifiant.ToString(), StringComparison.Ordinal));
        Assert.Contains(lignes, l => l.Contains("2 ouverture(s)", StringComparison.Ordinal) && l.Contains("Histoire Seconde", StringComparison.Ordinal));

        // Someone who never used the GAR: no pseudonym, no openings, said so.
        var vide = new Dossier();
        await contribution.ContribuerAsync(new SujetExport(parent, parent, false, DateTimeOffset.UtcNow), vide, default);
        Assert.Null((string?)vide.Json["ouvertures.json"]["garPersonIdentifiant"]);
        Assert.Empty(vide.Json["ouvertures.json"]["ouvertures"]!.AsArray());
        Assert.Contains(vide.Resume.Single().Lignes, l => l.Contains("Aucun identifiant GAR", StringComparison.Ordinal));
    }
}
