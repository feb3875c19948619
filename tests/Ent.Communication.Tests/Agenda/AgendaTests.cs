using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Communication.Agenda;
using Ent.Scolarite.Contracts;
using Ent.Testing;
using Ical.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests.Agenda;

/// <summary>
/// The demo on Wednesday 25 November 2026 at 11:00, Paris time (the clock then runs on): the cast of the school
/// calendar's tests, found in the demo — a pupil of 2NDE1 and their legal guardian, a pupil of TG1 and theirs, prof.01
/// (French in 2NDE1), prof.12 (not in 2NDE1), the CPE, the head, the nurse.
/// </summary>
public sealed class AgendaApp : EntApp
{
    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    public Dictionary<string, string> Logins { get; } = new(StringComparer.Ordinal);

    public string PrenomEleve { get; private set; } = string.Empty;

    public Guid Seconde1 { get; private set; }

    public Guid Terminale1 { get; private set; }

    /// <summary>Communication's documents (the events' files), in a folder of the test's own.</summary>
    public string DossierDocuments { get; } = TestCluster.NewFolder("documents");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Communication:Documents:Dossier"] = DossierDocuments,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero))));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Seconde1 = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = '2NDE1'");
        Terminale1 = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = 'TG1'");
        const string eleve = """
            SELECT k.identifiant FROM scolarite.inscription_classe i JOIN identite.compte k ON k.personne_id = i.eleve_id
            WHERE i.classe_id = @classe AND EXISTS (SELECT 1 FROM identite.lien_responsable l WHERE l.eleve_id = i.eleve_id AND l.legal)
              AND NOT EXISTS (SELECT 1 FROM identite.lien_responsable a JOIN identite.lien_responsable b ON a.responsable_id = b.responsable_id
                              JOIN scolarite.inscription_classe j ON j.eleve_id = b.eleve_id
                              WHERE a.eleve_id = i.eleve_id AND j.classe_id <> @classe)
            ORDER BY k.identifiant LIMIT 1
            """;
        const string responsable = """
            SELECT r.identifiant FROM identite.compte k JOIN identite.lien_responsable l ON l.eleve_id = k.personne_id AND l.legal
            JOIN identite.compte r ON r.personne_id = l.responsable_id WHERE k.identifiant = @login ORDER BY r.identifiant LIMIT 1
            """;
        Logins["élève"] = await conn.ExecuteScalarAsync<string>(eleve, new { classe = Seconde1 }) ?? throw new InvalidOperationException("2NDE1");
        Logins["responsable"] = await conn.ExecuteScalarAsync<string>(responsable, new { login = Logins["élève"] }) ?? throw new InvalidOperationException();
        Logins["autre élève"] = await conn.ExecuteScalarAsync<string>(eleve, new { classe = Terminale1 }) ?? throw new InvalidOperationException("TG1");
        Logins["autre responsable"] = await conn.ExecuteScalarAsync<string>(responsable, new { login = Logins["autre élève"] }) ?? throw new InvalidOperationException();
        Logins["enseignant"] = "prof.01";
        Logins["autre enseignant"] = "prof.12";
        Logins["cpe"] = "cpe";
        Logins["direction"] = "direction";
        Logins["infirmier"] = "infirmerie";
        PrenomEleve = await conn.ExecuteScalarAsync<string>(
            "SELECT p.prenom FROM identite.personne p JOIN identite.compte k ON k.personne_id = p.id WHERE k.identifiant = @login",
            new { login = Logins["élève"] }) ?? string.Empty;
    }

    public HttpClient De(string qui) => this.ClientConnecte(Logins[qui]);

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, parametres))!;
    }
}

