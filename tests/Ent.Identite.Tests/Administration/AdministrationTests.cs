using System.Net;
using System.Net.Http.Json;
using Ent.Testing;

namespace Ent.Identite.Tests.Administration;

/// <summary>
/// The établissement's administration screens' API (issue #14): the head and the local administrators search the people
/// of their établissement, read a card, unlock, deactivate and reactivate an account, fix a guardian link, switch the
/// staff's second factor; each act is in the access log; everyone else — parents, teachers, the CPE, another
/// établissement's head, the region's administrators — gets 404; bad input gets a French 400, never a 500.
/// </summary>
public sealed class AdministrationTests(AdministrationApp app) : IClassFixture<AdministrationApp>
{
    private const string Base = "/api/identite/etablissements/0750000A";

    [Fact]
    public async Task The_local_administrator_finds_people_by_name_login_class_and_profile_and_each_is_logged()
    {
        var admin = app.ClientConnecte("admin.ent");
        var eleve = await app.PersonneAsync("eleve.001");
        var (nom, prenom) = (await app.ScalarAsync<string>("SELECT nom FROM identite.personne WHERE id = @eleve", new { eleve }),
            await app.ScalarAsync<string>("SELECT prenom FROM identite.personne WHERE id = @eleve", new { eleve }));

        var parNom = await (await admin.GetAsync($"{Base}/personnes?q={Uri.EscapeDataString(prenom[..2] + " " + nom[..2])}")).ReadJsonAsync();
        Assert.Contains(parNom["personnes"]!.AsArray(), p => (string?)p!["personneId"] == eleve.ToString());

        // The start of a login, whatever the case.
        var parLogin = await (await admin.GetAsync($"{Base}/personnes?q=ELEVE.00")).ReadJsonAsync();
        Assert.Equal(9, parLogin["personnes"]!.AsArray().Count);
        Assert.All(parLogin["personnes"]!.AsArray(), p => Assert.StartsWith("eleve.00", (string?)p!["identifiant"], StringComparison.Ordinal));
        var premier = parLogin["personnes"]!.AsArray().Single(p => (string?)p!["identifiant"] == "eleve.001")!;
        Assert.Equal("actif", (string?)premier["etat"]);
        Assert.Equal("eleve", (string?)premier["profils"]![0]!["profil"]);
        Assert.False(string.IsNullOrEmpty((string?)premier["classe"]));

        // A class: its pupils and their guardians; with a profile, only those.
        var classe = (string)premier["classe"]!;
        var parClasse = await (await admin.GetAsync($"{Base}/personnes?classe={classe}")).ReadJsonAsync();
        var eleves = await app.ScalarAsync<int>("""
            SELECT count(*)::int FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id WHERE c.code = @classe
            """, new { classe });
        var responsables = await app.ScalarAsync<int>("""
            SELECT count(DISTINCT l.responsable_id)::int FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id WHERE c.code = @classe
            """, new { classe });
        Assert.Equal(Math.Min(50, eleves + responsables), parClasse["personnes"]!.AsArray().Count);
        var elevesDeLaClasse = await (await admin.GetAsync($"{Base}/personnes?classe={classe.ToLowerInvariant()}&profil=eleve")).ReadJsonAsync();
        Assert.Equal(eleves, elevesDeLaClasse["personnes"]!.AsArray().Count);
        Assert.All(elevesDeLaClasse["personnes"]!.AsArray(), p => Assert.Equal(classe, (string?)p!["classe"]));

        var enseignants = await (await admin.GetAsync($"{Base}/personnes?profil=enseignant")).ReadJsonAsync();
        Assert.Equal(12, enseignants["personnes"]!.AsArray().Count);
        Assert.False((bool)enseignants["tronque"]!);
        var tous = await (await admin.GetAsync($"{Base}/personnes?profil=eleve")).ReadJsonAsync();
        Assert.Equal(50, tous["personnes"]!.AsArray().Count);
        Assert.True((bool)tous["tronque"]!);

        Assert.Equal(1, await app.JournalAsync("RechercherPersonnes", "admin.ent", await app.PersonneAsync("prof.01")));
    }

