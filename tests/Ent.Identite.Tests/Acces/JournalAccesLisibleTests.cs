using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Identite.Acces;
using Ent.Identite.Contracts;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Acces;

/// <summary>
/// The family's access log in French (issue #13): names and roles, what was done, the family's own reads flagged and
/// left out on request, pages by cursor; and the phrase table covers every operation the modules log.
/// </summary>
public sealed partial class JournalAccesLisibleTests(AccesApp app) : IClassFixture<AccesApp>, IAsyncLifetime
{
    private Guid Eleve => app.Personnes["élève"];

    private string RouteEleve => $"/api/identite/eleves/{Eleve}/journal-acces";

    private static readonly string[] RolesResponsable = ["sa mère", "son père", "son tuteur ou sa tutrice", "responsable légal·e"];

    private sealed record Acces(long Id, string? Qui, string Qualite, string Role, string Libelle, string? Application, bool ParLaFamille, string Quoi);

    private sealed record PageJournal(int Page, int Taille, bool Suivante, Acces[] Acces);

    public async Task InitializeAsync()
    {
        // xunit makes an instance per test; the rows are written once per class (its fixture's database), oldest first.
        await using (var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            if (await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM identite.journal_acces WHERE eleve_id = @Eleve)", new { Eleve }))
            {
                return;
            }
        }

        var journal = app.Services.GetRequiredService<IJournalAcces>();
        foreach (var (qui, client, quoi, action) in new (string Qui, string Client, string Quoi, ActionAcces Action)[]
        {
            ("enseignant de la classe", "ent-spa", "SaisirNotes", ActionAcces.Modification),
            ("enseignant du groupe", "ent-spa", "ListerNotesEleve", ActionAcces.Lecture),
            ("cpe", "appli-tierce", "ListerAbsencesEleve", ActionAcces.Lecture),
            ("direction", "ent-spa", "OperationDeDemain", ActionAcces.Lecture),
            ("responsable légal", "ent-spa", "ListerNotesEleve", ActionAcces.Lecture),
            ("élève", "ent-spa", "ListerAbsencesEleve", ActionAcces.Lecture),
        })
        {
            await journal.NoterAsync(new AccesDonnees(app.Personnes[qui], client, Eleve, Domaine.TravailScolaire, action, quoi, IPAddress.Loopback),
                CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<PageJournal> LireAsync(string qui, string query = "")
    {
        var response = await app.ClientDe(qui).GetAsync(RouteEleve + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<PageJournal>();
    }

    private async Task<string> NomAsync(string qui)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<string>("SELECT prenom || ' ' || nom FROM identite.personne WHERE id = @id", new { id = app.Personnes[qui] })
               ?? throw new InvalidOperationException(qui);
    }

    [Fact]
    public async Task The_guardian_reads_who_in_what_role_did_what_in_french_newest_first()
    {
        var acces = (await LireAsync("responsable légal")).Acces;

        Assert.Equal(
        [
            ("l'élève", "a consulté les absences", true),
            (acces[1].Role, "a consulté les notes", true),
            ("direction de l'établissement", "a consulté des données de l'élève", false),
            ("conseiller·ère principal·e d'éducation", "a consulté les absences", false),
            ("professeur·e d'espagnol LV2", "a consulté les notes", false),
            ("professeur·e de français", "a saisi ou corrigé une note", false),
        ], acces.Select(a => (a.Role, a.Libelle, a.ParLaFamille)));
        Assert.Contains(acces[1].Role, RolesResponsable);
        Assert.Equal(await NomAsync("enseignant de la classe"), acces[5].Qui);
        Assert.Equal(await NomAsync("cpe"), acces[3].Qui);
        // Ent's own web application is not named; a third-party one is.
        Assert.Equal([null, null, null, "appli-tierce", null, null], acces.Select(a => a.Application));
        // Never the raw operation name in what is shown.
        Assert.All(acces, a => Assert.DoesNotMatch("[A-Z][a-z]+[A-Z]", a.Libelle + a.Role));
    }

    [Fact]
    public async Task Famille_false_leaves_out_the_family_own_reads()
    {
        var acces = (await LireAsync("élève", "?famille=false")).Acces;

        Assert.Equal(["OperationDeDemain", "ListerAbsencesEleve", "ListerNotesEleve", "SaisirNotes"], acces.Select(a => a.Quoi));
        Assert.All(acces, a => Assert.False(a.ParLaFamille));
    }

    [Fact]
    public async Task The_cursor_pages_without_gaps_or_repeats_even_when_new_accesses_arrive()
    {
        var tout = (await LireAsync("responsable légal")).Acces.Select(a => a.Id).ToList();

        var premiere = await LireAsync("responsable légal", "?taille=4");
        // A new access between two pages does not shift the next one.
        await app.Services.GetRequiredService<IJournalAcces>().NoterAsync(new AccesDonnees(app.Personnes["cpe"], "ent-spa", app.Personnes["autre élève"],
            Domaine.VieScolaire, ActionAcces.Lecture, "ListerAbsencesEleve", IPAddress.Loopback), CancellationToken.None);
        var seconde = await LireAsync("responsable légal", $"?taille=4&avant={premiere.Acces[^1].Id}");

        Assert.True(premiere.Suivante);
        Assert.False(seconde.Suivante);
        Assert.Equal(tout, premiere.Acces.Concat(seconde.Acces).Select(a => a.Id));
    }

    [Theory]
    [InlineData("?avant=0", "avant")]
    [InlineData("?avant=-3", "avant")]
    [InlineData("?page=2&avant=10", "avant")]
    public async Task A_wrong_cursor_is_a_400_in_french(string query, string champ)
    {
        var response = await app.ClientDe("responsable légal").GetAsync(RouteEleve + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("curseur", (string)(await response.ReadJsonAsync())["errors"]![champ]![0]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("responsable d'un autre élève")]
    [InlineData("enseignant de la classe")]
    [InlineData("direction")]
    public async Task Another_family_or_the_staff_get_404_whatever_the_filter(string qui)
    {
        var response = await app.ClientDe(qui).GetAsync(RouteEleve + "?famille=false&taille=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Every_operation_the_modules_log_has_its_french_phrase()
    {
        var racine = Http.RepositoryRoot();
        var journalisees = Directory.EnumerateFiles(Path.Combine(racine, "modules"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => AppelJournal().Matches(File.ReadAllText(f)))
            .SelectMany(m => NomOperation().Matches(m.Groups["arguments"].Value)) // a switch may name several
            .Select(m => m.Groups["quoi"].Value)
            .ToHashSet(StringComparer.Ordinal);

        // The scan itself works: it finds the operations of the three modules that log.
        Assert.Contains("ListerNotesEleve", journalisees);
        Assert.Contains("ListerAbsencesEleve", journalisees);
        Assert.Contains("ListerEnvoisEleve", journalisees);
        Assert.True(journalisees.Count >= 30, $"{journalisees.Count} operations found");
        Assert.DoesNotContain(journalisees, q => !LibellesAcces.Operations.ContainsKey(q));
        // And the table names nothing that is not logged any more (a « …Confidentiel » name is its operation's, for a
        // pupil's own confidential report: ReglesSignalement.Operation).
        Assert.DoesNotContain(LibellesAcces.Operations.Keys, q => !journalisees.Contains(q)
            && !(q.EndsWith("Confidentiel", StringComparison.Ordinal) && journalisees.Contains(q[..^"Confidentiel".Length])));
        Assert.All(LibellesAcces.ReserveesALEleve, q => Assert.True(LibellesAcces.Operations.ContainsKey(q), q));
    }

    // journal.NoterAsync(…, "Quoi", ct) — the operation name is the last string literal of the call.
    [GeneratedRegex("""journal\s*\.NoterAsync\((?<arguments>[^;]*?),\s*ct\)""", RegexOptions.Singleline)]
    private static partial Regex AppelJournal();

    [GeneratedRegex(@"""(?<quoi>[A-Z][A-Za-z]+)""")]
    private static partial Regex NomOperation();

    [Theory]
    [InlineData("enseignant", null, new[] { "Mathématiques" }, "professeur·e de mathématiques")]
    [InlineData("enseignant", null, new[] { "Histoire-Géographie", "SVT" }, "professeur·e d'histoire-géographie et de SVT")]
    [InlineData("enseignant", null, new string[0], "professeur·e")]
    [InlineData("responsable", "mere", new string[0], "sa mère")]
    [InlineData("responsable", "autre", new string[0], "responsable légal·e")]
    [InlineData("secretariat", null, new string[0], "secrétariat")]
    [InlineData("autre", null, new string[0], "une personne extérieure à l'établissement")]
    public void Roles_read_as_french(string qualite, string? lien, string[] matieres, string attendu) =>
        Assert.Equal(attendu, LibellesAcces.Role(qualite, lien, matieres));

    [Fact]
    public void An_unknown_operation_reads_as_a_generic_french_phrase()
    {
        Assert.Equal("a consulté des données de l'élève", LibellesAcces.Operation("ListerQuelqueChose", "lecture"));
        Assert.Equal("a modifié des données de l'élève", LibellesAcces.Operation("ModifierQuelqueChose", "modification"));
    }
}
