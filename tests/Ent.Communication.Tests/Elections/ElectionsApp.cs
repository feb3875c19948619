using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests.Elections;

/// <summary>A clock that runs on from a fixed instant; a test moves it forward (an election opens, closes).</summary>
public sealed class HorlogeElections(DateTimeOffset depart) : TimeProvider
{
    private readonly DateTimeOffset _lancement = System.GetUtcNow();
    private TimeSpan _decalage;

    public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement) + _decalage;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public void Avancer(TimeSpan duree) => _decalage += duree;
}

/// <summary>
/// The demo lycée on a pinned day (the constructor's; the default is a Thursday of December, Paris time), its clock
/// movable, with helpers for the elections' tests: set up an election through the API, find guardians, read the database.
/// </summary>
public class ElectionsApp : EntApp
{
    public const string Uai = "0750000A";

    public ElectionsApp() : this(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero))
    {
    }

    protected ElectionsApp(DateTimeOffset depart) => Horloge = new HorlogeElections(depart);

    public HorlogeElections Horloge { get; }

    public DateTimeOffset Maintenant => Horloge.GetUtcNow();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Horloge));
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parametres) ?? throw new InvalidOperationException(sql);
    }

    public async Task<List<T>> ListeAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, parametres)).AsList();
    }

    public async Task ExecuterAsync(string sql, object? parametres = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parametres);
    }

    /// <summary>The logins of legal guardians of the lycée's pupils who have an account, by login.</summary>
    public Task<List<string>> ParentsAsync(int nombre) => ListeAsync<string>("""
        SELECT DISTINCT k.identifiant FROM identite.lien_responsable l
        JOIN identite.rattachement r ON r.personne_id = l.eleve_id AND r.profil = 'eleve'
        JOIN identite.etablissement e ON e.id = r.etablissement_id AND e.uai = @Uai
        JOIN identite.compte k ON k.personne_id = l.responsable_id
        WHERE l.legal ORDER BY k.identifiant LIMIT @nombre
        """, new { Uai, nombre });

    public Task<Guid> PersonneAsync(string login) =>
        ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @login", new { login });

    internal sealed record Creee(Guid Id);

    internal sealed record Liste(Guid Id, int Rang, string Nom);

    internal sealed record Vue(Guid Id, string Etat, int? NombreElecteurs, int? Votants, Liste[] Listes, bool Gestionnaire, bool Electeur,
        DateTimeOffset? AVoteLe, bool PeutVoter);

    internal sealed record AVote(DateTimeOffset AVoteLe, string Recu);

    public static object Candidat(string nom, string prenom, string naissance) => new { nom, prenom, dateNaissance = naissance };

    /// <summary>An election through the API, by the head: opens in 30 seconds, closes in 3 minutes (access tokens last 10 minutes of the moved clock); two lists.</summary>
    internal async Task<Vue> CreerAsync(bool correspondance = false, int sieges = 3, string titre = "Conseil d'administration")
    {
        var reponse = await this.ClientConnecte("direction").PostAsJsonAsync($"/api/communication/etablissements/{Uai}/elections", new
        {
            titre,
            sieges,
            ouverture = Maintenant.AddSeconds(30),
            cloture = Maintenant.AddMinutes(3),
            correspondance,
            listes = new object[]
            {
                new { nom = "Parents unis", candidats = new[] { Candidat("Martin", "Claire", "1978-03-14"), Candidat("Durand", "Luc", "1972-01-19") } },
                new { nom = "Agir ensemble", candidats = new[] { Candidat("Simon", "Nadia", "1980-02-25"), Candidat("Laurent", "Marc", "1976-07-08") } },
            },
        });
        Assert.True(reponse.StatusCode == HttpStatusCode.Created, await reponse.Content.ReadAsStringAsync());
        var id = (await reponse.ReadAsync<Creee>()).Id;
        return await VueAsync("direction", id);
    }

    internal async Task<Vue> VueAsync(string login, Guid id)
    {
        var reponse = await this.ClientConnecte(login).GetAsync($"/api/communication/elections/{id}");
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, await reponse.Content.ReadAsStringAsync());
        return await reponse.ReadAsync<Vue>();
    }

    internal Task<HttpResponseMessage> VoterAsync(string login, Guid id, Guid listeId) =>
        this.ClientConnecte(login).PostAsJsonAsync($"/api/communication/elections/{id}/vote", new { listeId });
}