/// <summary>
/// The school calendar through HTTP: staff create, change and delete events (the head and the CPE for any audience, a
/// teacher for their classes only); each person lists what concerns them (a pupil their classes', a guardian each
/// child's named by first name, a teacher their classes'), the staff the whole calendar or one class's; the audience's
/// profiles select who is invited; refused reads are 404, bad input 400 in French with nothing written; an event
/// downloads as .ics in Paris time. The demo's calendar is computed from the school year.
/// </summary>
public sealed partial class AgendaTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private const string Etablissement = "/api/communication/etablissements/0750000A";

    private sealed record Division(Guid Id, string Nature, string Code, string Libelle);

    private sealed record Audience(Division[] Divisions, string[] Profils);

    private sealed record PieceJointe(Guid Id, string Nom, string TypeContenu, int Taille);

    private sealed record Evenement(Guid Id, string Uai, string Categorie, string Titre, string? Description, string? Lieu, DateOnly JourDebut,
        DateOnly JourFin, string? HeureDebut, string? HeureFin, Audience Audience, string[] Pour, bool Modifiable, PieceJointe[] PiecesJointes);

    private sealed record Contexte(string Uai, string Etablissement, bool PeutCreer, bool ToutLEtablissement, Division[] Divisions, Guid[] Ciblables);

    private static object Saisie(string titre, Guid[] divisions, string[]? profils = null, string jour = "2026-12-10", string? heureDebut = "17:30",
        string? heureFin = "19:00", string categorie = "reunion_parents") => new
    {
        categorie, titre, description = "Salle B, entrée rue du lycée.", lieu = "Salle B", jourDebut = jour, heureDebut, heureFin, divisions, profils,
    };

    private async Task<Evenement> CreerAsync(string qui, object saisie)
    {
        var reponse = await app.De(qui).PostAsJsonAsync($"{Etablissement}/evenements", saisie);
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return await reponse.ReadAsync<Evenement>();
    }

    private async Task<Evenement[]> MesAsync(string qui, string periode = "?du=2026-12-01&au=2026-12-31")
    {
        var reponse = await app.De(qui).GetAsync($"/api/communication/me/evenements{periode}");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await reponse.ReadAsync<Evenement[]>();
    }

    [Fact]
    public async Task Un_evenement_d_une_classe_est_vu_de_ses_eleves_familles_et_enseignants_seulement()
    {
        var cree = await CreerAsync("direction", Saisie("Réunion parents-professeurs de 2NDE1", [app.Seconde1]));
        Assert.Equal("17:30", cree.HeureDebut);
        Assert.Equal(Invites.Tous, cree.Audience.Profils);
        Assert.Equal("2NDE1", Assert.Single(cree.Audience.Divisions).Code);
        Assert.True(cree.Modifiable);

        Assert.Contains(await MesAsync("élève"), e => e.Id == cree.Id && e.Pour.Length == 0 && !e.Modifiable);
        var famille = Assert.Single(await MesAsync("responsable"), e => e.Id == cree.Id);
        Assert.Contains(app.PrenomEleve, famille.Pour);
        Assert.Contains(await MesAsync("enseignant"), e => e.Id == cree.Id);
        foreach (var qui in new[] { "autre élève", "autre responsable", "autre enseignant", "infirmier" })
        {
            Assert.DoesNotContain(await MesAsync(qui), e => e.Id == cree.Id);
        }

        // The staff read the whole calendar, and one class's view: the établissement's events and that class's.
        var tout = await (await app.De("autre enseignant").GetAsync($"{Etablissement}/evenements?du=2026-12-01&au=2026-12-31")).ReadAsync<Evenement[]>();
        Assert.Contains(tout, e => e.Id == cree.Id && !e.Modifiable);
        var terminale = await (await app.De("cpe").GetAsync($"{Etablissement}/evenements?du=2026-12-01&au=2026-12-31&division={app.Terminale1}"))
            .ReadAsync<Evenement[]>();
        Assert.DoesNotContain(terminale, e => e.Id == cree.Id);
        Assert.Contains(terminale, e => e.Audience.Divisions.Length == 0);
        Assert.All(terminale, e => Assert.True(e.Modifiable));
        var seconde = await (await app.De("cpe").GetAsync($"{Etablissement}/evenements?du=2026-12-01&au=2026-12-31&division={app.Seconde1}"))
            .ReadAsync<Evenement[]>();
        Assert.Contains(seconde, e => e.Id == cree.Id);

        // Families and pupils do not read the établissement's calendar (404, as for a stranger).
        foreach (var qui in new[] { "élève", "responsable" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.De(qui).GetAsync($"{Etablissement}/evenements")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.De(qui).GetAsync($"{Etablissement}/agenda")).StatusCode);
        }
    }

    [Fact]
    public async Task Les_profils_vises_choisissent_qui_est_invite()
    {
        var personnels = await CreerAsync("cpe", Saisie("Conseil pédagogique", [], ["personnels"], categorie: "autre"));
        var familles = await CreerAsync("cpe", Saisie("Réunion des familles de seconde", [app.Seconde1], ["familles"]));

        Assert.Contains(await MesAsync("infirmier"), e => e.Id == personnels.Id);
        Assert.Contains(await MesAsync("autre enseignant"), e => e.Id == personnels.Id);
        Assert.DoesNotContain(await MesAsync("élève"), e => e.Id == personnels.Id || e.Id == familles.Id);
        Assert.DoesNotContain(await MesAsync("responsable"), e => e.Id == personnels.Id);
        Assert.Contains(await MesAsync("responsable"), e => e.Id == familles.Id);
        // The class's teaching team is concerned by whatever happens to its class.
        Assert.Contains(await MesAsync("enseignant"), e => e.Id == familles.Id);
        Assert.DoesNotContain(await MesAsync("infirmier"), e => e.Id == familles.Id);
    }

    [Fact]
    public async Task Un_enseignant_cree_pour_ses_classes_seulement_et_modifie_les_siens()
    {
        var contexte = await (await app.De("enseignant").GetAsync($"{Etablissement}/agenda")).ReadAsync<Contexte>();
        Assert.True(contexte.PeutCreer);
        Assert.False(contexte.ToutLEtablissement);
        Assert.Contains(app.Seconde1, contexte.Ciblables);
        Assert.DoesNotContain(app.Terminale1, contexte.Ciblables);
        Assert.Contains(contexte.Divisions, d => d.Id == app.Terminale1);

        foreach (var divisions in new[] { new[] { app.Terminale1 }, [], [app.Seconde1, app.Terminale1] })
        {
            var refus = await app.De("enseignant").PostAsJsonAsync($"{Etablissement}/evenements", Saisie("Sortie", divisions, categorie: "sortie"));
            Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
            Assert.Contains("divisions", (await refus.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        }

        var sortie = await CreerAsync("enseignant", Saisie("Sortie au théâtre", [app.Seconde1], ["eleves", "familles"], categorie: "sortie"));
        var modifiee = await app.De("enseignant").PutAsJsonAsync($"/api/communication/evenements/{sortie.Id}",
            Saisie("Sortie au théâtre (horaire changé)", [app.Seconde1], ["eleves", "familles"], heureDebut: "18:00", heureFin: "22:00", categorie: "sortie"));
        Assert.Equal(HttpStatusCode.OK, modifiee.StatusCode);
        Assert.Equal("18:00", (await modifiee.ReadAsync<Evenement>()).HeureDebut);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT sequence FROM communication.evenement WHERE id = @Id", new { sortie.Id }));

        // Another teacher reads it (staff) but may not change it: 403; the pupil and the family read it: 403 too;
        // another family does not even see it: 404. The nurse may not create.
        var url = $"/api/communication/evenements/{sortie.Id}";
        var saisie = Saisie("Détourné", [app.Seconde1]);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.De("autre enseignant").PutAsJsonAsync(url, saisie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.De("responsable").DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.De("autre responsable").PutAsJsonAsync(url, saisie)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.De("autre élève").DeleteAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.De("infirmier").PostAsJsonAsync($"{Etablissement}/evenements", saisie)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.De("responsable").PostAsJsonAsync($"{Etablissement}/evenements", saisie)).StatusCode);
        Assert.Equal("Sortie au théâtre (horaire changé)", await app.ScalarAsync<string>("SELECT titre FROM communication.evenement WHERE id = @Id", new { sortie.Id }));

        // The head changes anyone's; the teacher deletes their own, and it is gone for everyone.
        Assert.Equal(HttpStatusCode.OK, (await app.De("direction").PutAsJsonAsync(url,
            Saisie("Sortie au théâtre", [app.Seconde1], ["eleves", "familles"], categorie: "sortie"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.De("enseignant").DeleteAsync(url)).StatusCode);
        Assert.DoesNotContain(await MesAsync("élève"), e => e.Id == sortie.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await app.De("direction").DeleteAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Une_saisie_invalide_est_refusee_en_francais_sans_rien_ecrire()
    {
        var avant = await app.ScalarAsync<long>("SELECT count(*) FROM communication.evenement");
        var cas = new (object Saisie, string Champ)[]
        {
            (new { categorie = "reunion_parents", titre = "  ", jourDebut = "2026-12-10" }, "titre"),
            (new { categorie = "fete", titre = "Fête", jourDebut = "2026-12-10" }, "categorie"),
            (new { categorie = "autre", titre = "Sans date" }, "jourDebut"),
            (new { categorie = "autre", titre = "À l'envers", jourDebut = "2026-12-10", jourFin = "2026-12-09" }, "jourFin"),
            (new { categorie = "autre", titre = "Trop long", jourDebut = "2026-12-10", jourFin = "2028-12-09" }, "jourFin"),
            (new { categorie = "autre", titre = "Heures", jourDebut = "2026-12-10", heureDebut = "18:00", heureFin = "17:00" }, "heureFin"),
            (new { categorie = "autre", titre = "Heures", jourDebut = "2026-12-10", heureDebut = "18h", heureFin = "19:00" }, "heureDebut"),
            (new { categorie = "autre", titre = "Une heure", jourDebut = "2026-12-10", heureDebut = "18:00" }, "heureFin"),
            (new { categorie = "autre", titre = "Profil", jourDebut = "2026-12-10", profils = new[] { "voisins" } }, "profils"),
            (new { categorie = "autre", titre = "Classe", jourDebut = "2026-12-10", divisions = new[] { Guid.NewGuid() } }, "divisions"),
        };
        foreach (var (saisie, champ) in cas)
        {
            var reponse = await app.De("direction").PostAsJsonAsync($"{Etablissement}/evenements", saisie);
            Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
            var probleme = await reponse.ReadJsonAsync();
            Assert.Equal("urn:ent:probleme:validation", (string?)probleme["type"]);
            Assert.Contains(champ, probleme["errors"]!.AsObject().Select(e => e.Key));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await app.De("direction").PostAsJsonAsync("/api/communication/etablissements/pasuneuai/evenements",
            Saisie("x", []))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.De("direction").PostAsync($"{Etablissement}/evenements", Http.JsonBody("{\"jourDebut\": 12"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.De("élève").GetAsync("/api/communication/me/evenements?du=2026-12-01&au=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.De("élève").GetAsync("/api/communication/me/evenements?du=2026-01-01&au=2028-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.De("direction").PutAsJsonAsync($"/api/communication/evenements/{Guid.NewGuid()}", Saisie("x", []))).StatusCode);
        Assert.Equal(avant, await app.ScalarAsync<long>("SELECT count(*) FROM communication.evenement"));
    }

    [Fact]
    public async Task Un_evenement_se_telecharge_en_ics_a_l_heure_de_Paris_pour_qui_le_voit()
    {
        var soiree = await CreerAsync("direction", Saisie("Réunion de 2NDE1 — « ics »", [app.Seconde1], ["familles"], jour: "2027-03-30"));
        var reponse = await app.De("responsable").GetAsync($"/api/communication/evenements/{soiree.Id}/ics");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("text/calendar", reponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", reponse.Content.Headers.ContentDisposition!.DispositionType);
        var calendrier = Calendar.Load(await reponse.Content.ReadAsStringAsync())!;
        var evenement = Assert.Single(calendrier.Events);
        Assert.Equal($"evenement-{soiree.Id:N}@localhost", evenement.Uid);
        Assert.Equal("Réunion de 2NDE1 — « ics »", evenement.Summary);
        Assert.Equal("Europe/Paris", evenement.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 3, 30, 17, 30, 0), evenement.DtStart.Value);
        // After the change to summer time: 17:30 in Paris is 15:30 UTC.
        Assert.Equal(new DateTime(2027, 3, 30, 15, 30, 0), evenement.DtStart.AsUtc);
        Assert.Equal("Salle B", evenement.Location);

        var conge = await CreerAsync("direction", new { categorie = "vacances", titre = "Pont", jourDebut = "2027-05-07", jourFin = "2027-05-08" });
        var journee = Assert.Single(Calendar.Load(await (await app.De("élève").GetAsync($"/api/communication/evenements/{conge.Id}/ics"))
            .Content.ReadAsStringAsync())!.Events);
        Assert.False(journee.DtStart!.HasTime);
        Assert.Equal(new DateTime(2027, 5, 7), journee.DtStart.Value);
        Assert.Equal(new DateTime(2027, 5, 9), journee.DtEnd!.Value);

        // The pupil is not invited to the families' meeting; another family knows nothing of it; the staff read it.
        foreach (var qui in new[] { "élève", "autre responsable", "autre élève" })
        {
            var refus = await app.De(qui).GetAsync($"/api/communication/evenements/{soiree.Id}/ics");
            Assert.Equal(HttpStatusCode.NotFound, refus.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await refus.ReadJsonAsync())["type"]);
        }

        Assert.Equal(HttpStatusCode.OK, (await app.De("infirmier").GetAsync($"/api/communication/evenements/{soiree.Id}/ics")).StatusCode);
    }

    private static MultipartFormDataContent Fichier(byte[] octets, string nom)
    {
        var formulaire = new MultipartFormDataContent();
        formulaire.Add(new ByteArrayContent(octets), "fichier", nom);
        return formulaire;
    }

    [Fact]
    public async Task Un_fichier_joint_se_lit_comme_son_evenement_et_part_avec_lui()
    {
        var sortie = await CreerAsync("direction", Saisie("Sortie au musée", [app.Seconde1], ["familles"], categorie: "sortie"));
        var pdf = "%PDF-1.4\nautorisation de sortie\n%%EOF\n"u8.ToArray();
        var url = $"/api/communication/evenements/{sortie.Id}/pieces-jointes";

        // The type is read from the content: an executable named .pdf is refused; a teacher who did not create it: 403.
        var exe = await app.De("direction").PostAsync(url, Fichier("MZ\u0090\u0000 pas un pdf"u8.ToArray(), "autorisation.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Contains("fichier", (await exe.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.De("enseignant").PostAsync(url, Fichier(pdf, "a.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.De("autre responsable").PostAsync(url, Fichier(pdf, "a.pdf"))).StatusCode);

        var depot = await app.De("direction").PostAsync(url, Fichier(pdf, "Autorisation de sortie.pdf"));
        Assert.Equal(HttpStatusCode.Created, depot.StatusCode);
        var piece = await depot.ReadAsync<PieceJointe>();
        Assert.Equal("application/pdf", piece.TypeContenu);
        Assert.Contains(await MesAsync("responsable"), e => e.Id == sortie.Id && e.PiecesJointes.Single().Id == piece.Id);

        var lien = $"/api/communication/evenements/pieces-jointes/{piece.Id}";
        var lu = await app.De("responsable").GetAsync(lien);
        Assert.Equal(HttpStatusCode.OK, lu.StatusCode);
        Assert.Equal(pdf, await lu.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", lu.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", lu.Content.Headers.ContentDisposition!.DispositionType);
        foreach (var qui in new[] { "élève", "autre responsable" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.De(qui).GetAsync(lien)).StatusCode);
        }

        // Deleting the event takes its file away, from the database and the disk.
        Assert.Single(Directory.GetFiles(app.DossierDocuments));
        Assert.Equal(HttpStatusCode.NoContent, (await app.De("direction").DeleteAsync($"/api/communication/evenements/{sortie.Id}")).StatusCode);
        Assert.Empty(Directory.GetFiles(app.DossierDocuments));
        Assert.Equal(HttpStatusCode.NotFound, (await app.De("responsable").GetAsync(lien)).StatusCode);
    }

    [Fact]
    public async Task La_demo_donne_le_calendrier_de_l_annee_scolaire()
    {
        // 25 November 2026: the coming three months hold the councils of December, the Christmas holidays, the mock exam.
        var famille = await MesAsync("responsable", string.Empty);
        Assert.Contains(famille, e => e.Categorie == "conseil_classe" && e.Audience.Divisions.Any(d => d.Id == app.Seconde1) && e.Pour.Contains(app.PrenomEleve));
        var noel = Assert.Single(famille, e => e.Titre == "Vacances de Noël");
        Assert.Equal(new DateOnly(2026, 12, 19), noel.JourDebut);
        Assert.Null(noel.HeureDebut);
        Assert.DoesNotContain(famille, e => e.Titre.StartsWith("Baccalauréat blanc", StringComparison.Ordinal));
        Assert.Contains(await MesAsync("autre responsable", string.Empty), e => e.Titre.StartsWith("Baccalauréat blanc", StringComparison.Ordinal));
        Assert.All(famille, e => Assert.True(e.JourFin >= new DateOnly(2026, 11, 25) && e.JourDebut <= new DateOnly(2027, 2, 25)));
    }

    [Fact]
    public void Le_calendrier_de_demo_est_sense_quel_que_soit_le_jour()
    {
        string[] codes = ["2NDE1", "2NDE2", "1G1", "TG1"];
        var classes = codes.Select(c => new DivisionInfo(Guid.NewGuid(), Guid.Empty, "classe", c, $"Classe {c}")).ToList();
        var existantes = classes.Select(c => c.Id).ToHashSet();
        for (var jour = new DateOnly(2026, 9, 1); jour <= new DateOnly(2027, 8, 31); jour = jour.AddDays(1))
        {
            var prevus = AgendaDemo.Prevoir(jour, classes);
            Assert.Equal(prevus.Count, prevus.Select(p => p.Cle).Distinct().Count());
            // Every day, something ahead within ten weeks (the summer's longest wait: the next rentrée); every event passes
            // the checks a head's entry would.
            Assert.Contains(prevus, p => p.Categorie != "sortie" && p.JourFin >= jour && p.JourDebut <= jour.AddDays(70));
            foreach (var p in prevus)
            {
                var saisie = new EvenementSaisi(p.Categorie, p.Titre, p.Description, p.Lieu, p.JourDebut, p.JourFin,
                    p.HeureDebut?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), p.HeureFin?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    p.Divisions, p.Profils);
                var (valide, erreurs) = Ent.Communication.Agenda.Saisie.Valider(saisie, existantes, null);
                Assert.True(valide is not null, $"{p.Cle} : {string.Join(", ", erreurs.ToProblem().ProblemDetails.Errors.Keys)}");
                Assert.False(p.Categorie == "conseil_classe" && p.JourDebut.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, p.Cle);
            }

            var conseils = prevus.Where(p => p.Categorie == "conseil_classe").ToList();
            Assert.Equal(12, conseils.Count);
        }
    }
}
