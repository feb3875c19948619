using System.Net;
using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests;

/// <summary>
/// The demo's previous school year (on outside tests, turned on here): the host started with its clock pinned on the
/// first and last days of a school year and in its middle, on a fresh database each. A family of a Première pupil has
/// two years to choose from, last year's grades, published report cards and dealt-with absences; a Seconde pupil (from
/// collège) has one; this year is as the demo always made it.
/// </summary>
public sealed class AnneesDemoTests
{
    private sealed class HorlogeFixe(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    private sealed class EntAppAvecAnneePrecedente(DateTimeOffset instant) : EntApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Ent:DemoAnneePrecedente", "true");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new HorlogeFixe(instant)));
        }
    }

    private sealed record AnneeJson(string Annee, bool Courante, string Classe);

    private sealed record PeriodeJson(Guid Id, string Libelle, bool BulletinPublie);

    private sealed record NoteJson(Guid EvaluationId);

    private sealed record MatiereJson(string MatiereCode, decimal? Moyenne, string? Appreciation, NoteJson[] Notes);

    private sealed record NotesJson(string Classe, string AnneeScolaire, PeriodeJson[] Periodes, PeriodeJson? Periode, MatiereJson[] Matieres);

    private sealed record AbsenceJson(Guid Id, DateTimeOffset Debut, string Statut, bool Justifiable);

    private sealed record AbsencesJson(string AnneeScolaire, int AJustifier, AbsenceJson[] Absences);

    private static async Task<T> LireAsync<T>(HttpClient client, string route)
    {
        var reponse = await client.GetAsync(route);
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, $"{route}: {(int)reponse.StatusCode} {await reponse.Content.ReadAsStringAsync()}");
        return await reponse.ReadAsync<T>();
    }

    /// <summary>A legal guardian (login) of a pupil of this year's class, and the pupil.</summary>
    private static async Task<(string Parent, Guid Eleve)> FamilleAsync(EntApp app, string classe, string annee)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.QuerySingleAsync<(string, Guid)>("""
            SELECT k.identifiant, i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id AND l.legal JOIN identite.compte k ON k.personne_id = l.responsable_id
            WHERE c.code = @classe AND c.annee_scolaire = @annee ORDER BY k.identifiant LIMIT 1
            """, new { classe, annee });
    }

    [Theory]
    [InlineData("2026-09-01T06:30:00Z", "2026-2027", "2025-2026")] // the year's first day: last year is just over
    [InlineData("2027-01-15T10:00:00Z", "2026-2027", "2025-2026")]
    [InlineData("2027-08-31T10:00:00Z", "2026-2027", "2025-2026")] // the year's last day
    public async Task A_premiere_pupils_family_reads_last_year_and_a_seconde_pupils_has_one_year(string quand, string courante, string precedente)
    {
        await using var app = new EntAppAvecAnneePrecedente(DateTimeOffset.Parse(quand, System.Globalization.CultureInfo.InvariantCulture));
        await app.InitializeAsync();

        var (parent, eleve) = await FamilleAsync(app, "1G1", courante);
        var client = app.ClientConnecte(parent);
        Assert.Equal([new(courante, true, "Première générale 1"), new(precedente, false, "Seconde 3")],
            await LireAsync<AnneeJson[]>(client, $"/api/scolarite/eleves/{eleve}/annees"));

        // Last year: three trimesters, all published; the family opens on the third, with four subjects graded and appraised.
        var notes = await LireAsync<NotesJson>(client, $"/api/scolarite/eleves/{eleve}/notes?annee={precedente}");
        Assert.Equal(("Seconde 3", precedente), (notes.Classe, notes.AnneeScolaire));
        Assert.Equal([true, true, true], notes.Periodes.Select(p => p.BulletinPublie));
        Assert.Equal(notes.Periodes[^1].Id, notes.Periode!.Id);
        Assert.Equal(4, notes.Matieres.Length);
        Assert.All(notes.Matieres, m => Assert.True(m.Notes.Length == 3 && m.Moyenne is not null && m.Appreciation is not null, m.MatiereCode));
        foreach (var periode in notes.Periodes)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/scolarite/eleves/{eleve}/bulletins/{periode.Id}")).StatusCode);
        }

        // Last year's absences are dealt with and inside that year; this year's list holds none of them.
        var absences = await LireAsync<AbsencesJson>(client, $"/api/viescolaire/eleves/{eleve}/absences?annee={precedente}");
        Assert.NotEmpty(absences.Absences);
        Assert.Equal(0, absences.AJustifier);
        var debut = new DateTimeOffset(int.Parse(precedente[..4], System.Globalization.CultureInfo.InvariantCulture), 9, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.All(absences.Absences, a => Assert.True(a.Statut == "justifiee" && a.Debut > debut && a.Debut < debut.AddMonths(10), $"{a.Debut} {a.Statut}"));
        var cetteAnnee = await LireAsync<AbsencesJson>(client, $"/api/viescolaire/eleves/{eleve}/absences");
        Assert.DoesNotContain(cetteAnnee.Absences, a => absences.Absences.Any(p => p.Id == a.Id));

        // This year is the demo's as always: the current period has grades.
        var courantes = await LireAsync<NotesJson>(client, $"/api/scolarite/eleves/{eleve}/notes");
        Assert.Equal(("Première générale 1", courante), (courantes.Classe, courantes.AnneeScolaire));
        Assert.Contains(courantes.Matieres, m => m.Notes.Length > 0);

        // A Seconde pupil came from collège: one year, no selector.
        var (parentSeconde, eleveSeconde) = await FamilleAsync(app, "2NDE1", courante);
        Assert.Single(await LireAsync<AnneeJson[]>(app.ClientConnecte(parentSeconde), $"/api/scolarite/eleves/{eleveSeconde}/annees"));
    }
}
