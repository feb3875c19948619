using System.Net;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Acces;

/// <summary>
/// The two access-log lists through HTTP, each caller with a real access token: 404 for whoever may not see.
/// </summary>
public sealed class JournalAccesEndpointsTests(AccesApp app) : IClassFixture<AccesApp>, IAsyncLifetime
{
    private Guid Eleve => app.Personnes["élève"];

    private string RouteEleve => $"/api/identite/eleves/{Eleve}/journal-acces";

    public async Task InitializeAsync()
    {
        // xunit makes an instance per test; the rows are written once per class (its fixture's database).
        await using (var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            if (await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM identite.journal_acces WHERE eleve_id = @Eleve)", new { Eleve }))
            {
                return;
            }
        }

        var journal = app.Services.GetRequiredService<IJournalAcces>();
        await journal.NoterAsync(new AccesDonnees(app.Personnes["infirmier"], null, Eleve, Domaine.Sante,
            ActionAcces.Lecture, "ListerPassagesInfirmerie", IPAddress.Loopback), CancellationToken.None);
        await journal.NoterAsync(new AccesDonnees(app.Personnes["enseignant de la classe"], null, Eleve, Domaine.TravailScolaire,
            ActionAcces.Modification, "SaisirNote", IPAddress.Loopback), CancellationToken.None);
        await journal.NoterAsync(new AccesDonnees(app.Personnes["cpe"], null, Eleve, Domaine.VieScolaire,
            ActionAcces.Lecture, "ListerAbsencesEleve", IPAddress.Loopback), CancellationToken.None);
        await journal.NoterAsync(new AccesDonnees(app.Personnes["responsable d'un autre élève"], null, Eleve, Domaine.Messages,
            ActionAcces.Lecture, "LireMessage", IPAddress.Loopback), CancellationToken.None);
        await journal.NoterAsync(new AccesDonnees(null, "appli-tierce", Eleve, Domaine.TravailScolaire,
            ActionAcces.Lecture, "ListerDevoirs", IPAddress.Loopback), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("responsable légal")]
    [InlineData("élève")]
    public async Task The_family_lists_who_accessed_the_pupil_data_newest_first(string qui)
    {
        var response = await app.ClientDe(qui).GetAsync(RouteEleve);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var acces = (await response.ReadJsonAsync())["acces"]!.AsArray();
        Assert.Equal(["ListerDevoirs", "LireMessage", "ListerAbsencesEleve", "SaisirNote", "ListerPassagesInfirmerie"], acces.Select(a => (string)a!["quoi"]!));
        Assert.Equal(["application", "autre", "cpe", "enseignant", "infirmier"], acces.Select(a => (string)a!["qualite"]!));
        Assert.Equal("Karim Benali", (string?)acces[2]!["qui"]);
        Assert.Equal("vie_scolaire", (string?)acces[2]!["domaine"]);
        Assert.Equal("lecture", (string?)acces[2]!["action"]);
        Assert.Equal("appli-tierce", (string?)acces[0]!["application"]);
        // Another family's member is never named to this family; nor is any address shown.
        Assert.Null(acces[1]!["qui"]?.GetValue<string>());
        Assert.All(acces, a => Assert.False(a!.AsObject().ContainsKey("adresse")));
    }

    [Theory]
    [InlineData("responsable d'un autre élève")]
    [InlineData("responsable non légal")]
    [InlineData("enseignant de la classe")]
    [InlineData("cpe")]
    [InlineData("administrateur de la région")]
    public async Task Anyone_else_gets_404(string? qui)
    {
        var response = await app.ClientDe(qui).GetAsync(RouteEleve);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:ent:probleme:introuvable", (string?)(await response.ReadJsonAsync())["type"]);
    }

    [Fact]
    public async Task The_list_comes_in_pages()
    {
        var premiere = await (await app.ClientDe("responsable légal").GetAsync(RouteEleve + "?taille=3")).ReadJsonAsync();
        var seconde = await (await app.ClientDe("responsable légal").GetAsync(RouteEleve + "?taille=3&page=2")).ReadJsonAsync();

        Assert.Equal(3, premiere["acces"]!.AsArray().Count);
        Assert.True((bool)premiere["suivante"]!);
        Assert.Equal("SaisirNote", (string?)seconde["acces"]![0]!["quoi"]);
        Assert.False((bool)seconde["suivante"]!);
    }

    [Theory]
    [InlineData("?taille=0", "taille")]
    [InlineData("?taille=101", "taille")]
    [InlineData("?page=0", "page")]
    public async Task A_wrong_page_is_a_400(string query, string champ)
    {
        var response = await app.ClientDe("responsable légal").GetAsync(RouteEleve + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![champ]);
    }

    [Fact]
    public async Task The_head_lists_the_etablissement_log_with_pupils_and_addresses()
    {
        var response = await app.ClientDe("direction").GetAsync($"/api/identite/etablissements/0750000A/journal-acces?eleveId={Eleve}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var acces = (await response.ReadJsonAsync())["acces"]!.AsArray();
        // Four accesses: the nurse's read of health data is not the head's to see.
        Assert.Equal(4, acces.Count);
        Assert.DoesNotContain(acces, a => (string?)a!["domaine"] == "sante");
        Assert.All(acces, a => Assert.Equal(Eleve, Guid.Parse((string)a!["eleveId"]!)));
        Assert.All(acces, a => Assert.Equal("127.0.0.1", (string?)a!["adresse"]));
        // Staff see every name; a guardian of another pupil has no capacity towards this one.
        Assert.Equal(("autre", "Karim Benali"), ((string?)acces.Single(a => (string)a!["quoi"]! == "LireMessage")!["qualite"],
            (string?)acces.Single(a => (string)a!["quoi"]! == "ListerAbsencesEleve")!["qui"]));
    }

    [Fact]
    public async Task The_nurse_lists_the_accesses_to_health_data_only()
    {
        var response = await app.ClientDe("infirmier").GetAsync($"/api/identite/etablissements/0750000A/journal-acces?eleveId={Eleve}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var acces = (await response.ReadJsonAsync())["acces"]!.AsArray();
        Assert.Equal([("ListerPassagesInfirmerie", "sante")], acces.Select(a => ((string)a!["quoi"]!, (string)a["domaine"]!)));
    }

    [Theory]
    [InlineData("cpe", "0750000A")]
    [InlineData("enseignant de la classe", "0750000A")]
    [InlineData("responsable légal", "0750000A")]
    [InlineData("administrateur de la région", "0750000A")]
    [InlineData("direction", "0990001X")]
    [InlineData("direction", "0999999Z")]
    public async Task Only_the_head_local_administrators_and_nurse_of_that_etablissement_see_its_log(string? qui, string uai)
    {
        var response = await app.ClientDe(qui).GetAsync($"/api/identite/etablissements/{uai}/journal-acces");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/identite/eleves/00000000-0000-0000-0000-000000000001/journal-acces")]
    [InlineData("/api/identite/etablissements/0750000A/journal-acces")]
    public async Task Without_a_token_the_logs_answer_401(string route)
    {
        var response = await app.ClientDe(null).GetAsync(route);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
