using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests;

/// <summary>
/// The demo lycée on Wednesday 2 December 2026 at 08:00, Paris time (the clock then runs on), with its own small
/// timetable (the demo's slots are removed, whoever seeds them): the outbox worker is off, so that the families'
/// messages stay in the outbox to be counted.
/// </summary>
public sealed class EmploiDuTempsApp : EntApp
{
    public static readonly DateTimeOffset Maintenant = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ent:Acheminement:Actif"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(Maintenant)));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Slots from November to June: each (class, subject, teacher, day, time, room).
        await ExecuterAsync("DELETE FROM scolarite.modification_cours; DELETE FROM scolarite.creneau;");
        // The demo spreads pupils over the classes alphabetically: eleve.001 and their sibling eleve.061 are in two classes.
        ClasseA = await ScalarAsync<string>(ClasseSql, new { eleve = DemoIds.Of("compte", "eleve.001") });
        ClasseB = await ScalarAsync<string>(ClasseSql, new { eleve = DemoIds.Of("compte", "eleve.061") });
        foreach (var (classe, matiere, jour, debut, salle) in new[]
                 {
                     (ClasseA, "MATHS", 1, 8, "B12"), (ClasseA, "MATHS", 3, 10, "B12"), (ClasseA, "MATHS", 4, 10, "B12"),
                     (ClasseA, "ANGLAIS", 3, 14, "A01"), (ClasseB, "ANGLAIS", 3, 15, "A01"), (ClasseB, "MATHS", 1, 8, "B14"),
                 })
        {
            var n = await ExecuterAsync("""
                INSERT INTO scolarite.creneau (id, etablissement_id, service_id, jour, debut, fin, salle, valide_du, valide_au)
                SELECT gen_random_uuid(), c.etablissement_id, s.id, @jour, make_time(@debut, 0, 0), make_time(@debut + 1, 0, 0), @salle, '2026-11-01', '2027-06-30'
                FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
                WHERE c.code = @classe AND s.matiere_code = @matiere
                """, new { classe, matiere, jour, debut, salle });
            if (n != 1)
            {
                throw new InvalidOperationException($"{n} slot(s) for {classe} {matiere}.");
            }
        }

        await ExecuterAsync("""
            INSERT INTO scolarite.creneau (id, etablissement_id, service_id, jour, debut, fin, salle, valide_du, valide_au)
            SELECT gen_random_uuid(), g.etablissement_id, s.id, 2, '09:00', '10:00', 'C3', '2026-11-01', '2027-06-30'
            FROM scolarite.service_enseignement s JOIN scolarite.groupe g ON g.id = s.groupe_id WHERE g.code = 'ESP2'
            """);
    }

    private const string ClasseSql = """
        SELECT c.code FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id WHERE i.eleve_id = @eleve
        """;

    /// <summary>eleve.001's class (TG1 in the demo).</summary>
    public string ClasseA { get; private set; } = string.Empty;

    /// <summary>eleve.061's class (eleve.001's sibling: the same guardians, parent.001 and parent.002).</summary>
    public string ClasseB { get; private set; } = string.Empty;

    /// <summary>The login of an account.</summary>
    public Task<string> LoginAsync(Guid personneId) =>
        ScalarAsync<string>("SELECT identifiant FROM identite.compte WHERE personne_id = @personneId", new { personneId });

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parametres) ?? throw new InvalidOperationException(sql);
    }

    public async Task<int> ExecuterAsync(string sql, object? parametres = null)
    {
        await using var conn = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteAsync(sql, parametres);
    }
}

/// <summary>
/// The timetable's views and lesson changes (issue #15): who reads which timetable, the changes entered by the desk (all
/// or nothing, a second change replacing the first, withdrawal), and what the families are told — one message per person,
/// by SMS and e-mail only when a lesson concerned is within 24 hours, never twice for a retried request. Each test
/// changes lessons of its own day.
/// </summary>
public sealed class EmploiDuTempsTests(EmploiDuTempsApp app) : IClassFixture<EmploiDuTempsApp>
{
    private const string Lycee = "/api/scolarite/etablissements/0750000A";

