using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Ressources.Tests.Espaces;

/// <summary>
/// The host with the class workspaces' files in a folder of the test's own and a clock the test moves (a dépôt's
/// deadline passes without waiting); the demo's people the tests name: 2NDE1, prof.01 who teaches it, two of its pupils
/// and the first one's legal guardian, a pupil of TG1 from another family and that pupil's guardian.
/// </summary>
public sealed class EspaceApp : EntApp
{
    public string Dossier { get; } = TestCluster.NewFolder("espaces");

    public HorlogeReglable Horloge { get; } = new();

    public Dictionary<string, Guid> Ids { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Logins { get; } = new(StringComparer.Ordinal);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Ressources:Documents:Dossier"] = Dossier,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Horloge));
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Db.OpenConnectionAsync();
        Ids["2NDE1"] = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = '2NDE1'");
        Ids["etablissement"] = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM identite.etablissement WHERE uai = '0750000A'");
        var eleves = (await conn.QueryAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i WHERE i.classe_id = @classe
              AND EXISTS (SELECT 1 FROM identite.compte c WHERE c.personne_id = i.eleve_id)
            ORDER BY i.eleve_id LIMIT 2
            """, new { classe = Ids["2NDE1"] })).AsList();
        Ids["eleve"] = eleves[0];
        Ids["autre eleve de la classe"] = eleves[1];
        Ids["responsable"] = await conn.ExecuteScalarAsync<Guid>("""
            SELECT l.responsable_id FROM identite.lien_responsable l WHERE l.eleve_id = @id AND l.legal
              AND EXISTS (SELECT 1 FROM identite.compte c WHERE c.personne_id = l.responsable_id)
              AND NOT EXISTS (SELECT 1 FROM identite.lien_responsable b WHERE b.responsable_id = l.responsable_id AND b.eleve_id = @autre)
            ORDER BY l.responsable_id LIMIT 1
            """, new { id = Ids["eleve"], autre = Ids["autre eleve de la classe"] });
        Ids["eleve TG1"] = await conn.ExecuteScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE c.code = 'TG1' AND EXISTS (SELECT 1 FROM identite.compte a WHERE a.personne_id = i.eleve_id)
              AND NOT EXISTS (
                SELECT 1 FROM identite.lien_responsable a JOIN identite.lien_responsable b ON a.responsable_id = b.responsable_id
                WHERE a.eleve_id = i.eleve_id AND b.eleve_id IN (SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @classe))
            ORDER BY i.eleve_id LIMIT 1
            """, new { classe = Ids["2NDE1"] });
        Ids["responsable TG1"] = await conn.ExecuteScalarAsync<Guid>("""
            SELECT l.responsable_id FROM identite.lien_responsable l WHERE l.eleve_id = @id AND l.legal
              AND EXISTS (SELECT 1 FROM identite.compte c WHERE c.personne_id = l.responsable_id)
            ORDER BY l.responsable_id LIMIT 1
            """, new { id = Ids["eleve TG1"] });
        Ids["prof"] = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'prof.01'");
        Ids["direction"] = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'direction'");
        foreach (var (qui, id) in Ids.Where(i => i.Key is not ("2NDE1" or "etablissement")).ToList())
        {
            Logins[qui] = await conn.ExecuteScalarAsync<string>("SELECT identifiant FROM identite.compte WHERE personne_id = @id", new { id })
                          ?? throw new InvalidOperationException($"{qui} has no account");
        }
    }

    public HttpClient Client(string qui) => this.ClientConnecte(Logins[qui]);

    /// <summary>The files in the spaces' folder now.</summary>
    public int FichiersSurDisque() => Directory.Exists(Dossier) ? Directory.GetFiles(Dossier).Length : 0;
}
