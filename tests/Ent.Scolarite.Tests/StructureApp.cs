using System.Net.Http.Json;
using System.Net.Http.Headers;
using Dapper;
using Duende.IdentityModel.Client;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests;

/// <summary>
/// The demo lycée plus what the administrators' endpoints are tested against: a local administrator (with an account),
/// pupils of the lycée in no class yet, a neighbouring établissement with a class, a group, a service and a period of its
/// own, and a class of a past year of the lycée. Its ids must answer 404 on the lycée's routes.
/// </summary>
public sealed class StructureApp : EntApp
{
    public const string Uai = DemoLycee.Uai;
    public const string AutreUai = "0990002Y";
    public const string AdministrateurLocal = "test.admin.local";

    public const string Route = $"/api/scolarite/etablissements/{Uai}";

    public Guid EtablissementId { get; private set; }

    public string Annee { get; private set; } = string.Empty;

    /// <summary>Pupils of the lycée who are in no class, for the tests that fill classes (the demo's all are in one).</summary>
    public Guid[] ElevesSansClasse { get; } = [.. Enumerable.Range(0, 8).Select(_ => Guid.NewGuid())];

    public Guid AutreEtablissementId { get; } = Guid.NewGuid();

    public Guid ClasseAutreEtablissement { get; } = Guid.NewGuid();

    public Guid GroupeAutreEtablissement { get; } = Guid.NewGuid();

    public Guid ServiceAutreEtablissement { get; } = Guid.NewGuid();

    public Guid PeriodeAutreEtablissement { get; } = Guid.NewGuid();

    public Guid ClasseAnneePassee { get; } = Guid.NewGuid();

    public Guid ServiceAnneePassee { get; } = Guid.NewGuid();

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>An application allowed Scolarité's scopes with a token of its own: it acts for nobody.</summary>
    public const string TiersScolarite = "tiers-scolarite";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Oidc:Clients:2:ClientId"] = TiersScolarite,
        ["Ent:Oidc:Clients:2:Secret"] = SecretTiers,
        ["Ent:Oidc:Clients:2:Nom"] = "Application de vie scolaire",
        ["Ent:Oidc:Clients:2:Flux:0"] = "client_credentials",
        ["Ent:Oidc:Clients:2:Portees:0"] = "scolarite.read",
        ["Ent:Oidc:Clients:2:Portees:1"] = "scolarite.write",
    };

    /// <summary>A client carrying the application's own token (client credentials): no person behind it.</summary>
    public async Task<HttpClient> ClientApplicationAsync()
    {
        using var http = CreateClient();
        var jeton = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "/connect/token", ClientId = TiersScolarite, ClientSecret = SecretTiers, Scope = "scolarite.read scolarite.write",
        });
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            jeton.IsError ? throw new InvalidOperationException(jeton.Error) : jeton.AccessToken);
        return client;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Db.OpenConnectionAsync();
        EtablissementId = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM identite.etablissement WHERE uai = @Uai", new { Uai });
        Annee = await conn.ExecuteScalarAsync<string>("SELECT annee_scolaire FROM scolarite.classe WHERE code = '2NDE1'")
                ?? throw new InvalidOperationException("The demo has no 2NDE1 class.");

        var admin = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO identite.personne (id, nom, prenom) SELECT id, 'Sansclasse', 'Élève ' || n
            FROM unnest(@eleves::uuid[]) WITH ORDINALITY AS e(id, n);
            INSERT INTO identite.rattachement (personne_id, etablissement_id, profil) SELECT id, @EtablissementId, 'eleve' FROM unnest(@eleves::uuid[]) AS e(id);
            INSERT INTO identite.personne (id, nom, prenom) VALUES (@admin, 'Admin', 'Local');
            INSERT INTO identite.rattachement (personne_id, etablissement_id, profil, fonction) VALUES (@admin, @EtablissementId, 'personnel', 'administrateur_local');
            INSERT INTO identite.compte (id, personne_id, identifiant, mot_de_passe_hash) VALUES (gen_random_uuid(), @admin, @AdministrateurLocal, @hash);

            INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (@autre, @AutreUai, 'Lycée voisin', 'Paris');
            INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau) VALUES (@classeAutre, @autre, @Annee, '2NDE1', 'Seconde 1', 'seconde');
            INSERT INTO scolarite.groupe (id, etablissement_id, annee_scolaire, code, libelle) VALUES (@groupeAutre, @autre, @Annee, 'ESP2', 'Espagnol');
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id) VALUES (@serviceAutre, gen_random_uuid(), 'MATHS', 'Mathématiques', @classeAutre);
            INSERT INTO scolarite.periode (id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin)
            VALUES (@periodeAutre, @autre, @Annee, 'semestre', 1, make_date(left(@Annee, 4)::int, 9, 1), make_date(left(@Annee, 4)::int + 1, 1, 31));

            INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau) VALUES (@passee, @EtablissementId, '2000-2001', '2NDE1', 'Seconde 1', 'seconde');
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id) VALUES (@servicePasse, @prof, 'MATHS', 'Mathématiques', @passee);
            """, new
        {
            eleves = ElevesSansClasse, EtablissementId, admin, AdministrateurLocal, Annee, AutreUai,
            hash = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), DemoLycee.MotDePasse),
            autre = AutreEtablissementId, classeAutre = ClasseAutreEtablissement, groupeAutre = GroupeAutreEtablissement,
            serviceAutre = ServiceAutreEtablissement, periodeAutre = PeriodeAutreEtablissement,
            passee = ClasseAnneePassee, servicePasse = ServiceAnneePassee, prof = Personne("prof.01"),
        });
    }

    /// <summary>A demo person's id, from their login.</summary>
    public static Guid Personne(string login) => DemoIds.Of("compte", login);

    /// <summary>A client carrying the person's access token; none: anonymous.</summary>
    public HttpClient Client(string? login) => login is null ? CreateClient() : this.ClientConnecte(login);

    public HttpClient Direction => Client("direction");

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, parameters)).AsList();
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parameters);
    }

    /// <summary>
    /// The lycée's periods of the current year, set to three trimesters through the API (whatever was there). The demo's
    /// grading year lives up to today, so on most days its periods hold assessments, appraisals and councils that would
    /// keep a period from being removed or moved: they are cleared first, and the tests add what they need.
    /// </summary>
    public async Task<Guid[]> TrimestresAsync()
    {
        await ExecuteAsync("""
            DELETE FROM scolarite.conseil_classe WHERE periode_id IN (SELECT id FROM scolarite.periode WHERE etablissement_id = @EtablissementId);
            DELETE FROM scolarite.appreciation WHERE periode_id IN (SELECT id FROM scolarite.periode WHERE etablissement_id = @EtablissementId);
            DELETE FROM scolarite.evaluation WHERE periode_id IN (SELECT id FROM scolarite.periode WHERE etablissement_id = @EtablissementId);
            """, new { EtablissementId });
        var debut = int.Parse(Annee[..4], System.Globalization.CultureInfo.InvariantCulture);
        var response = await Direction.PutAsJsonAsync($"{Route}/periodes", new
        {
            decoupage = "trimestre",
            periodes = new[]
            {
                new { debut = $"{debut}-09-01", fin = $"{debut}-11-30" },
                new { debut = $"{debut}-12-01", fin = $"{debut + 1}-03-15" },
                new { debut = $"{debut + 1}-03-16", fin = $"{debut + 1}-07-04" },
            },
        });
        response.EnsureSuccessStatusCode();
        return [.. (await response.ReadJsonAsync()).AsArray().Select(p => Guid.Parse((string)p!["id"]!))];
    }
}
