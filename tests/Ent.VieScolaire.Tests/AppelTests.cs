using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.VieScolaire.Tests;

/// <summary>
/// The roll call over HTTP with real tokens: prof.01 teaches French in 2NDE1. Each test takes its own lesson (its own
/// start time today), so that tests do not see each other's absences. The host's SMS gateway is not configured here:
/// SMS wait in the outbox, where the tests read them; in-app messages are delivered by the worker.
/// </summary>
public sealed class AppelTests(EntApp app) : IClassFixture<EntApp>
{
    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>A lesson that started today (Paris time) a little before now, distinct per test.</summary>
    private static DateTimeOffset DebutDuJour(int minutes)
    {
        // Whole seconds: the database keeps microseconds, the clock ticks.
        var maintenant = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()), Paris);
        var debut = maintenant.AddMinutes(-minutes);
        // Before midnight the lesson would fall yesterday: keep it today, just after midnight.
        return debut.Date == maintenant.Date ? debut : new DateTimeOffset(maintenant.Date, maintenant.Offset).AddSeconds(minutes);
    }

    private async Task<(HttpClient Prof, Guid Service, Guid[] Eleves)> CoursAsync()
    {
        var prof = app.ClientConnecte("prof.01");
        var service = await app.ServiceAsync("prof.01", "2NDE1", "FRANCAIS");
        var feuille = await (await prof.GetAsync($"/api/viescolaire/services/{service}/appel?debut={Uri.EscapeDataString(DebutDuJour(1).ToString("O"))}"))
            .ReadJsonAsync();
        return (prof, service, feuille["eleves"]!.AsArray().Select(e => Guid.Parse((string)e!["eleveId"]!)).ToArray());
    }

    private static object Appel(DateTimeOffset debut, params object[] eleves) => new { debut, fin = debut.AddMinutes(55), eleves };

    private async Task<List<(string Canal, string? Adresse, string Texte, string Statut, Guid? PersonneId)>> MessagesAsync(Guid eleveId)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<(string, string?, string, string, Guid?)>(
            "SELECT canal, adresse, texte, statut, personne_id FROM communication.message_sortant WHERE eleve_id = @eleveId AND categorie = 'absence' ORDER BY cree_le",
            new { eleveId })).AsList();
    }

    [Fact]
    public async Task A_teacher_marks_absent_late_and_excluded_pupils_in_one_request_and_each_family_is_notified_once()
    {
        var (prof, service, eleves) = await CoursAsync();
        Assert.True(eleves.Length >= 30);
        var debut = DebutDuJour(50);
        var appel = Appel(debut,
            new { eleveId = eleves[0], etat = "absent" },
            new { eleveId = eleves[1], etat = "retard", minutesRetard = 12 },
            new { eleveId = eleves[2], etat = "exclu" });

        var reponse = await prof.PutAsJsonAsync($"/api/viescolaire/services/{service}/appel", appel);

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var feuille = await reponse.ReadJsonAsync();
        Assert.True((bool)feuille["fait"]!);
        var etats = feuille["eleves"]!.AsArray().ToDictionary(e => Guid.Parse((string)e!["eleveId"]!), e => (string)e!["etat"]!);
        Assert.Equal(("absent", "retard", "exclu", "present"), (etats[eleves[0]], etats[eleves[1]], etats[eleves[2]], etats[eleves[3]]));

        // The absent pupil's guardians: one SMS and one in-app message each, naming the child, the lesson and the time.
        var eleve = await app.ScalarAsync<string>("SELECT prenom || ' ' || nom FROM identite.personne WHERE id = @id", new { id = eleves[0] });
        var responsables = await app.ScalarAsync<int>(
            "SELECT count(*)::int FROM identite.lien_responsable WHERE eleve_id = @id AND recoit_notifications", new { id = eleves[0] });
        var messages = await MessagesAsync(eleves[0]);
        Assert.Equal(responsables, messages.Count(m => m.Canal == "sms"));
        Assert.Equal(responsables, messages.Count(m => m.Canal == "application"));
        var sms = messages.First(m => m.Canal == "sms");
        var absence = await app.ScalarAsync<Guid>("SELECT id FROM viescolaire.absence WHERE eleve_id = @id", new { id = eleves[0] });
        var heure = TimeZoneInfo.ConvertTime(debut, Paris);
        Assert.Matches(@"^\+33[67][0-9]{8}$", sms.Adresse);
        Assert.Equal($"Absence de {eleve} en Français — Seconde 1 le {heure:dd/MM} à {heure.Hour}h{heure:mm}. Justifier : http://localhost/absences?eleve={eleves[0]}&absence={absence}", sms.Texte);
        Assert.Contains(await MessagesAsync(eleves[1]), m => m.Canal == "sms" && m.Texte.StartsWith("Retard de 12 min de ", StringComparison.Ordinal));
        Assert.Empty(await MessagesAsync(eleves[2]));

        // The same request again (a retry) changes nothing and sends nothing more.
        var encore = await prof.PutAsJsonAsync($"/api/viescolaire/services/{service}/appel", appel);
        Assert.Equal(HttpStatusCode.OK, encore.StatusCode);
        Assert.Equal(messages.Count, (await MessagesAsync(eleves[0])).Count);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*)::int FROM viescolaire.absence WHERE eleve_id = @id AND debut = @debut",
            new { id = eleves[0], debut = debut.ToUniversalTime() }));

        // The family sees the absence, to justify.
        var parent = app.ClientConnecte(await app.ResponsableAsync(eleves[0]));
        var lues = await parent.GetAsync($"/api/viescolaire/eleves/{eleves[0]}/absences");
        Assert.True(lues.IsSuccessStatusCode, await lues.Content.ReadAsStringAsync());
        var absences = await lues.ReadJsonAsync();
        var vue = absences["absences"]!.AsArray().Single(a => DateTimeOffset.Parse((string)a!["debut"]!, System.Globalization.CultureInfo.InvariantCulture) == debut)!;
        Assert.Equal(("absence", "non_justifiee", true, "Français — Seconde 1"),
            ((string)vue["type"]!, (string)vue["statut"]!, (bool)vue["justifiable"]!, (string)vue["cours"]!));
    }

    [Fact]
    public async Task A_correction_to_present_cancels_the_absence_withdraws_what_has_not_left_and_keeps_the_history()
    {
        var (prof, service, eleves) = await CoursAsync();
        var debut = DebutDuJour(110);
        var route = $"/api/viescolaire/services/{service}/appel";
        Assert.Equal(HttpStatusCode.OK, (await prof.PutAsJsonAsync(route, Appel(debut, new { eleveId = eleves[5], etat = "absent" }))).StatusCode);
        Assert.Contains(await MessagesAsync(eleves[5]), m => m.Canal == "sms" && m.Statut == "en_attente");

        Assert.Equal(HttpStatusCode.OK, (await prof.PutAsJsonAsync(route, Appel(debut))).StatusCode);

        Assert.All((await MessagesAsync(eleves[5])).Where(m => m.Canal == "sms"), m => Assert.Equal("annule", m.Statut));
        Assert.Equal(0, await app.ScalarAsync<int>(
            "SELECT count(*)::int FROM viescolaire.absence WHERE eleve_id = @id AND debut = @debut AND annulee_le IS NULL", new { id = eleves[5], debut = debut.ToUniversalTime() }));
        var historique = await app.ScalarAsync<string>("""
            SELECT string_agg(coalesce(h.etat_avant, '∅') || '→' || h.etat, ',' ORDER BY h.id) FROM viescolaire.appel_historique h
            JOIN viescolaire.appel a ON a.id = h.appel_id WHERE a.service_id = @service AND a.debut = @debut AND h.eleve_id = @eleve
            """, new { service, debut = debut.ToUniversalTime(), eleve = eleves[5] });
        Assert.Equal("∅→absent,absent→present", historique);
        var parent = app.ClientConnecte(await app.ResponsableAsync(eleves[5]));
        var absences = await (await parent.GetAsync($"/api/viescolaire/eleves/{eleves[5]}/absences")).ReadJsonAsync();
        Assert.DoesNotContain(absences["absences"]!.AsArray(),
            a => DateTimeOffset.Parse((string)a!["debut"]!, System.Globalization.CultureInfo.InvariantCulture) == debut);

        // Absent again: a new announcement, to be delivered.
        Assert.Equal(HttpStatusCode.OK, (await prof.PutAsJsonAsync(route, Appel(debut, new { eleveId = eleves[5], etat = "retard", minutesRetard = 5 }))).StatusCode);
        Assert.Contains(await MessagesAsync(eleves[5]), m => m.Canal == "sms" && m.Statut == "en_attente" && m.Texte.StartsWith("Retard de 5 min", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_lines_are_named_and_nothing_is_written()
    {
        var (prof, service, eleves) = await CoursAsync();
        var debut = DebutDuJour(170);
        var etranger = await app.PersonneAsync("eleve.120");
        var reponse = await prof.PutAsJsonAsync($"/api/viescolaire/services/{service}/appel", Appel(debut,
            new { eleveId = eleves[0], etat = "absent" },
            new { eleveId = etranger, etat = "absent" },
            new { eleveId = eleves[1], etat = "retard" },
            new { eleveId = eleves[2], etat = "endormi" }));

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var erreurs = (await reponse.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order().ToArray();
        Assert.Equal(["eleves[1].eleveId", "eleves[2].minutesRetard", "eleves[3].etat"], erreurs);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*)::int FROM viescolaire.appel WHERE service_id = @service AND debut = @debut",
            new { service, debut = debut.ToUniversalTime() }));

        var futur = await prof.PutAsJsonAsync($"/api/viescolaire/services/{service}/appel", Appel(DateTimeOffset.UtcNow.AddHours(2)));
        Assert.Equal(HttpStatusCode.BadRequest, futur.StatusCode);
        Assert.Contains("debut", (await futur.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Only_the_lessons_teacher_and_the_vie_scolaire_desk_take_its_roll_call_and_a_teacher_cannot_correct_a_past_day()
    {
        var service = await app.ServiceAsync("prof.01", "2NDE1", "FRANCAIS");
        var debut = DebutDuJour(230);
        var route = $"/api/viescolaire/services/{service}/appel";
        foreach (var autre in new[] { "prof.02", "eleve.001", "parent.001", "infirmerie" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(autre).PutAsJsonAsync(route, Appel(debut))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(autre).GetAsync($"{route}?debut={Uri.EscapeDataString(debut.ToString("O"))}")).StatusCode);
        }

        var hier = DebutDuJour(1).AddDays(-1);
        var prof = await app.ClientConnecte("prof.01").PutAsJsonAsync(route, Appel(hier));
        Assert.Equal(HttpStatusCode.Conflict, prof.StatusCode);
        Assert.Equal("urn:ent:probleme:conflit", (string?)(await prof.ReadJsonAsync())["type"]);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("cpe").PutAsJsonAsync(route, Appel(hier))).StatusCode);
    }

    [Fact]
    public async Task The_teachers_day_lists_timetabled_lessons_in_order_and_the_desk_sees_roll_calls_not_taken()
    {
        // The Monday of last week: a school day with the demo timetable (valid from 1 September), in the past. In the
        // first fortnight of September that Monday is last school year's: the first weekday of this one instead, which
        // may be today or ahead (CI runs any day of the year); only a past day has roll calls overdue.
        var aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        var rentree = new DateOnly(aujourdhui.Month >= 9 ? aujourdhui.Year : aujourdhui.Year - 1, 9, 1);
        var lundi = aujourdhui.AddDays(-7 - ((int)aujourdhui.DayOfWeek + 6) % 7);
        if (lundi < rentree)
        {
            lundi = rentree.DayOfWeek switch { DayOfWeek.Saturday => rentree.AddDays(2), DayOfWeek.Sunday => rentree.AddDays(1), _ => rentree };
        }

        var passe = lundi < aujourdhui;
        var jour = await (await app.ClientConnecte("prof.01").GetAsync($"/api/viescolaire/me/cours?date={lundi:yyyy-MM-dd}")).ReadJsonAsync();
        var debuts = jour["cours"]!.AsArray().Select(c => DateTimeOffset.Parse((string)c!["debut"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(debuts);
        Assert.Equal(debuts.Order(), debuts);
        Assert.Contains(jour["services"]!.AsArray(), s => (string)s!["cours"]! == "Français — Seconde 1");

        var nonFaits = await app.ClientConnecte("cpe").GetAsync($"/api/viescolaire/etablissements/0750000A/appels-non-faits?date={lundi:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, nonFaits.StatusCode);
        var liste = (await nonFaits.ReadJsonAsync()).AsArray();
        if (passe)
        {
            Assert.True(liste.Count >= debuts.Count, $"{liste.Count} roll calls not taken");
        }

        Assert.All(liste, l => Assert.False(string.IsNullOrEmpty((string?)l!["enseignant"])));
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.ClientConnecte("prof.01").GetAsync($"/api/viescolaire/etablissements/0750000A/appels-non-faits?date={lundi:yyyy-MM-dd}")).StatusCode);
    }

    [Fact]
    public async Task The_desk_records_absences_and_the_dashboard_flags_four_unjustified_half_days_in_a_month()
    {
        var cpe = app.ClientConnecte("cpe");
        var eleve = await app.PersonneAsync("eleve.030");
        var aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        var debutMois = new DateOnly(aujourdhui.Year, aujourdhui.Month, 1);
        DateTimeOffset A(int jour, int heure)
        {
            var local = debutMois.AddDays(jour).ToDateTime(new TimeOnly(heure, 0));
            return new DateTimeOffset(local, Paris.GetUtcOffset(local));
        }

        // Two days, morning and afternoon each: four half-days; a second morning absence does not count twice.
        foreach (var debut in new[] { A(0, 8), A(0, 10), A(0, 14), A(1, 9), A(1, 15) })
        {
            var r = await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
                new { type = "absence", debut, fin = debut.AddMinutes(55), commentaire = "Appel de la famille" });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            Assert.Equal("non_justifiee", (string?)(await r.ReadJsonAsync())["statut"]);
        }

        var justifiee = await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "absence", debut = A(2, 8), fin = A(2, 9), motif = "maladie" });
        Assert.Equal("justifiee", (string?)(await justifiee.ReadJsonAsync())["statut"]);

        var tableau = await (await cpe.GetAsync($"/api/viescolaire/etablissements/0750000A/tableau-de-bord?date={debutMois:yyyy-MM-dd}")).ReadJsonAsync();
        Assert.Equal(4, (int)tableau["seuil"]!);
        var signale = tableau["elevesAuDessusDuSeuil"]!.AsArray().Single(e => (string)e!["eleveId"]! == eleve.ToString())!;
        Assert.Equal(4, (int)signale["demiJournees"]!);
        Assert.False(string.IsNullOrEmpty((string?)signale["classe"]));
        Assert.Equal(3, tableau["absencesDuJour"]!.AsArray().Count(a => (string)a!["eleveId"]! == eleve.ToString()));

        // An unknown reason is refused (the period, over two half-days, is allowed: one absence each).
        var bad = await cpe.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "absence", debut = A(3, 11), fin = A(3, 14), motif = "inconnu" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["motif"], (await bad.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order().ToArray());

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PostAsJsonAsync($"/api/viescolaire/eleves/{eleve}/absences",
            new { type = "absence", debut = A(3, 8), fin = A(3, 9) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.ClientConnecte("prof.01").GetAsync("/api/viescolaire/etablissements/0750000A/tableau-de-bord")).StatusCode);
    }
}