    private sealed record Cours(
        Guid ServiceId, string Matiere, string Classe, Guid EnseignantId, string Enseignant, string? EnseignantPrevu, DateTimeOffset Debut,
        DateTimeOffset Fin, string? Salle, string Statut, DateTimeOffset? DebutPrevu, string? Motif, Guid? ModificationId);

    private sealed record Eleve(Guid EleveId, string Prenom, string Nom, string? Classe, Cours[] Cours);

    private sealed record EmploiDuTempsEleves(DateOnly Du, DateOnly Au, Eleve[] Eleves);

    private sealed record EmploiDuTempsEnseignant(DateOnly Du, DateOnly Au, Cours[] Cours);

    private sealed record Choix(string Code, string Libelle);

    private sealed record EmploiDuTempsEtablissement(DateOnly Du, DateOnly Au, Choix[] Classes, Choix[] Groupes, string[] Salles, Cours[] Cours);

    private sealed record Modification(Guid Id, Guid ServiceId, string Nature, DateTimeOffset? DebutPrevu, DateTimeOffset? Debut, bool Nouvelle);

    private sealed record Reponse(Modification[] Modifications);

    private static Guid Id(string login) => DemoIds.Of("compte", login);

    /// <summary>A Paris local time of December 2026 (UTC+1).</summary>
    private static DateTimeOffset Le(int jour, int heure, int mois = 12) => new(2026, mois, jour, heure, 0, 0, TimeSpan.FromHours(1));

    private Task<string> LibelleAsync(string classe) =>
        app.ScalarAsync<string>("SELECT libelle FROM scolarite.classe WHERE code = @classe", new { classe });

    /// <summary>A pupil of neither class A nor class B.</summary>
    private async Task<string> EleveAilleursAsync() => await app.LoginAsync(await app.ScalarAsync<Guid>("""
        SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE c.code <> ALL(@classes) ORDER BY i.eleve_id LIMIT 1
        """, new { classes = new[] { app.ClasseA, app.ClasseB } }));

    private async Task<string> TitulaireAsync(Guid serviceId) =>
        await app.LoginAsync(await app.ScalarAsync<Guid>("SELECT enseignant_id FROM scolarite.service_enseignement WHERE id = @serviceId", new { serviceId }));

    private Task<Guid> ServiceAsync(string classe, string matiere) => app.ScalarAsync<Guid>("""
        SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
        WHERE c.code = @classe AND s.matiere_code = @matiere
        """, new { classe, matiere });

    private Task<EmploiDuTempsEleves> EleveAsync(string qui, string eleve, string du, string au) => EleveAsync(qui, Id(eleve), du, au);

    private async Task<EmploiDuTempsEleves> EleveAsync(string qui, Guid eleveId, string du, string au)
    {
        var reponse = await app.ClientConnecte(qui).GetAsync($"/api/scolarite/eleves/{eleveId}/emploi-du-temps?du={du}&au={au}");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await reponse.ReadAsync<EmploiDuTempsEleves>();
    }

    private async Task<Reponse> ModifierAsync(string qui, object corps, HttpStatusCode attendu = HttpStatusCode.OK)
    {
        var reponse = await app.ClientConnecte(qui).PostAsJsonAsync($"{Lycee}/modifications-cours", corps);
        Assert.True(attendu == reponse.StatusCode, await reponse.Content.ReadAsStringAsync());
        return attendu == HttpStatusCode.OK ? await reponse.ReadAsync<Reponse>() : new Reponse([]);
    }

