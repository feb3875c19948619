using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ent.Testing;

namespace Ent.VieScolaire.Tests;

/// <summary>
/// The vie scolaire desk's work over HTTP: recording an absence on a parent's phone call, the dashboard's figures with the
/// pupils behind them, and reminding a teacher of a roll call not taken. Dates are read from the clock and chosen so that
/// any day of the year works (a Monday of a past week, yesterday and tomorrow).
/// </summary>
public sealed class BureauVieScolaireTests(EntApp app) : IClassFixture<EntApp>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateOnly Aujourdhui => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);

    private static string Jour(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset A(DateOnly jour, int heure)
    {
        var local = jour.ToDateTime(new TimeOnly(heure, 0));
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    /// <summary>The Monday of the week before last: in the past, within the year the endpoint accepts, never a Sunday.</summary>
    private static DateOnly LundiPasse => Aujourdhui.AddDays(-14 - ((int)Aujourdhui.DayOfWeek + 6) % 7);

    private static async Task<string[]> ErreursAsync(HttpResponseMessage reponse)
    {
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        return [.. (await reponse.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key)];
    }

    [Fact]
    public async Task The_desk_records_a_parents_phone_call_over_two_days_as_one_absence_per_half_day_with_who_called_and_how()
    {
        var cpe = app.ClientConnecte("cpe");
        var eleve = await app.PersonneAsync("eleve.031");
        var lundi = LundiPasse;

        var reponse = await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences", new
        {
            type = "absence", debut = A(lundi, 8), fin = A(lundi.AddDays(1), 17), signaleePar = "Mme Durand, mère", moyen = "telephone",
            commentaire = "Grippe, appel à 8 h 05",
        });

        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var creee = await reponse.ReadJsonAsync();
        Assert.Equal("non_justifiee", (string?)creee["statut"]);
        var ids = creee["absenceIds"]!.AsArray().Select(i => (string)i!).ToArray();
        Assert.Equal(4, ids.Length);
        Assert.Equal(ids[0], (string?)creee["id"]);

        // The family and the desk read the four half-days, each saying on whose word and how.
        var absences = (await (await app.ClientConnecte(await app.ResponsableAsync(eleve)).GetAsync($"/api/viescolaire/eleves/{eleve}/absences"))
            .ReadJsonAsync())["absences"]!.AsArray().Where(a => ids.Contains((string)a!["id"]!)).ToList();
        Assert.Equal(["apres_midi", "apres_midi", "matin", "matin"], absences.Select(a => (string)a!["demiJournee"]!).Order().ToArray());
        Assert.All(absences, a => Assert.Equal(("Mme Durand, mère", "telephone"), ((string?)a!["signaleePar"], (string?)a["moyen"])));

        // A lateness stays in one half-day; the means is one of four; 14 days at most; a Sunday alone counts nothing.
        Assert.Equal(["fin"], await ErreursAsync(await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "retard", debut = A(lundi, 11), fin = A(lundi, 14), minutesRetard = 10 })));
        Assert.Equal(["moyen"], await ErreursAsync(await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "absence", debut = A(lundi, 8), fin = A(lundi, 9), moyen = "pigeon" })));
        Assert.Equal(["fin"], await ErreursAsync(await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "absence", debut = A(lundi.AddDays(-20), 8), fin = A(lundi, 9) })));
        Assert.Equal(["fin"], await ErreursAsync(await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "absence", debut = A(lundi.AddDays(-1), 8), fin = A(lundi.AddDays(-1), 17) })));

        // Only the desk records: a teacher of the class and the pupil's own parent get 404.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "absence", debut = A(lundi, 8), fin = A(lundi, 9) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(await app.ResponsableAsync(eleve)).PostAsJsonAsync(
            $"/api/viescolaire/eleves/{eleve}/absences", new { type = "absence", debut = A(lundi, 8), fin = A(lundi, 9) })).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_names_the_pupils_behind_its_unjustified_figures()
    {
        var cpe = app.ClientConnecte("cpe");
        var eleve = await app.PersonneAsync("eleve.032");
        var lundi = LundiPasse;
        Assert.Equal(HttpStatusCode.Created, (await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "absence", debut = A(lundi, 8), fin = A(lundi, 17), signaleePar = "M. Petit, père", moyen = "accueil" })).StatusCode);

        var tableau = await (await cpe.GetAsync($"/api/viescolaire/etablissements/0750000A/tableau-de-bord?date={Jour(lundi)}")).ReadJsonAsync();

        var detail = tableau["detailNonJustifiees"]!.AsArray();
        Assert.Equal((int)tableau["elevesNonJustifies"]!, detail.Count);
        Assert.Equal((int)tableau["absencesNonJustifiees"]!, detail.Sum(d => (int)d!["absences"]!));
        var ligne = detail.Single(d => (string?)d!["eleveId"] == eleve.ToString())!;
        Assert.True((int)ligne["absences"]! >= 2);
        Assert.Equal(await app.ScalarAsync<string>("SELECT nom FROM identite.personne WHERE id = @eleve", new { eleve }), (string?)ligne["nom"]);
        Assert.False(string.IsNullOrEmpty((string?)ligne["classe"]));
        var comptes = detail.Select(d => (int)d!["absences"]!).ToArray();
        Assert.Equal(comptes.OrderDescending(), comptes);
    }

    [Fact]
    public async Task The_desk_reminds_a_teacher_of_a_roll_call_not_taken_once_and_the_list_shows_who_reminded_and_when()
    {
        // prof.01's French in 2NDE1 gets a lesson yesterday at 07:13 (started, not taken) and tomorrow at 07:13 (to come).
        var service = await app.ServiceAsync("prof.01", "2NDE1", "FRANCAIS");
        var (hier, demain) = (Aujourdhui.AddDays(-1), Aujourdhui.AddDays(1));
        foreach (var jour in new[] { hier, demain })
        {
            await app.ScalarAsync<int>("""
                INSERT INTO scolarite.creneau (id, etablissement_id, service_id, jour, debut, fin, salle, valide_du, valide_au)
                SELECT gen_random_uuid(), id, @service, @iso, '07:13', '07:58', 'B12', @jour, @jour FROM identite.etablissement WHERE uai = '0750000A'
                RETURNING 1
                """, new { service, iso = jour.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)jour.DayOfWeek, jour });
        }

        var debut = A(hier, 7).AddMinutes(13);
        var cpe = app.ClientConnecte("cpe");
        var route = $"/api/viescolaire/etablissements/0750000A/appels-non-faits/{service}/relance";
        JsonNode Lecon(JsonNode liste) => liste.AsArray().Single(a => (string?)a!["serviceId"] == service.ToString()
                                                                 && DateTimeOffset.Parse((string)a["debut"]!, System.Globalization.CultureInfo.InvariantCulture) == debut)!;
        var avant = Lecon(await (await cpe.GetAsync($"/api/viescolaire/etablissements/0750000A/appels-non-faits?date={Jour(hier)}")).ReadJsonAsync());
        Assert.Equal("Français", (string?)avant["matiere"]);
        Assert.Equal("Seconde 1", (string?)avant["classe"]);
        Assert.Equal((await app.PersonneAsync("prof.01")).ToString(), (string?)avant["enseignantId"]);
        Assert.False(string.IsNullOrEmpty((string?)avant["enseignant"]));
        Assert.Null(avant["relance"]);

        var premiere = await (await cpe.PostAsJsonAsync(route, new { debut })).ReadJsonAsync();
        Assert.False((bool)premiere["dejaRelance"]!);
        Assert.Equal("Karim Benali", (string?)premiere["par"]);
        var seconde = await app.ClientConnecte("direction").PostAsJsonAsync(route, new { debut });
        Assert.Equal(HttpStatusCode.OK, seconde.StatusCode);
        var deja = await seconde.ReadJsonAsync();
        Assert.True((bool)deja["dejaRelance"]!);
        Assert.Equal(("Karim Benali", (string?)premiere["le"]), ((string?)deja["par"], (string?)deja["le"]));

        // One in-app notification for the teacher, whatever the number of requests; the list shows the reminder.
        Assert.Equal(1, await app.ScalarAsync<int>("""
            SELECT count(*)::int FROM communication.message_sortant
            WHERE personne_id = @prof AND categorie = 'relance_appel' AND canal = 'application' AND texte LIKE '%Français — Seconde 1%'
            """, new { prof = await app.PersonneAsync("prof.01") }));
        var apres = Lecon(await (await cpe.GetAsync($"/api/viescolaire/etablissements/0750000A/appels-non-faits?date={Jour(hier)}")).ReadJsonAsync());
        Assert.Equal(("Karim Benali", (string?)premiere["le"]), ((string?)apres["relance"]!["par"], (string?)apres["relance"]!["le"]));

        // A lesson to come is refused (409); an unknown start is 404; a teacher, a parent or a malformed body are refused.
        Assert.Equal(HttpStatusCode.Conflict, (await cpe.PostAsJsonAsync(route, new { debut = A(demain, 7).AddMinutes(13) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cpe.PostAsJsonAsync(route, new { debut = debut.AddMinutes(1) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PostAsJsonAsync(route, new { debut })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("parent.001").PostAsJsonAsync(route, new { debut })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cpe.PostAsJsonAsync(route, new { })).StatusCode);
    }
}
