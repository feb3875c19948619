using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Scolarite.Agenda;
using Ent.Testing;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests;

/// <summary>
/// The demo on Wednesday 25 November 2026 at 11:00, Paris time (the clock then runs on), with a timetable of its own:
/// eleve.001's class has maths on Mondays 8:00–9:00 and another subject on Wednesdays 10:00–11:00; another class has a
/// lesson on Tuesdays. The lesson of Monday 30 November is cancelled, that of Wednesday 2 December moved to Thursday
/// 3 December 14:00–15:00.
/// </summary>
public sealed class FluxIcalApp : EntApp
{
    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    // Every test of the class reads from the same (absent) address: no rate limit in the way here (tested apart).
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { [LimiteFluxIcal.Cle] = "100000" };

    public Guid Eleve { get; private set; }
    public Guid AutreEleve { get; private set; }
    public string Responsable { get; private set; } = string.Empty;
    public string Enseignant { get; private set; } = string.Empty;
    public Guid ServiceLundi { get; private set; }
    public Guid ServiceMercredi { get; private set; }
    public Guid ServiceAutreClasse { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero))));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Eleve = await conn.ExecuteScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'eleve.001'");
        var classe = await conn.ExecuteScalarAsync<Guid>("SELECT classe_id FROM scolarite.inscription_classe WHERE eleve_id = @Eleve", new { Eleve });
        Responsable = await conn.ExecuteScalarAsync<string>("""
            SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
            WHERE l.eleve_id = @Eleve AND l.legal ORDER BY k.identifiant LIMIT 1
            """, new { Eleve }) ?? throw new InvalidOperationException("eleve.001 sans responsable");
        var services = (await conn.QueryAsync<Guid>(
            "SELECT id FROM scolarite.service_enseignement WHERE classe_id = @classe ORDER BY matiere_code, id LIMIT 2", new { classe })).ToArray();
        (ServiceLundi, ServiceMercredi) = (services[0], services[1]);
        Enseignant = await conn.ExecuteScalarAsync<string>("""
            SELECT k.identifiant FROM scolarite.service_enseignement s JOIN identite.compte k ON k.personne_id = s.enseignant_id WHERE s.id = @ServiceLundi
            """, new { ServiceLundi }) ?? throw new InvalidOperationException();
        AutreEleve = await conn.ExecuteScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i WHERE i.classe_id <> @classe
              AND NOT EXISTS (SELECT 1 FROM scolarite.inscription_classe j WHERE j.eleve_id = i.eleve_id AND j.classe_id = @classe)
            ORDER BY i.eleve_id LIMIT 1
            """, new { classe });
        ServiceAutreClasse = await conn.ExecuteScalarAsync<Guid>("""
            SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id
            WHERE i.eleve_id = @AutreEleve ORDER BY s.id LIMIT 1
            """, new { AutreEleve });

        // A timetable of the test's own, whatever the demo holds.
        await conn.ExecuteAsync("DELETE FROM scolarite.modification_cours; DELETE FROM scolarite.creneau;");
        const string creneau = """
            INSERT INTO scolarite.creneau (id, etablissement_id, service_id, jour, debut, fin, salle, valide_du, valide_au)
            SELECT gen_random_uuid(), c.etablissement_id, s.id, @jour, @debut::time, @fin::time, @salle, '2026-09-01', '2027-08-31'
            FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id WHERE s.id = @service
            """;
        await conn.ExecuteAsync(creneau, new { service = ServiceLundi, jour = 1, debut = "08:00", fin = "09:00", salle = "B12" });
        await conn.ExecuteAsync(creneau, new { service = ServiceMercredi, jour = 3, debut = "10:00", fin = "11:00", salle = "C04" });
        await conn.ExecuteAsync(creneau, new { service = ServiceAutreClasse, jour = 2, debut = "09:00", fin = "10:00", salle = "A01" });
        const string modification = """
            INSERT INTO scolarite.modification_cours (id, etablissement_id, service_id, nature, debut_prevu, debut, fin, salle, motif, saisi_par, saisi_le)
            SELECT gen_random_uuid(), c.etablissement_id, s.id, @nature, @prevu, @debut, @fin, @salle, @motif, s.enseignant_id, now()
            FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id WHERE s.id = @service
            """;
        await conn.ExecuteAsync(modification, new
        {
            service = ServiceLundi, nature = "annule", prevu = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero),
            debut = (DateTimeOffset?)null, fin = (DateTimeOffset?)null, salle = (string?)null, motif = "Professeur absent",
        });
        await conn.ExecuteAsync(modification, new
        {
            service = ServiceMercredi, nature = "deplace", prevu = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero),
            debut = (DateTimeOffset?)new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero),
            fin = (DateTimeOffset?)new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.Zero), salle = (string?)"D01", motif = (string?)null,
        });
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, parametres))!;
    }

    public async Task ExecuterAsync(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parametres);
    }
}

/// <summary>
/// iCal feeds: a person creates their private address (shown once), lists and revokes it; the public feed is read with
/// no session and parsed back with Ical.Net: the lessons of the coming weeks with their changes, stable UIDs, Paris
/// time; a guardian gets their child's lessons named by first name, never another family's; rights are those of now.
/// </summary>
public sealed partial class FluxIcalTests(FluxIcalApp app) : IClassFixture<FluxIcalApp>
{
    private const string Route = "/api/scolarite/moi/flux-ical";

    private sealed record FluxCree(Guid Id, string Usage, string Adresse, DateTimeOffset CreeLe, bool Remplace);

    private sealed record FluxInfo(Guid Id, string Usage, DateTimeOffset CreeLe, DateTimeOffset? DerniereLecture, DateTimeOffset? RevoqueLe);

    [GeneratedRegex(@"^http://localhost/ical/[A-Za-z0-9_-]{43}\.ics$")]
    private static partial Regex FormeAdresse();

    private async Task<FluxCree> CreerAsync(string qui)
    {
        var reponse = await app.ClientConnecte(qui).PostAsJsonAsync(Route, new { usage = "emploi-du-temps" });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return await reponse.ReadAsync<FluxCree>();
    }

    /// <summary>The feed as a calendar app reads it: no cookie, no token, just the address.</summary>
    private async Task<HttpResponseMessage> LireAsync(string adresse)
    {
        using var anonyme = app.CreateClient(new() { HandleCookies = false });
        return await anonyme.GetAsync(new Uri(adresse).PathAndQuery);
    }

    private async Task<Calendar> CalendrierAsync(string adresse)
    {
        var reponse = await LireAsync(adresse);
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return Calendar.Load(await reponse.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Flux illisible");
    }

    private static DateTime Local(CalendarEvent e) => e.DtStart!.Value;

    [Fact]
    public async Task Une_adresse_est_donnee_une_fois_listee_sans_elle_remplacee_puis_revoquee()
    {
        var premier = await CreerAsync("eleve.001");
        Assert.Matches(FormeAdresse(), premier.Adresse);
        Assert.False(premier.Remplace);
        var jeton = premier.Adresse[(premier.Adresse.LastIndexOf('/') + 1)..^4];

        var liste = await app.ClientConnecte("eleve.001").GetAsync(Route);
        Assert.Equal(HttpStatusCode.OK, liste.StatusCode);
        var texte = await liste.Content.ReadAsStringAsync();
        Assert.DoesNotContain(jeton, texte, StringComparison.Ordinal);
        Assert.Contains(await liste.ReadAsync<FluxInfo[]>(), f => f.Id == premier.Id && f.RevoqueLe is null);
        Assert.Equal(32, await app.ScalarAsync<int>("SELECT length(jeton_sha256) FROM scolarite.flux_ical WHERE id = @Id", new { premier.Id }));

        // One live feed per purpose: a second one replaces the first, whose address stops working.
        var second = await CreerAsync("eleve.001");
        Assert.True(second.Remplace);
        Assert.Equal(HttpStatusCode.NotFound, (await LireAsync(premier.Adresse)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LireAsync(second.Adresse)).StatusCode);
        var apres = await app.ClientConnecte("eleve.001").GetFromJsonAsync<FluxInfo[]>(Route, Http.Json) ?? [];
        Assert.NotNull(apres.Single(f => f.Id == premier.Id).RevoqueLe);
        Assert.NotNull(apres.Single(f => f.Id == second.Id).DerniereLecture);

        // Someone else cannot revoke it; its owner can, and then it answers 404.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("eleve.002").DeleteAsync($"{Route}/{second.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LireAsync(second.Adresse)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("eleve.001").DeleteAsync($"{Route}/{second.Id}")).StatusCode);
        var revoque = await LireAsync(second.Adresse);
        Assert.Equal(HttpStatusCode.NotFound, revoque.StatusCode);
        Assert.Empty(await revoque.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Un_usage_inconnu_est_refuse_et_un_jeton_inconnu_ne_donne_rien()
    {
        var refus = await app.ClientConnecte("eleve.001").PostAsJsonAsync(Route, new { usage = "notes" });
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Contains("usage", (await refus.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Route)).StatusCode);

        foreach (var adresse in new[] { "http://localhost/ical/" + new string('a', 43) + ".ics", "http://localhost/ical/court.ics" })
        {
            var reponse = await LireAsync(adresse);
            Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
            Assert.Empty(await reponse.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Le_flux_d_un_eleve_porte_ses_cours_avec_les_changements_en_heure_de_Paris()
    {
        var flux = await CreerAsync("eleve.001");
        var reponse = await LireAsync(flux.Adresse);
        Assert.Equal("text/calendar; charset=utf-8", reponse.Content.Headers.ContentType!.ToString());
        Assert.True(reponse.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: 900 });
        Assert.False(reponse.Headers.Contains("Set-Cookie"));

        using (var anonyme = app.CreateClient(new() { HandleCookies = false }))
        {
            var tete = await anonyme.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(flux.Adresse).PathAndQuery));
            Assert.Equal(HttpStatusCode.OK, tete.StatusCode);
        }

        var calendrier = Calendar.Load(await reponse.Content.ReadAsStringAsync())!;
        Assert.Contains(calendrier.TimeZones, z => z.TzId == "Europe/Paris");
        // 18 November – 30 December: six Mondays, seven Wednesdays (one moved to a Thursday); the other class's Tuesdays never.
        // (Homework, which another test of the class adds, aside.)
        var evenements = calendrier.Events.Where(e => e.Uid!.StartsWith("cours-", StringComparison.Ordinal)).ToList();
        Assert.Equal(13, evenements.Count);
        Assert.All(evenements, e => Assert.Equal("Europe/Paris", e.DtStart!.TzId));
        Assert.DoesNotContain(evenements, e => e.Uid!.Contains(app.ServiceAutreClasse.ToString("N"), StringComparison.Ordinal));

        var annule = Assert.Single(evenements, e => e.Status == "CANCELLED");
        Assert.Equal(new DateTime(2026, 11, 30, 8, 0, 0), Local(annule));
        Assert.StartsWith("Annulé — ", annule.Summary, StringComparison.Ordinal);
        Assert.Contains("Professeur absent", annule.Description, StringComparison.Ordinal);

        // The moved lesson: at its new time and room, under the UID of its timetabled start.
        var deplace = Assert.Single(evenements, e => Local(e) == new DateTime(2026, 12, 3, 14, 0, 0));
        Assert.Equal("D01", deplace.Location);
        Assert.Equal($"cours-{app.ServiceMercredi:N}-20261202T090000Z-{app.Eleve:N}@localhost", deplace.Uid);
        Assert.DoesNotContain(evenements, e => Local(e) == new DateTime(2026, 12, 2, 10, 0, 0));
        Assert.Equal(new DateTime(2026, 12, 3, 15, 0, 0), deplace.DtEnd!.Value);

        // A second read: the same events under the same UIDs, so that calendar apps update rather than duplicate.
        var encore = await CalendrierAsync(flux.Adresse);
        Assert.Equal(evenements.Select(e => e.Uid).Order(), encore.Events.Where(e => e.Uid!.StartsWith("cours-", StringComparison.Ordinal)).Select(e => e.Uid).Order());
        Assert.Equal(evenements.Count, evenements.Select(e => e.Uid).Distinct().Count());
    }

    [Fact]
    public async Task Un_responsable_voit_les_cours_de_son_enfant_par_son_prenom_tant_qu_il_en_a_le_droit()
    {
        var flux = await CreerAsync(app.Responsable);
        var prenom = await app.ScalarAsync<string>("SELECT prenom FROM identite.personne WHERE id = @Eleve", new { app.Eleve });
        var calendrier = await CalendrierAsync(flux.Adresse);
        var enfant = calendrier.Events.Where(e => e.Uid!.StartsWith("cours-", StringComparison.Ordinal) && e.Uid.Contains(app.Eleve.ToString("N"), StringComparison.Ordinal)).ToList();
        Assert.Equal(13, enfant.Count);
        Assert.All(enfant, e => Assert.Contains($"{prenom} · ", e.Summary, StringComparison.Ordinal));
        Assert.Contains(enfant, e => e.Summary!.StartsWith($"Annulé — {prenom} · ", StringComparison.Ordinal));
        Assert.DoesNotContain(calendrier.Events, e => e.Uid!.Contains(app.ServiceAutreClasse.ToString("N"), StringComparison.Ordinal)
            || e.Uid.Contains(app.AutreEleve.ToString("N"), StringComparison.Ordinal));

        // Parental authority withdrawn: the feed gives nothing any more (this guardian has no other profile here).
        var responsableId = await app.ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @Responsable", new { app.Responsable });
        await app.ExecuterAsync("UPDATE identite.lien_responsable SET legal = false WHERE responsable_id = @responsableId", new { responsableId });
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await LireAsync(flux.Adresse)).StatusCode);
        }
        finally
        {
            await app.ExecuterAsync("UPDATE identite.lien_responsable SET legal = true WHERE responsable_id = @responsableId", new { responsableId });
        }

        Assert.Equal(HttpStatusCode.OK, (await LireAsync(flux.Adresse)).StatusCode);
    }

    [Fact]
    public async Task Un_compte_desactive_ou_un_profil_retire_ne_lit_plus_son_flux()
    {
        var flux = await CreerAsync("eleve.001");
        await app.ExecuterAsync("UPDATE identite.compte SET etat = 'desactive' WHERE personne_id = @Eleve", new { app.Eleve });
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await LireAsync(flux.Adresse)).StatusCode);
        }
        finally
        {
            await app.ExecuterAsync("UPDATE identite.compte SET etat = 'actif' WHERE personne_id = @Eleve", new { app.Eleve });
        }

        await app.ExecuterAsync("UPDATE identite.rattachement SET retire_le = now() WHERE personne_id = @Eleve AND profil = 'eleve'", new { app.Eleve });
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await LireAsync(flux.Adresse)).StatusCode);
        }
        finally
        {
            await app.ExecuterAsync("UPDATE identite.rattachement SET retire_le = NULL WHERE personne_id = @Eleve AND profil = 'eleve'", new { app.Eleve });
        }

        Assert.Equal(HttpStatusCode.OK, (await LireAsync(flux.Adresse)).StatusCode);
    }

    [Fact]
    public async Task Un_enseignant_recoit_ses_cours()
    {
        var flux = await CreerAsync(app.Enseignant);
        var calendrier = await CalendrierAsync(flux.Adresse);
        var lundis = calendrier.Events.Where(e => e.Uid!.Contains(app.ServiceLundi.ToString("N"), StringComparison.Ordinal)).ToList();
        Assert.Equal(6, lundis.Count);
        Assert.Single(lundis, e => e.Status == "CANCELLED");
        Assert.All(lundis, e => Assert.Equal(DayOfWeek.Monday, Local(e).DayOfWeek));
    }

    [Fact]
    public async Task La_lecture_est_notee_au_journal_une_fois_par_heure()
    {
        var flux = await CreerAsync(app.Responsable);
        var responsableId = await app.ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @Responsable", new { app.Responsable });
        const string compte = """
            SELECT count(*) FROM identite.journal_acces
            WHERE personne_id = @responsableId AND eleve_id = @Eleve AND quoi = 'LireFluxIcal' AND domaine = 'travail_scolaire'
            """;
        var avant = await app.ScalarAsync<long>(compte, new { responsableId, app.Eleve });
        await CalendrierAsync(flux.Adresse);
        await CalendrierAsync(flux.Adresse);
        Assert.Equal(avant + 1, await app.ScalarAsync<long>(compte, new { responsableId, app.Eleve }));
    }

    [Fact]
    public async Task Les_devoirs_publies_sont_des_evenements_sur_la_journee()
    {
        // Without the cahier de textes (migration 0005), a table with its columns the feed reads stands in for it.
        await app.ExecuterAsync("""
            DO $$ BEGIN
                IF to_regclass('scolarite.devoir') IS NULL THEN
                    CREATE TABLE scolarite.devoir (id uuid PRIMARY KEY, etablissement_id uuid NOT NULL, service_id uuid NOT NULL,
                                                   pour_le date NOT NULL, consigne text NOT NULL, duree_minutes int NOT NULL, publie_le timestamptz);
                END IF;
            END $$;
            """);
        const string devoir = """
            INSERT INTO scolarite.devoir (id, etablissement_id, service_id, pour_le, consigne, duree_minutes, publie_le)
            SELECT @id, c.etablissement_id, s.id, @pourLe, @consigne, @duree, @publie
            FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id WHERE s.id = @service
            """;
        var publie = Guid.NewGuid();
        await app.ExecuterAsync(devoir, new
        {
            id = publie, service = app.ServiceLundi, pourLe = new DateOnly(2026, 12, 7), consigne = "<p>Exercices 3 &amp; 4 p. 52</p>", duree = (int?)30,
            publie = (DateTimeOffset?)new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero),
        });
        var brouillon = Guid.NewGuid();
        await app.ExecuterAsync(devoir, new
        {
            id = brouillon, service = app.ServiceLundi, pourLe = new DateOnly(2026, 12, 7), consigne = "Brouillon", duree = (int?)20,
            publie = (DateTimeOffset?)null,
        });
        var plusTard = Guid.NewGuid();
        await app.ExecuterAsync(devoir, new
        {
            id = plusTard, service = app.ServiceMercredi, pourLe = new DateOnly(2026, 12, 9), consigne = "Pas encore", duree = (int?)20,
            publie = (DateTimeOffset?)new DateTimeOffset(2027, 1, 5, 8, 0, 0, TimeSpan.Zero),
        });
        var autreFamille = Guid.NewGuid();
        await app.ExecuterAsync(devoir, new
        {
            id = autreFamille, service = app.ServiceAutreClasse, pourLe = new DateOnly(2026, 12, 8), consigne = "Autre classe", duree = (int?)20,
            publie = (DateTimeOffset?)new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero),
        });

        var flux = await CreerAsync("eleve.001");
        // (The demo's own homework, if any, aside: only this test's rows are looked at.)
        var devoirs = (await CalendrierAsync(flux.Adresse)).Events.Where(e => e.Uid!.StartsWith("devoir-", StringComparison.Ordinal)).ToList();
        var seul = Assert.Single(devoirs, e => e.Uid == $"devoir-{publie:N}-{app.Eleve:N}@localhost");
        Assert.DoesNotContain(devoirs, e => new[] { brouillon, plusTard, autreFamille }.Any(id => e.Uid!.Contains(id.ToString("N"), StringComparison.Ordinal)));
        Assert.False(seul.DtStart!.HasTime);
        Assert.Equal(new DateTime(2026, 12, 7), seul.DtStart.Value);
        Assert.StartsWith("Devoir — ", seul.Summary, StringComparison.Ordinal);
        Assert.Equal("Exercices 3 & 4 p. 52\nDurée estimée : 30 min", seul.Description);
    }

    [Fact]
    public async Task Le_flux_porte_les_evenements_du_calendrier_scolaire_que_la_personne_voit()
    {
        // Issue 16: the head adds two events for eleve.001's class, one for the families, one for the pupils.
        var classe = await app.ScalarAsync<Guid>("SELECT classe_id FROM scolarite.inscription_classe WHERE eleve_id = @Eleve", new { app.Eleve });
        async Task<Guid> EvenementAsync(string titre, string profil, string jour)
        {
            var reponse = await app.ClientConnecte("direction").PostAsJsonAsync("/api/communication/etablissements/0750000A/evenements", new
            {
                categorie = "autre", titre, jourDebut = jour, heureDebut = "17:30", heureFin = "19:00", lieu = "Salle B", divisions = new[] { classe },
                profils = new[] { profil },
            });
            Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
            return (Guid)(await reponse.ReadJsonAsync())["id"]!;
        }

        var reunion = await EvenementAsync("Réunion des familles", "familles", "2026-12-10");
        var sortie = await EvenementAsync("Sortie des élèves", "eleves", "2027-02-04");
        var prenom = await app.ScalarAsync<string>("SELECT prenom FROM identite.personne WHERE id = @Eleve", new { app.Eleve });

        var famille = (await CalendrierAsync((await CreerAsync(app.Responsable)).Adresse)).Events;
        var vue = Assert.Single(famille, e => e.Uid == $"evenement-{reunion:N}@localhost");
        Assert.Equal($"{prenom} · Réunion des familles", vue.Summary);
        Assert.Equal("Europe/Paris", vue.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 12, 10, 17, 30, 0), vue.DtStart.Value);
        Assert.Equal("Salle B", vue.Location);
        Assert.DoesNotContain(famille, e => e.Uid == $"evenement-{sortie:N}@localhost");
        // The demo's Christmas holidays, for the whole établissement, all day.
        var noel = Assert.Single(famille, e => e.Summary!.EndsWith(" · Vacances de Noël", StringComparison.Ordinal));
        Assert.Contains(prenom, noel.Summary, StringComparison.Ordinal);
        Assert.False(noel.DtStart!.HasTime);

        var eleve = (await CalendrierAsync((await CreerAsync("eleve.001")).Adresse)).Events;
        Assert.Contains(eleve, e => e.Uid == $"evenement-{sortie:N}@localhost" && e.Summary == "Sortie des élèves");
        Assert.DoesNotContain(eleve, e => e.Uid == $"evenement-{reunion:N}@localhost");

        // Another class's pupil sees neither.
        var autre = await app.ScalarAsync<string>("SELECT identifiant FROM identite.compte WHERE personne_id = @AutreEleve", new { app.AutreEleve });
        var autres = (await CalendrierAsync((await CreerAsync(autre)).Adresse)).Events;
        Assert.DoesNotContain(autres, e => e.Uid == $"evenement-{sortie:N}@localhost" || e.Uid == $"evenement-{reunion:N}@localhost");
    }

    [Fact]
    public void Les_lectures_sont_limitees_par_adresse()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [LimiteFluxIcal.Cle] = "2" }).Build();
        using var limite = new LimiteFluxIcal(configuration);
        HttpContext Depuis(string ip) => new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(ip) } };
        Assert.True(limite.Accepter(Depuis("192.0.2.1")));
        Assert.True(limite.Accepter(Depuis("192.0.2.1")));
        var troisieme = Depuis("192.0.2.1");
        Assert.False(limite.Accepter(troisieme));
        Assert.True(troisieme.Response.Headers.ContainsKey("Retry-After"));
        Assert.True(limite.Accepter(Depuis("192.0.2.2")));
    }
}