    /// <summary>The timetable messages queued for a person whose text holds the marker, per channel.</summary>
    private async Task<Dictionary<string, List<string>>> MessagesAsync(string login, string marqueur)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var lignes = await conn.QueryAsync<(string Canal, string Texte)>("""
            SELECT canal, texte FROM communication.message_sortant
            WHERE personne_id = @personne AND categorie = 'emploi_du_temps' AND texte LIKE '%' || @marqueur || '%'
            """, new { personne = Id(login), marqueur });
        return lignes.GroupBy(l => l.Canal).ToDictionary(g => g.Key, g => g.Select(l => l.Texte).ToList());
    }

    [Fact]
    public async Task Un_eleve_voit_sa_semaine_par_defaut_avec_ses_cours_de_classe_et_de_groupe()
    {
        var reponse = await app.ClientConnecte("eleve.001").GetAsync("/api/scolarite/eleves/" + Id("eleve.001") + "/emploi-du-temps");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var edt = await reponse.ReadAsync<EmploiDuTempsEleves>();
        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)), (edt.Du, edt.Au));
        var eleve = Assert.Single(edt.Eleves);
        var libelle = await LibelleAsync(app.ClasseA);
        Assert.Equal(libelle, eleve.Classe);
        var lundi = eleve.Cours.First(c => c.Debut == Le(30, 8, 11));
        Assert.Equal(("Mathématiques", "B12", "normal", libelle), (lundi.Matiere, lundi.Salle, lundi.Statut, lundi.Classe));
        Assert.False(string.IsNullOrWhiteSpace(lundi.Enseignant));
        Assert.All(eleve.Cours, c => Assert.Equal(libelle, c.Classe));

        // A pupil of the Spanish group (every other pupil of the Seconde classes) has its Tuesday lesson too.
        var hispaniste = await app.ScalarAsync<Guid>(
            "SELECT i.eleve_id FROM scolarite.inscription_groupe i JOIN scolarite.groupe g ON g.id = i.groupe_id WHERE g.code = 'ESP2' LIMIT 1");
        var groupe = await EleveAsync("cpe", hispaniste, "2026-11-30", "2026-12-06");
        Assert.Contains(groupe.Eleves[0].Cours, c => c.Matiere == "Espagnol LV2" && c.Debut == Le(1, 9) && c.Salle == "C3");
        Assert.True(await app.ScalarAsync<long>(
            "SELECT count(*) FROM identite.journal_acces WHERE quoi = 'ObtenirEmploiDuTempsEleve' AND eleve_id = @id", new { id = Id("eleve.001") }) >= 1);
    }

    [Theory]
    [InlineData("eleve.001", HttpStatusCode.OK)]
    [InlineData("parent.001", HttpStatusCode.OK)]
    [InlineData("prof.06", HttpStatusCode.OK)]
    [InlineData("cpe", HttpStatusCode.OK)]
    [InlineData("parent.003", HttpStatusCode.NotFound)]
    [InlineData("eleve.002", HttpStatusCode.NotFound)]
    [InlineData("prof.01", HttpStatusCode.NotFound)]
    [InlineData("admin.region", HttpStatusCode.NotFound)]
    public async Task Lire_l_emploi_du_temps_d_un_eleve_suit_les_regles_d_acces(string qui, HttpStatusCode attendu)
    {
        var reponse = await app.ClientConnecte(qui).GetAsync($"/api/scolarite/eleves/{Id("eleve.001")}/emploi-du-temps?du=2026-12-01&au=2026-12-01");
        Assert.Equal(attendu, reponse.StatusCode);
    }

    [Theory]
    [InlineData("du=2026-12-01", "au")]
    [InlineData("du=2026-12-03&au=2026-12-01", "au")]
    [InlineData("du=2026-12-01&au=2027-01-20", "au")]
    public async Task Des_dates_incoherentes_donnent_400(string requete, string champ)
    {
        var reponse = await app.ClientConnecte("eleve.001").GetAsync($"/api/scolarite/moi/emploi-du-temps?{requete}");
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        Assert.NotNull((await reponse.ReadJsonAsync())["errors"]?[champ]);
    }

    [Fact]
    public async Task Un_responsable_voit_tous_ses_enfants_sur_une_reponse()
    {
        var parent = await (await app.ClientConnecte("parent.001").GetAsync("/api/scolarite/moi/emploi-du-temps?du=2026-12-02&au=2026-12-02"))
            .ReadAsync<EmploiDuTempsEleves>();
        Assert.Equal([Id("eleve.001"), Id("eleve.061")], parent.Eleves.Select(e => e.EleveId).Order().ToArray());
        Assert.Contains(parent.Eleves.Single(e => e.EleveId == Id("eleve.061")).Cours, c => c.Matiere == "Anglais LV1" && c.Debut == Le(2, 15));

        var eleve = await (await app.ClientConnecte("eleve.061").GetAsync("/api/scolarite/moi/emploi-du-temps")).ReadAsync<EmploiDuTempsEleves>();
        Assert.Equal(Id("eleve.061"), Assert.Single(eleve.Eleves).EleveId);
        var prof = await (await app.ClientConnecte("prof.01").GetAsync("/api/scolarite/moi/emploi-du-temps")).ReadAsync<EmploiDuTempsEleves>();
        Assert.Empty(prof.Eleves);
    }

    [Fact]
    public async Task Annuler_les_cours_d_un_professeur_absent_previent_chaque_personne_une_fois()
    {
        var anglaisA = await ServiceAsync(app.ClasseA, "ANGLAIS");
        var anglaisB = await ServiceAsync(app.ClasseB, "ANGLAIS");
        var corps = new
        {
            modifications = new object[]
            {
                new { serviceId = anglaisA, debutPrevu = Le(2, 14), nature = "annule", motif = "Professeur absent (journée)" },
                new { serviceId = anglaisB, debutPrevu = Le(2, 15), nature = "annule", motif = "Professeur absent (journée)" },
            },
        };
        var reponse = await ModifierAsync("cpe", corps);
        Assert.All(reponse.Modifications, m => Assert.True(m.Nouvelle));

        var jour = await EleveAsync("parent.001", "eleve.001", "2026-12-02", "2026-12-02");
        var annule = Assert.Single(jour.Eleves[0].Cours, c => c.ServiceId == anglaisA);
        Assert.Equal(("annule", "Professeur absent (journée)"), (annule.Statut, annule.Motif));

        // parent.001 has a child in each class: one message listing both, by SMS too (the lessons are today).
        var parent = await MessagesAsync("parent.001", "Professeur absent (journée)");
        var application = Assert.Single(parent["application"]);
        Assert.Contains("Anglais LV1", application);
        var prenoms = (await app.ScalarAsync<string>("SELECT string_agg(prenom, ',') FROM identite.personne WHERE id = ANY(@ids)",
            new { ids = new[] { Id("eleve.001"), Id("eleve.061") } })).Split(',');
        Assert.All(prenoms, p => Assert.Contains(p, application));
        Assert.Single(parent["sms"]);
        // Each pupil: one in-app message.
        Assert.Single(Assert.Single(await MessagesAsync("eleve.001", "Professeur absent (journée)")).Value);
        // A pupil of another class is not told.
        Assert.Empty(await MessagesAsync(await EleveAilleursAsync(), "Professeur absent (journée)"));

        // The same request again: nothing changes, nobody is told twice.
        var encore = await ModifierAsync("cpe", corps);
        Assert.All(encore.Modifications, m => Assert.False(m.Nouvelle));
        Assert.Equal(reponse.Modifications.Select(m => m.Id), encore.Modifications.Select(m => m.Id));
        Assert.Single((await MessagesAsync("parent.001", "Professeur absent (journée)"))["application"]);
    }

    [Fact]
    public async Task Dans_les_24_heures_chaque_responsable_est_prevenu_par_les_canaux_qu_il_a_choisis()
    {
        // parent.002 chose e-mail only; parent.001 kept the default (SMS and in-app).
        await app.ExecuterAsync("""
            INSERT INTO communication.preference_notification (personne_id, sms, courriel, application, modifie_le)
            VALUES (@id, false, true, false, now())
            ON CONFLICT (personne_id) DO UPDATE SET sms = false, courriel = true, application = false
            """, new { id = Id("parent.002") });
        var maths = await ServiceAsync(app.ClasseA, "MATHS");
        await ModifierAsync("cpe", new { modifications = new[] { new { serviceId = maths, debutPrevu = Le(2, 10), nature = "annule", motif = "Sortie imprévue" } } });

        var choixCourriel = await MessagesAsync("parent.002", "Sortie imprévue");
        Assert.Equal(["courriel"], choixCourriel.Keys);
        Assert.Contains("Mathématiques", Assert.Single(choixCourriel["courriel"]));
        Assert.Equal(["application", "sms"], (await MessagesAsync("parent.001", "Sortie imprévue")).Keys.Order());
        Assert.Equal(1L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM communication.message_sortant
            WHERE personne_id = @id AND canal = 'sms' AND texte LIKE '%Sortie imprévue%' AND lien LIKE '/emploi-du-temps?eleve=%&jour=2026-12-02'
            """, new { id = Id("parent.001") }));
    }

    [Fact]
    public async Task Un_changement_au_dela_de_24_heures_ne_part_que_dans_l_application_et_un_second_remplace_le_premier()
    {
        var maths = await ServiceAsync(app.ClasseA, "MATHS");
        await ModifierAsync("cpe", new
        {
            modifications = new[] { new { serviceId = maths, debutPrevu = Le(10, 10), nature = "deplace", debut = (DateTimeOffset?)Le(11, 14), fin = (DateTimeOffset?)Le(11, 15), salle = "B20", motif = "Salle B12 en travaux" } },
        });
        var parent = await MessagesAsync("parent.001", "Salle B12 en travaux");
        Assert.Equal(["application"], parent.Keys);
        var deplace = Assert.Single((await EleveAsync("eleve.001", "eleve.001", "2026-12-07", "2026-12-13")).Eleves[0].Cours, c => c.Statut == "deplace");
        Assert.Equal((Le(11, 14), (DateTimeOffset?)Le(10, 10), "B20"), (deplace.Debut, deplace.DebutPrevu, deplace.Salle));

        // A replacement for the same lesson replaces the move: one change, the replacing teacher's.
        await ModifierAsync("direction", new
        {
            modifications = new[] { new { serviceId = maths, debutPrevu = Le(10, 10), nature = "remplace", remplacantId = Id("prof.05"), motif = "Remplacement de M. le professeur" } },
        });
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.modification_cours WHERE service_id = @maths AND debut_prevu = @prevu",
            new { maths, prevu = Le(10, 10).ToUniversalTime() }));
        var semaine = (await EleveAsync("eleve.001", "eleve.001", "2026-12-07", "2026-12-13")).Eleves[0].Cours;
        var remplace = Assert.Single(semaine, c => c.ServiceId == maths && c.DebutPrevu == Le(10, 10));
        Assert.Equal(("remplace", Le(10, 10), "B12", Id("prof.05")), (remplace.Statut, remplace.Debut, remplace.Salle, remplace.EnseignantId));
        Assert.NotNull(remplace.EnseignantPrevu);

        // Both teachers see it: the replaced one marked, the replacing one among their lessons.
        var remplacant = await (await app.ClientConnecte("prof.05").GetAsync("/api/scolarite/enseignants/moi/emploi-du-temps?du=2026-12-10&au=2026-12-10"))
            .ReadAsync<EmploiDuTempsEnseignant>();
        Assert.Contains(remplacant.Cours, c => c.ServiceId == maths && c.Statut == "remplace");
        var titulaire = await (await app.ClientConnecte(await TitulaireAsync(maths)).GetAsync("/api/scolarite/enseignants/moi/emploi-du-temps?du=2026-12-10&au=2026-12-10"))
            .ReadAsync<EmploiDuTempsEnseignant>();
        Assert.Equal(Id("prof.05"), Assert.Single(titulaire.Cours, c => c.ServiceId == maths).EnseignantId);
    }

    [Fact]
    public async Task Retirer_une_modification_retablit_le_cours_et_previent_les_familles()
    {
        var maths = await ServiceAsync(app.ClasseA, "MATHS");
        var modification = Assert.Single((await ModifierAsync("cpe", new
        {
            modifications = new[] { new { serviceId = maths, debutPrevu = Le(14, 8), nature = "annule", motif = "Sortie au musée" } },
        })).Modifications);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(await TitulaireAsync(maths)).DeleteAsync($"{Lycee}/modifications-cours/{modification.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("parent.003").DeleteAsync($"{Lycee}/modifications-cours/{modification.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("cpe").DeleteAsync($"{Lycee}/modifications-cours/{modification.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("cpe").DeleteAsync($"{Lycee}/modifications-cours/{modification.Id}")).StatusCode);

        var lundi = Assert.Single((await EleveAsync("eleve.001", "eleve.001", "2026-12-14", "2026-12-14")).Eleves[0].Cours, c => c.ServiceId == maths);
        Assert.Equal(("normal", "B12"), (lundi.Statut, lundi.Salle));
        var messages = await MessagesAsync("parent.001", "lundi 14/12");
        Assert.Contains(messages["application"], t => t.Contains("annulé (Sortie au musée)", StringComparison.Ordinal));
        Assert.Contains(messages["application"], t => t.Contains("a lieu comme prévu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Un_cours_ajoute_apparait_et_une_requete_rejouee_ne_l_ajoute_pas_deux_fois()
    {
        var maths = await ServiceAsync(app.ClasseA, "MATHS");
        var corps = new { modifications = new[] { new { serviceId = maths, nature = "ajoute", debut = Le(12, 9), fin = Le(12, 11), salle = "B12", motif = "Devoir commun" } } };
        var premier = Assert.Single((await ModifierAsync("cpe", corps)).Modifications);
        var second = Assert.Single((await ModifierAsync("cpe", corps)).Modifications);
        Assert.Equal(premier.Id, second.Id);
        Assert.False(second.Nouvelle);
        var samedi = Assert.Single((await EleveAsync("eleve.001", "eleve.001", "2026-12-12", "2026-12-12")).Eleves[0].Cours);
        Assert.Equal(("ajoute", Le(12, 11)), (samedi.Statut, samedi.Fin));
        Assert.Single(Assert.Single(await MessagesAsync("eleve.001", "Devoir commun")).Value);
    }

    [Theory]
    [InlineData("prof.06", HttpStatusCode.NotFound)]
    [InlineData("parent.001", HttpStatusCode.NotFound)]
    [InlineData("eleve.001", HttpStatusCode.NotFound)]
    [InlineData("admin.region", HttpStatusCode.NotFound)]
    [InlineData("direction", HttpStatusCode.OK)]
    public async Task Seuls_la_vie_scolaire_et_la_direction_modifient_des_cours(string qui, HttpStatusCode attendu)
    {
        var maths = await ServiceAsync(app.ClasseB, "MATHS");
        var motif = $"Conseil de classe ({qui})";
        await ModifierAsync(qui, new { modifications = new[] { new { serviceId = maths, debutPrevu = Le(7, 8), nature = "annule", motif } } }, attendu);
        Assert.Equal(attendu == HttpStatusCode.OK ? 1L : 0L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM scolarite.modification_cours WHERE service_id = @maths AND motif = @motif", new { maths, motif }));
    }

    [Fact]
    public async Task Le_service_d_un_autre_etablissement_donne_404()
    {
        var autre = Guid.NewGuid();
        var classe = Guid.NewGuid();
        var service = Guid.NewGuid();
        await app.ExecuterAsync("""
            INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau) VALUES (@classe, @autre, '2026-2027', 'AUTRE', 'Autre', 'seconde');
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id) VALUES (@service, @prof, 'MATHS', 'Mathématiques', @classe);
            """, new { autre, classe, service, prof = Guid.NewGuid() });
        await ModifierAsync("cpe", new { modifications = new[] { new { serviceId = service, nature = "ajoute", debut = Le(12, 9), fin = Le(12, 10) } } },
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Une_saisie_invalide_est_refusee_en_francais_et_rien_n_est_ecrit()
    {
        var maths = await ServiceAsync(app.ClasseA, "MATHS");
        var reponse = await app.ClientConnecte("cpe").PostAsJsonAsync($"{Lycee}/modifications-cours", new
        {
            modifications = new object[]
            {
                new { serviceId = maths, debutPrevu = Le(17, 10), nature = "annule", motif = "Valide" },
                new { serviceId = maths, debutPrevu = Le(17, 11), nature = "annule", motif = "Pas un cours" },
                new { serviceId = maths, debutPrevu = Le(16, 10), nature = "annule" },
                new { serviceId = maths, debutPrevu = Le(16, 10), nature = "supprime" },
                new { serviceId = maths, debutPrevu = Le(14, 8), nature = "remplace", remplacantId = Id("parent.001") },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var erreurs = (await reponse.ReadJsonAsync())["errors"]!;
        Assert.NotNull(erreurs["modifications[2].motif"]);
        Assert.NotNull(erreurs["modifications[3].nature"]);

        // The shape is right, the lessons are not: a time with no lesson, a replacing teacher who is no teacher.
        reponse = await app.ClientConnecte("cpe").PostAsJsonAsync($"{Lycee}/modifications-cours", new
        {
            modifications = new object[]
            {
                new { serviceId = maths, debutPrevu = Le(17, 10), nature = "annule", motif = "Valide" },
                new { serviceId = maths, debutPrevu = Le(17, 11), nature = "annule", motif = "Pas un cours" },
                new { serviceId = maths, debutPrevu = Le(14, 8), nature = "remplace", remplacantId = Id("parent.001") },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        erreurs = (await reponse.ReadJsonAsync())["errors"]!;
        Assert.Contains("Aucun cours", erreurs["modifications[1].debutPrevu"]![0]!.GetValue<string>());
        Assert.NotNull(erreurs["modifications[2].remplacantId"]);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.modification_cours WHERE service_id = @maths AND debut_prevu = @prevu",
            new { maths, prevu = Le(17, 10).ToUniversalTime() }));

        var vide = await app.ClientConnecte("cpe").PostAsJsonAsync($"{Lycee}/modifications-cours", new { modifications = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, vide.StatusCode);
    }

    [Theory]
    [InlineData("cpe", "classe=2NDE1", HttpStatusCode.OK)]
    [InlineData("direction", "groupe=ESP2", HttpStatusCode.OK)]
    [InlineData("prof.01", "classe=2NDE1", HttpStatusCode.OK)]
    [InlineData("prof.01", "salle=B12", HttpStatusCode.OK)]
    [InlineData("prof.01", "groupe=ESP2", HttpStatusCode.NotFound)]
    [InlineData("parent.001", "classe=2NDE1", HttpStatusCode.NotFound)]
    [InlineData("eleve.001", "classe=2NDE1", HttpStatusCode.NotFound)]
    [InlineData("cpe", "classe=XYZ", HttpStatusCode.NotFound)]
    [InlineData("cpe", "classe=2NDE1&salle=B12", HttpStatusCode.BadRequest)]
    public async Task L_emploi_du_temps_d_une_classe_ou_d_une_salle_suit_les_regles(string qui, string requete, HttpStatusCode attendu)
    {
        var reponse = await app.ClientConnecte(qui).GetAsync($"{Lycee}/emploi-du-temps?{requete}&du=2026-11-30&au=2026-12-06");
        Assert.Equal(attendu, reponse.StatusCode);
    }

    [Fact]
    public async Task La_vie_scolaire_voit_une_classe_avec_ses_groupes_une_salle_et_un_enseignant()
    {
        var seconde = await (await app.ClientConnecte("cpe").GetAsync($"{Lycee}/emploi-du-temps?classe=2NDE1&du=2026-11-30&au=2026-12-06"))
            .ReadAsync<EmploiDuTempsEtablissement>();
        Assert.Contains(seconde.Cours, c => c.Matiere == "Espagnol LV2");
        var classe = await (await app.ClientConnecte("cpe").GetAsync($"{Lycee}/emploi-du-temps?classe={app.ClasseA}&du=2026-11-30&au=2026-12-06"))
            .ReadAsync<EmploiDuTempsEtablissement>();
        var libelle = await LibelleAsync(app.ClasseA);
        Assert.Contains(classe.Cours, c => c.Matiere == "Mathématiques" && c.Classe == libelle);
        Assert.Contains(classe.Groupes, g => g.Code == "ESP2");
        Assert.Contains("B12", classe.Salles);

        var salle = await (await app.ClientConnecte("cpe").GetAsync($"{Lycee}/emploi-du-temps?salle=A01&du=2026-11-30&au=2026-12-06"))
            .ReadAsync<EmploiDuTempsEtablissement>();
        Assert.NotEmpty(salle.Cours);
        Assert.All(salle.Cours, c => Assert.Equal("A01", c.Salle));

        var prof = await (await app.ClientConnecte("cpe").GetAsync($"{Lycee}/emploi-du-temps?enseignant={Id("prof.06")}&du=2026-11-30&au=2026-12-06"))
            .ReadAsync<EmploiDuTempsEtablissement>();
        Assert.Equal(new[] { await LibelleAsync(app.ClasseA), await LibelleAsync(app.ClasseB) }.Order(), prof.Cours.Select(c => c.Classe).Distinct().Order());

        // A teacher sees the lists they may ask for: classes and rooms, not the groups.
        var enseignant = await (await app.ClientConnecte("prof.01").GetAsync($"{Lycee}/emploi-du-temps?du=2026-11-30&au=2026-12-06"))
            .ReadAsync<EmploiDuTempsEtablissement>();
        Assert.Empty(enseignant.Groupes);
        Assert.Empty(enseignant.Cours);
        Assert.NotEmpty(enseignant.Classes);
    }
}