    [Fact]
    public async Task A_card_shows_profiles_links_both_ways_account_and_is_logged()
    {
        var direction = app.ClientConnecte("direction");
        var eleve = await app.PersonneAsync("eleve.002");
        var reponse = await direction.GetAsync($"{Base}/personnes/{eleve}");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var fiche = await reponse.ReadJsonAsync();
        Assert.Equal("eleve", (string?)fiche["profils"]![0]!["profil"]);
        Assert.Equal("eleve.002", (string?)fiche["compte"]!["identifiant"]);
        Assert.Equal("actif", (string?)fiche["compte"]!["etat"]);
        Assert.False((bool)fiche["compte"]!["verrouille"]!);
        Assert.False((bool)fiche["compte"]!["doubleAuthentification"]!);
        Assert.Empty(fiche["applications"]!.AsArray());
        var responsables = fiche["responsables"]!.AsArray();
        Assert.NotEmpty(responsables);
        Assert.All(responsables, r => Assert.False((bool)r!["fixeManuellement"]!));
        Assert.Equal(1, await app.JournalAsync("ObtenirFichePersonne", "direction", eleve));

        // The guardian's card names the pupil among their children.
        var responsable = Guid.Parse((string)responsables[0]!["responsableId"]!);
        var carte = await (await direction.GetAsync($"{Base}/personnes/{responsable}")).ReadJsonAsync();
        Assert.Contains(carte["enfants"]!.AsArray(), e => (string?)e!["eleveId"] == eleve.ToString());
        Assert.Equal("responsable", (string?)carte["profils"]![0]!["profil"]);

        // Someone of no établissement of the caller's: the same 404 as an unknown id.
        Assert.Equal(HttpStatusCode.NotFound, (await direction.GetAsync($"{Base}/personnes/{await app.PersonneAsync(AdministrationApp.DirectionVoisin)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await direction.GetAsync($"{Base}/personnes/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Unlocking_forgets_the_failed_attempts_and_is_logged()
    {
        var personne = await app.PersonneAsync("parent.010");
        await app.ExecuterAsync("""
            INSERT INTO identite.tentative_connexion (identifiant, reussie, le) SELECT 'parent.010', false, now() FROM generate_series(1, 5)
            """);
        var admin = app.ClientConnecte("admin.ent");
        Assert.True((bool)(await (await admin.GetAsync($"{Base}/personnes/{personne}")).ReadJsonAsync())["compte"]!["verrouille"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"{Base}/personnes/{personne}/deblocage", null)).StatusCode);

        Assert.False((bool)(await (await admin.GetAsync($"{Base}/personnes/{personne}")).ReadJsonAsync())["compte"]!["verrouille"]!);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*)::int FROM identite.tentative_connexion WHERE identifiant = 'parent.010' AND NOT reussie"));
        Assert.Equal(1, await app.JournalAsync("DebloquerCompte", "admin.ent", personne));
    }

    [Fact]
    public async Task Deactivating_closes_the_account_without_deleting_and_reactivating_opens_it_again()
    {
        var personne = await app.PersonneAsync("eleve.030");
        var admin = app.ClientConnecte("admin.ent");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"{Base}/personnes/{personne}/desactivation", null)).StatusCode);
        Assert.Equal("desactive", await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE personne_id = @personne", new { personne }));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*)::int FROM identite.personne WHERE id = @personne", new { personne }));
        Assert.Equal(1, await app.JournalAsync("DesactiverCompte", "admin.ent", personne));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"{Base}/personnes/{personne}/reactivation", null)).StatusCode);
        Assert.Equal("actif", await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE personne_id = @personne", new { personne }));
        Assert.Equal(1, await app.JournalAsync("ReactiverCompte", "admin.ent", personne));

        // An account never activated goes back to « à activer »: the family still has to choose its password.
        await app.ExecuterAsync("UPDATE identite.compte SET etat = 'desactive', mot_de_passe_hash = NULL, active_le = NULL WHERE personne_id = @personne", new { personne });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"{Base}/personnes/{personne}/reactivation", null)).StatusCode);
        Assert.Equal("a_activer", await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE personne_id = @personne", new { personne }));

        // Nobody closes their own account from here.
        var soi = await admin.PostAsync($"{Base}/personnes/{await app.PersonneAsync("admin.ent")}/desactivation", null);
        Assert.Equal(HttpStatusCode.BadRequest, soi.StatusCode);
        Assert.Contains("propre compte", (string?)(await soi.ReadJsonAsync())["errors"]!["personneId"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixing_a_guardian_link_sets_it_as_the_administrator_says_and_marks_it_kept_through_imports()
    {
        var eleve = await app.PersonneAsync("eleve.040");
        var responsable = await app.ScalarAsync<Guid>("SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @eleve ORDER BY responsable_id LIMIT 1", new { eleve });
        var admin = app.ClientConnecte("admin.ent");

        var reponse = await admin.PutAsJsonAsync($"{Base}/liens/{responsable}/{eleve}", new { lien = "tuteur", legal = false, recoitNotifications = false });

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var lien = await reponse.ReadJsonAsync();
        Assert.Equal(("tuteur", false, false, true), ((string?)lien["lien"], (bool)lien["legal"]!, (bool)lien["recoitNotifications"]!, (bool)lien["fixeManuellement"]!));
        Assert.True(await app.ScalarAsync<bool>("""
            SELECT fixe_manuellement AND NOT legal AND lien = 'tuteur' AND NOT recoit_notifications
            FROM identite.lien_responsable WHERE responsable_id = @responsable AND eleve_id = @eleve
            """, new { responsable, eleve }));
        Assert.Equal(1, await app.JournalAsync("CorrigerLienResponsable", "admin.ent", eleve));

        // Bad input: French 400 per field; a pupil of nobody here: 404.
        var mauvais = await admin.PutAsJsonAsync($"{Base}/liens/{responsable}/{eleve}", new { lien = "cousin" });
        Assert.Equal(HttpStatusCode.BadRequest, mauvais.StatusCode);
        var erreurs = (await mauvais.ReadJsonAsync())["errors"]!;
        Assert.NotNull(erreurs["lien"]);
        Assert.NotNull(erreurs["legal"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsync($"{Base}/liens/{responsable}/{eleve}", Ent.Testing.Http.JsonBody("{pas du json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.PutAsJsonAsync($"{Base}/liens/{responsable}/{Guid.NewGuid()}", new { lien = "mere", legal = true, recoitNotifications = true })).StatusCode);
    }

    [Fact]
    public async Task The_staff_second_factor_switch_is_read_set_and_logged()
    {
        var admin = app.ClientConnecte("admin.ent");
        var route = $"{Base}/double-authentification-personnel";
        Assert.False((bool)(await (await admin.GetAsync(route)).ReadJsonAsync())["exigee"]!);

        var reponse = await admin.PutAsJsonAsync(route, new { exigee = true });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.True((bool)(await (await admin.GetAsync(route)).ReadJsonAsync())["exigee"]!);
        Assert.True(await app.ScalarAsync<bool>("SELECT double_authentification_personnel FROM identite.etablissement WHERE uai = '0750000A'"));
        Assert.Equal(1, await app.JournalAsync("DefinirDoubleAuthentificationPersonnel", "admin.ent", await app.PersonneAsync("admin.ent")));

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(route, new { autre = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(route, new { exigee = false })).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_an_application_the_person_never_allowed_is_404()
    {
        var admin = app.ClientConnecte("admin.ent");
        var personne = await app.PersonneAsync("parent.001");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{Base}/personnes/{personne}/applications/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync($"{Base}/personnes/{personne}/applications/{new string('a', 101)}")).StatusCode);
    }

    [Theory]
    [InlineData("parent.001")]
    [InlineData("prof.01")]
    [InlineData("cpe")]
    [InlineData("infirmerie")]
    [InlineData("eleve.001")]
    [InlineData(AdministrationApp.DirectionVoisin)]
    [InlineData("admin.region")]
    public async Task Nobody_but_the_etablissement_administrators_gets_anything(string identifiant)
    {
        var client = app.ClientConnecte(identifiant);
        var eleve = await app.PersonneAsync("eleve.050");
        var responsable = await app.ScalarAsync<Guid>("SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @eleve LIMIT 1", new { eleve });
        var etat = await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE personne_id = @eleve", new { eleve });

        foreach (var reponse in new[]
                 {
                     await client.GetAsync($"{Base}/personnes?q=ma"),
                     await client.GetAsync($"{Base}/personnes/{eleve}"),
                     await client.PostAsync($"{Base}/personnes/{eleve}/deblocage", null),
                     await client.PostAsync($"{Base}/personnes/{eleve}/desactivation", null),
                     await client.PostAsync($"{Base}/personnes/{eleve}/reactivation", null),
                     await client.PutAsJsonAsync($"{Base}/liens/{responsable}/{eleve}", new { lien = "autre", legal = false, recoitNotifications = false }),
                     await client.GetAsync($"{Base}/double-authentification-personnel"),
                     await client.PutAsJsonAsync($"{Base}/double-authentification-personnel", new { exigee = true }),
                     await client.DeleteAsync($"{Base}/personnes/{eleve}/applications/x"),
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await reponse.ReadJsonAsync())["type"]);
        }

        Assert.Equal(etat, await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE personne_id = @eleve", new { eleve }));
        Assert.False(await app.ScalarAsync<bool>("SELECT fixe_manuellement FROM identite.lien_responsable WHERE responsable_id = @responsable AND eleve_id = @eleve",
            new { responsable, eleve }));
        if (identifiant != "admin.region")
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/identite/region/etablissements")).StatusCode);
        }
    }

    [Theory]
    [InlineData("/personnes?q=e", "q")]
    [InlineData("/personnes", "q")]
    [InlineData("/personnes?profil=directeur", "profil")]
    [InlineData("/personnes?classe=0123456789012345678901234567890", "classe")]
    public async Task Bad_input_gets_a_french_400(string route, string champ)
    {
        var reponse = await app.ClientConnecte("direction").GetAsync(Base + route);
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        Assert.NotNull((await reponse.ReadJsonAsync())["errors"]![champ]);
    }

    [Fact]
    public async Task A_malformed_uai_is_400_and_an_unknown_one_404()
    {
        var direction = app.ClientConnecte("direction");
        Assert.Equal(HttpStatusCode.BadRequest, (await direction.GetAsync("/api/identite/etablissements/pas-une-uai/personnes?q=ma")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await direction.GetAsync("/api/identite/etablissements/0999999Z/personnes?q=ma")).StatusCode);
    }

    [Fact]
    public async Task The_region_sees_each_etablissement_with_its_import_and_activation_figures_and_no_one_by_name()
    {
        await app.ExecuterAsync("""
            INSERT INTO identite.import_aaf (id, nature, annee_scolaire, source, etat) VALUES ('00000000-0000-0000-0000-00000000a0a0', 'complet', '2026-2027', 'commande', 'termine');
            INSERT INTO identite.import_aaf_etablissement (import_id, etablissement_id, etat, termine_le)
            SELECT '00000000-0000-0000-0000-00000000a0a0', id, 'termine', '2026-09-01T06:00:00Z' FROM identite.etablissement WHERE uai = '0750000A';
            """);
        var reponse = await app.ClientConnecte("admin.region").GetAsync("/api/identite/region/etablissements");

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var texte = await reponse.Content.ReadAsStringAsync();
        var liste = (await reponse.ReadJsonAsync()).AsArray();
        var demo = liste.Single(e => (string?)e!["uai"] == "0750000A")!;
        Assert.Equal("termine", (string?)demo["dernierImport"]);
        Assert.NotNull(demo["dernierImportLe"]);
        var comptes = await app.ScalarAsync<int>("""
            SELECT count(DISTINCT c.id)::int FROM identite.compte c JOIN identite.rattachement r ON r.personne_id = c.personne_id
            JOIN identite.etablissement e ON e.id = r.etablissement_id WHERE e.uai = '0750000A' AND c.etat <> 'desactive'
            """);
        var actifs = (int)demo["comptes"]!["actifs"]! + (int)demo["comptes"]!["aActiver"]! + (int)demo["comptes"]!["bloques"]!;
        Assert.Equal(comptes, actifs);
        Assert.Equal(Math.Round(((int)demo["comptes"]!["actifs"]! + (int)demo["comptes"]!["bloques"]!) / (double)comptes, 4), (double)demo["tauxActivation"]!);
        var voisin = liste.Single(e => (string?)e!["uai"] == "0990001X")!;
        Assert.Null((string?)voisin["dernierImport"]);

        // The app offers the region's screen to whoever /me says administers the region.
        Assert.True((bool)(await (await app.ClientConnecte("admin.region").GetAsync("/api/identite/me")).ReadJsonAsync())["administrateurRegion"]!);
        Assert.False((bool)(await (await app.ClientConnecte("admin.ent").GetAsync("/api/identite/me")).ReadJsonAsync())["administrateurRegion"]!);

        // Figures only: no pupil's name anywhere in the answer.
        var nom = await app.ScalarAsync<string>("SELECT p.nom FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id WHERE c.identifiant = 'eleve.001'");
        Assert.DoesNotContain(nom, texte, StringComparison.Ordinal);
    }
}
