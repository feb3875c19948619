using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ent.Testing;

namespace Ent.Scolarite.Tests;

/// <summary>
/// Classes, groups and teaching services of the current year, as the établissement's administrators read and arrange
/// them. Every test makes the classes and groups it changes (codes of its own): the demo's stay as they are.
/// </summary>
public sealed class StructureTests(StructureApp app) : IClassFixture<StructureApp>
{
    private static Guid Prof(int n) => StructureApp.Personne($"prof.{n:D2}");

    private static Guid Eleve(int n) => StructureApp.Personne($"eleve.{n:D3}");

    private async Task<Guid> ClasseAsync(string code, string niveau = "premiere")
    {
        var response = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/classes", new { code, libelle = $"Classe {code}", niveau });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((string)(await response.ReadJsonAsync())["id"]!);
    }

    private async Task<Guid> GroupeAsync(string code)
    {
        var response = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/groupes", new { code, libelle = $"Groupe {code}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((string)(await response.ReadJsonAsync())["id"]!);
    }

    private Task<Guid> ClasseDemoAsync(string code) => app.ScalarAsync<Guid>(
        "SELECT id FROM scolarite.classe WHERE etablissement_id = @EtablissementId AND annee_scolaire = @Annee AND code = @code",
        new { app.EtablissementId, app.Annee, code });

    /// <summary>The class's pupils, in .NET's order of Guids (PostgreSQL orders uuids differently).</summary>
    private async Task<Guid[]> ElevesDeAsync(Guid classeId) =>
        [.. (await app.ListAsync<Guid>("SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @classeId", new { classeId })).Order()];

    private async Task MatiereAsync(string code, string libelle) =>
        (await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/matieres/{code}", new { libelle, rang = 50 })).EnsureSuccessStatusCode();

    private static async Task<string[]> ErreursAsync(HttpResponseMessage response, string champ)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var probleme = await response.ReadJsonAsync();
        Assert.Equal("urn:ent:probleme:validation", (string?)probleme["type"]);
        return [.. probleme["errors"]![champ]!.AsArray().Select(m => (string)m!)];
    }

    // --- The structure as a whole -------------------------------------------------------------------------------------

    [Fact]
    public async Task The_head_reads_the_year_structure_with_names()
    {
        var response = await app.Direction.GetAsync($"{StructureApp.Route}/structure");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var structure = await response.ReadJsonAsync();
        Assert.Equal(app.Annee, (string?)structure["anneeScolaire"]);
        var seconde = structure["classes"]!.AsArray().Single(c => (string?)c!["code"] == "2NDE1")!;
        Assert.Equal(("Seconde 1", "seconde"), ((string?)seconde["libelle"], (string?)seconde["niveau"]));
        Assert.Equal(30, seconde["eleveIds"]!.AsArray().Count);
        Assert.Equal([Prof(2)], seconde["professeurPrincipalIds"]!.AsArray().Select(i => Guid.Parse((string)i!)));
        var espagnol = structure["groupes"]!.AsArray().Single(g => (string?)g!["code"] == "ESP2")!;
        Assert.Equal(30, espagnol["eleveIds"]!.AsArray().Count);
        var services = structure["services"]!.AsArray();
        var philo = services.Single(s => (string?)s!["matiereCode"] == "PHILO")!;
        Assert.Equal((Prof(12), "Philosophie", 2m), (Guid.Parse((string)philo["enseignantId"]!), (string?)philo["matiereLibelle"], (decimal)philo["coefficient"]!));
        Assert.Equal(await ClasseDemoAsync("TG1"), Guid.Parse((string)philo["classeId"]!));
        Assert.Contains(services, s => (string?)s!["matiereCode"] == "ESPAGNOL" && Guid.Parse((string)s["groupeId"]!) == Guid.Parse((string)espagnol["id"]!));
        // Another établissement's or another year's services are not this year's structure.
        Assert.DoesNotContain(services, s => Guid.Parse((string)s!["id"]!) == app.ServiceAutreEtablissement || Guid.Parse((string)s["id"]!) == app.ServiceAnneePassee);
        var enseignants = structure["enseignants"]!.AsArray();
        Assert.Equal(12, enseignants.Count);
        Assert.All(enseignants, e => Assert.False(string.IsNullOrEmpty((string?)e!["nom"])));
        var eleves = structure["eleves"]!.AsArray();
        Assert.Equal(120 + app.ElevesSansClasse.Length, eleves.Count);
        Assert.Contains(eleves, e => Guid.Parse((string)e!["id"]!) == app.ElevesSansClasse[0] && (string?)e["nom"] == "Sansclasse");
    }

    [Theory]
    [InlineData("cpe")]
    [InlineData("prof.02")]
    [InlineData("parent.001")]
    [InlineData("eleve.001")]
    public async Task Anyone_but_an_administrator_gets_404_on_the_structure(string login)
    {
        var response = await app.Client(login).GetAsync($"{StructureApp.Route}/structure");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:ent:probleme:introuvable", (string?)(await response.ReadJsonAsync())["type"]);
    }

    [Fact]
    public async Task The_structure_of_another_etablissement_is_404_and_without_a_token_401()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.Direction.GetAsync($"/api/scolarite/etablissements/{StructureApp.AutreUai}/structure")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(null).GetAsync($"{StructureApp.Route}/structure")).StatusCode);
    }

    [Fact]
    public async Task An_application_token_acting_for_nobody_gets_404()
    {
        var client = await app.ClientApplicationAsync();

        var structure = await client.GetAsync($"{StructureApp.Route}/structure");
        var classe = await client.PostAsJsonAsync($"{StructureApp.Route}/classes", new { code = "APPLI", libelle = "Appli", niveau = "seconde" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (structure.StatusCode, classe.StatusCode));
        Assert.Equal("Ce jeton ne représente aucune personne.", (string?)(await structure.ReadJsonAsync())["detail"]);
    }

    // --- Classes --------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_head_creates_a_class_whose_code_is_unique_this_year()
    {
        var response = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/classes", new { code = " 2nde5 ", libelle = "Seconde 5", niveau = "seconde" });
        var doublon = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/classes", new { code = "2NDE5", libelle = "Autre", niveau = "seconde" });
        var demo = await app.Client(StructureApp.AdministrateurLocal).PostAsJsonAsync($"{StructureApp.Route}/classes", new { code = "2NDE1", libelle = "Seconde 1", niveau = "seconde" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var classe = await response.ReadJsonAsync();
        Assert.Equal(("2NDE5", "Seconde 5", "seconde", app.Annee), ((string?)classe["code"], (string?)classe["libelle"], (string?)classe["niveau"], (string?)classe["anneeScolaire"]));
        Assert.Equal(HttpStatusCode.Conflict, doublon.StatusCode);
        Assert.Equal("L'établissement a déjà une classe de code 2NDE5 cette année.", (string?)(await doublon.ReadJsonAsync())["detail"]);
        Assert.Equal(HttpStatusCode.Conflict, demo.StatusCode);
        var structure = await app.Direction.GetFromJsonAsync<JsonObject>($"{StructureApp.Route}/structure");
        Assert.Contains(structure!["classes"]!.AsArray(), c => (string?)c!["code"] == "2NDE5" && c["eleveIds"]!.AsArray().Count == 0);
    }

    [Theory]
    [InlineData("""{"code":"","libelle":"Seconde","niveau":"seconde"}""", "code")]
    [InlineData("""{"code":"2NDE 6","libelle":"Seconde","niveau":"seconde"}""", "code")]
    [InlineData("""{"code":"2NDE6","libelle":"","niveau":"seconde"}""", "libelle")]
    [InlineData("""{"code":"2NDE6","libelle":"Seconde","niveau":"troisieme"}""", "niveau")]
    [InlineData("""{"libelle":"Seconde"}""", "niveau")]
    public async Task A_wrong_class_is_a_400_in_french(string json, string champ)
    {
        var response = await app.Direction.PostAsync($"{StructureApp.Route}/classes", Http.JsonBody(json));

        Assert.StartsWith("Le ", (await ErreursAsync(response, champ))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_head_fills_a_class_with_pupils_in_no_other_class()
    {
        var classe = await ClasseAsync("1G7");
        var eleves = app.ElevesSansClasse[..3];

        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/eleves", new { eleveIds = eleves });
        // Replacing: the class keeps only the new list.
        var remplacee = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/eleves", new { eleveIds = eleves[1..] });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, remplacee.StatusCode);
        Assert.Equal(eleves[1..].Order(), await ElevesDeAsync(classe));

        var videe = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/eleves", new { eleveIds = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.NoContent, videe.StatusCode);
        Assert.Empty(await ElevesDeAsync(classe));
    }

    [Fact]
    public async Task A_pupil_already_in_another_class_is_a_400_naming_the_line_and_nothing_is_written()
    {
        var classe = await ClasseAsync("1G8");
        var (libre, autre) = (app.ElevesSansClasse[3], app.ElevesSansClasse[4]);
        (await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/eleves", new { eleveIds = new[] { autre } })).EnsureSuccessStatusCode();
        var dejaEnSeconde = (await ElevesDeAsync(await ClasseDemoAsync("2NDE1")))[0];

        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/eleves", new { eleveIds = new[] { libre, dejaEnSeconde } });

        var message = Assert.Single(await ErreursAsync(response, "eleveIds[1]"));
        Assert.Matches("^.+ est déjà dans la classe 2NDE1 cette année : retirez d'abord l'élève de cette classe\\.$", message);
        Assert.Equal([autre], await ElevesDeAsync(classe));
    }

    [Fact]
    public async Task Unknown_repeated_or_non_pupil_ids_are_400_each_on_its_line()
    {
        var classe = await ClasseAsync("1G9");
        var inconnu = Guid.NewGuid();

        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/eleves", new
        {
            eleveIds = new[] { app.ElevesSansClasse[5], inconnu, app.ElevesSansClasse[5], Prof(1), StructureApp.Personne("parent.001") },
        });

        var erreurs = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["eleveIds[1]", "eleveIds[2]", "eleveIds[3]", "eleveIds[4]"], erreurs.Select(e => e.Key).Order());
        Assert.Equal($"Aucun élève de l'établissement n'a l'identifiant {inconnu}.", (string?)erreurs["eleveIds[1]"]![0]);
        Assert.Equal("Cette personne figure déjà plus haut dans la liste.", (string?)erreurs["eleveIds[2]"]![0]);
        Assert.Empty(await ElevesDeAsync(classe));
    }

    [Fact]
    public async Task The_pupils_of_the_other_etablissement_class_or_last_year_class_are_404()
    {
        foreach (var classe in new[] { app.ClasseAutreEtablissement, app.ClasseAnneePassee, Guid.NewGuid() })
        {
            var eleves = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/eleves", new { eleveIds = new[] { app.ElevesSansClasse[6] } });
            var principaux = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/professeurs-principaux", new { enseignantIds = new[] { Prof(1) } });

            Assert.Equal(HttpStatusCode.NotFound, eleves.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, principaux.StatusCode);
            Assert.Empty(await ElevesDeAsync(classe));
        }
    }

    [Fact]
    public async Task The_head_names_at_most_two_head_teachers_of_the_etablissement()
    {
        var classe = await ClasseAsync("TG5", "terminale");

        var deux = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/professeurs-principaux", new { enseignantIds = new[] { Prof(5), Prof(6) } });
        var trois = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/professeurs-principaux", new { enseignantIds = new[] { Prof(5), Prof(6), Prof(7) } });
        var eleve = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/professeurs-principaux", new { enseignantIds = new[] { Prof(7), Eleve(1) } });

        Assert.Equal(HttpStatusCode.NoContent, deux.StatusCode);
        Assert.Equal("Une classe a au plus deux professeurs principaux (une liste vide n'en laisse aucun).", (await ErreursAsync(trois, "enseignantIds"))[0]);
        Assert.Equal($"Aucun enseignant de l'établissement n'a l'identifiant {Eleve(1)}.", (await ErreursAsync(eleve, "enseignantIds[1]"))[0]);
        var principaux = await app.ListAsync<Guid>("SELECT enseignant_id FROM scolarite.professeur_principal WHERE classe_id = @classe", new { classe });
        Assert.Equal(new[] { Prof(5), Prof(6) }.Order(), principaux.Order());
    }

    // --- Groups ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_head_creates_a_group_and_fills_it_with_pupils_of_any_class()
    {
        var groupe = await GroupeAsync("latin");
        var eleves = new[] { Eleve(1), Eleve(2), app.ElevesSansClasse[7] };

        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/groupes/{groupe}/eleves", new { eleveIds = eleves });
        var doublon = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/groupes", new { code = "LATIN", libelle = "Latin" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var structure = await app.Direction.GetFromJsonAsync<JsonObject>($"{StructureApp.Route}/structure");
        var latin = structure!["groupes"]!.AsArray().Single(g => (string?)g!["code"] == "LATIN")!;
        Assert.Equal(eleves.Order(), latin["eleveIds"]!.AsArray().Select(i => Guid.Parse((string)i!)).Order());
        Assert.Equal(HttpStatusCode.Conflict, doublon.StatusCode);
    }

    [Fact]
    public async Task A_group_batch_with_one_bad_pupil_writes_nothing()
    {
        var groupe = await GroupeAsync("THEATRE");
        (await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/groupes/{groupe}/eleves", new { eleveIds = new[] { Eleve(3) } })).EnsureSuccessStatusCode();

        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/groupes/{groupe}/eleves", new { eleveIds = new[] { Eleve(4), Prof(3), Eleve(5) } });

        Assert.Single(await ErreursAsync(response, "eleveIds[1]"));
        Assert.Equal([Eleve(3)], await app.ListAsync<Guid>("SELECT eleve_id FROM scolarite.inscription_groupe WHERE groupe_id = @groupe", new { groupe }));
    }

    [Fact]
    public async Task A_group_of_another_etablissement_is_404()
    {
        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/groupes/{app.GroupeAutreEtablissement}/eleves", new { eleveIds = new[] { Eleve(1) } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"code":"LV 3","libelle":"Langue"}""", "code")]
    [InlineData("""{"code":"LV3"}""", "libelle")]
    public async Task A_wrong_group_is_a_400(string json, string champ)
    {
        await ErreursAsync(await app.Direction.PostAsync($"{StructureApp.Route}/groupes", Http.JsonBody(json)), champ);
    }

    // --- Teaching services ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_head_creates_changes_and_deletes_a_teaching_service()
    {
        await MatiereAsync("CHINOIS", "Chinois LV3");
        var classe = await ClasseAsync("1G10");

        var cree = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/services", new { enseignantId = Prof(6), matiereCode = "CHINOIS", classeId = classe, coefficient = 1.5m });

        Assert.Equal(HttpStatusCode.Created, cree.StatusCode);
        var service = await cree.ReadJsonAsync();
        var id = Guid.Parse((string)service["id"]!);
        Assert.Equal(("Chinois LV3", 1.5m, classe), ((string?)service["matiereLibelle"], (decimal)service["coefficient"]!, Guid.Parse((string)service["classeId"]!)));
        Assert.Null(service["groupeId"]?.GetValue<string>());

        var doublon = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/services", new { enseignantId = Prof(6), matiereCode = "CHINOIS", classeId = classe, coefficient = 2 });
        Assert.Equal(HttpStatusCode.Conflict, doublon.StatusCode);
        Assert.Equal("Cet enseignant enseigne déjà la matière Chinois LV3 à cette classe.", (string?)(await doublon.ReadJsonAsync())["detail"]);

        var modifie = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/services/{id}", new { enseignantId = Prof(7), coefficient = 3 });
        Assert.Equal(HttpStatusCode.OK, modifie.StatusCode);
        var apres = await modifie.ReadJsonAsync();
        Assert.Equal((Prof(7), 3m, "CHINOIS"), (Guid.Parse((string)apres["enseignantId"]!), (decimal)apres["coefficient"]!, (string?)apres["matiereCode"]));

        var supprime = await app.Direction.DeleteAsync($"{StructureApp.Route}/services/{id}");
        Assert.Equal(HttpStatusCode.NoContent, supprime.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.service_enseignement WHERE id = @id", new { id }));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Direction.DeleteAsync($"{StructureApp.Route}/services/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_service_for_a_group_works_the_same()
    {
        await MatiereAsync("GREC", "Grec ancien");
        var groupe = await GroupeAsync("GREC");

        var response = await app.Client(StructureApp.AdministrateurLocal).PostAsJsonAsync($"{StructureApp.Route}/services",
            new { enseignantId = Prof(8), matiereCode = "GREC", groupeId = groupe, coefficient = 0.5m });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var service = await response.ReadJsonAsync();
        Assert.Equal(groupe, Guid.Parse((string)service["groupeId"]!));
        Assert.Null(service["classeId"]?.GetValue<string>());
    }

    public static TheoryData<string, string> ServicesInvalides => new()
    {
        // The body, where {prof}, {classe}, {groupe}, {autre} stand for ids; then the field in error.
        { """{"enseignantId":"{inconnu}","matiereCode":"MATHS","classeId":"{classe}","coefficient":1}""", "enseignantId" },
        { """{"enseignantId":"{eleve}","matiereCode":"MATHS","classeId":"{classe}","coefficient":1}""", "enseignantId" },
        { """{"enseignantId":"{prof}","matiereCode":"ASTRO","classeId":"{classe}","coefficient":1}""", "matiereCode" },
        { """{"enseignantId":"{prof}","matiereCode":"maths","classeId":"{classe}","coefficient":1}""", "matiereCode" },
        { """{"enseignantId":"{prof}","matiereCode":"MATHS","coefficient":1}""", "classeId" },
        { """{"enseignantId":"{prof}","matiereCode":"MATHS","classeId":"{classe}","groupeId":"{groupe}","coefficient":1}""", "groupeId" },
        { """{"enseignantId":"{prof}","matiereCode":"MATHS","classeId":"{autre}","coefficient":1}""", "classeId" },
        { """{"enseignantId":"{prof}","matiereCode":"MATHS","classeId":"{passee}","coefficient":1}""", "classeId" },
        { """{"enseignantId":"{prof}","matiereCode":"MATHS","groupeId":"{autreGroupe}","coefficient":1}""", "groupeId" },
        { """{"enseignantId":"{prof}","matiereCode":"MATHS","classeId":"{classe}","coefficient":0}""", "coefficient" },
        { """{"enseignantId":"{prof}","matiereCode":"MATHS","classeId":"{classe}","coefficient":99.5}""", "coefficient" },
        { """{"enseignantId":"{prof}","matiereCode":"MATHS","classeId":"{classe}","coefficient":1.255}""", "coefficient" },
    };

    [Theory]
    [MemberData(nameof(ServicesInvalides))]
    public async Task A_wrong_service_is_a_400_and_creates_nothing(string json, string champ)
    {
        await MatiereAsync("MATHS", "Mathématiques");
        var classe = await ClasseDemoAsync("1G1");
        var groupe = await app.ScalarAsync<Guid>("SELECT id FROM scolarite.groupe WHERE etablissement_id = @EtablissementId AND code = 'ESP2'", new { app.EtablissementId });
        var avant = await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.service_enseignement");
        json = json.Replace("{inconnu}", $"{Guid.NewGuid()}", StringComparison.Ordinal).Replace("{eleve}", $"{Eleve(1)}", StringComparison.Ordinal)
            .Replace("{prof}", $"{Prof(9)}", StringComparison.Ordinal).Replace("{classe}", $"{classe}", StringComparison.Ordinal)
            .Replace("{groupe}", $"{groupe}", StringComparison.Ordinal).Replace("{autre}", $"{app.ClasseAutreEtablissement}", StringComparison.Ordinal)
            .Replace("{passee}", $"{app.ClasseAnneePassee}", StringComparison.Ordinal)
            .Replace("{autreGroupe}", $"{app.GroupeAutreEtablissement}", StringComparison.Ordinal);

        var response = await app.Direction.PostAsync($"{StructureApp.Route}/services", Http.JsonBody(json));

        Assert.NotEmpty(await ErreursAsync(response, champ));
        Assert.Equal(avant, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.service_enseignement"));
    }

    [Fact]
    public async Task An_unknown_subject_says_to_create_it_first()
    {
        var response = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/services",
            new { enseignantId = Prof(9), matiereCode = "ASTRO", classeId = await ClasseDemoAsync("1G1"), coefficient = 1 });

        Assert.Equal("L'établissement n'a pas de matière de code ASTRO : créez-la d'abord.", (await ErreursAsync(response, "matiereCode"))[0]);
    }

    [Fact]
    public async Task A_service_with_assessments_cannot_be_deleted()
    {
        await MatiereAsync("MUSIQUE", "Éducation musicale");
        var classe = await ClasseAsync("1G11");
        var cree = await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/services", new { enseignantId = Prof(10), matiereCode = "MUSIQUE", classeId = classe, coefficient = 1 });
        var service = Guid.Parse((string)(await cree.ReadJsonAsync())["id"]!);
        var periode = (await app.TrimestresAsync())[0];
        await app.ExecuteAsync("""
            INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, cree_par)
            VALUES (gen_random_uuid(), @service, @periode, now()::date, 'Chant', 20, @prof)
            """, new { service, periode, prof = Prof(10) });

        var response = await app.Direction.DeleteAsync($"{StructureApp.Route}/services/{service}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("Ce service a déjà des évaluations", (string?)(await response.ReadJsonAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.service_enseignement WHERE id = @service", new { service }));
        // Its teacher can still change (a replacement takes the assessments over).
        var remplacant = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/services/{service}", new { enseignantId = Prof(11), coefficient = 1 });
        Assert.Equal(HttpStatusCode.OK, remplacant.StatusCode);
    }

    [Fact]
    public async Task Changing_a_service_into_a_duplicate_is_409()
    {
        await MatiereAsync("ITALIEN", "Italien");
        var classe = await ClasseAsync("1G12");
        foreach (var prof in new[] { 3, 4 })
        {
            (await app.Direction.PostAsJsonAsync($"{StructureApp.Route}/services", new { enseignantId = Prof(prof), matiereCode = "ITALIEN", classeId = classe, coefficient = 1 }))
                .EnsureSuccessStatusCode();
        }

        var service = await app.ScalarAsync<Guid>("SELECT id FROM scolarite.service_enseignement WHERE classe_id = @classe AND enseignant_id = @prof",
            new { classe, prof = Prof(4) });

        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/services/{service}", new { enseignantId = Prof(3), coefficient = 1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(Prof(4), await app.ScalarAsync<Guid>("SELECT enseignant_id FROM scolarite.service_enseignement WHERE id = @service", new { service }));
    }

    [Fact]
    public async Task A_wrong_change_of_service_is_a_400()
    {
        var service = await app.ScalarAsync<Guid>("SELECT id FROM scolarite.service_enseignement WHERE matiere_code = 'PHILO' AND enseignant_id = @prof", new { prof = Prof(12) });

        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/services/{service}", new { enseignantId = Eleve(1), coefficient = 100 });

        Assert.Equal($"Aucun enseignant de l'établissement n'a l'identifiant {Eleve(1)}.", (await ErreursAsync(response, "enseignantId"))[0]);
        Assert.Equal("Le coefficient est un nombre supérieur à 0 et au plus égal à 99, avec deux décimales au plus.",
            (string?)(await response.ReadJsonAsync())["errors"]!["coefficient"]![0]);
    }

    [Fact]
    public async Task A_service_of_another_etablissement_or_of_last_year_is_404()
    {
        foreach (var service in new[] { app.ServiceAutreEtablissement, app.ServiceAnneePassee })
        {
            var modifie = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/services/{service}", new { enseignantId = Prof(1), coefficient = 4 });
            var supprime = await app.Direction.DeleteAsync($"{StructureApp.Route}/services/{service}");

            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (modifie.StatusCode, supprime.StatusCode));
            Assert.Equal(1m, await app.ScalarAsync<decimal>("SELECT coefficient FROM scolarite.service_enseignement WHERE id = @service", new { service }));
        }
    }

    // --- Who may -------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("cpe")]
    [InlineData("prof.12")]
    [InlineData("parent.001")]
    [InlineData("eleve.001")]
    public async Task Anyone_but_an_administrator_gets_404_on_every_write(string login)
    {
        var client = app.Client(login);
        var classe = await ClasseDemoAsync("TG1");
        var groupe = await app.ScalarAsync<Guid>("SELECT id FROM scolarite.groupe WHERE etablissement_id = @EtablissementId AND code = 'ESP2'", new { app.EtablissementId });
        var service = await app.ScalarAsync<Guid>("SELECT id FROM scolarite.service_enseignement WHERE classe_id = @classe AND matiere_code = 'PHILO'", new { classe });
        var eleves = await ElevesDeAsync(classe);

        HttpResponseMessage[] reponses =
        [
            await client.PostAsJsonAsync($"{StructureApp.Route}/classes", new { code = "HACK", libelle = "Hack", niveau = "seconde" }),
            await client.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/eleves", new { eleveIds = Array.Empty<Guid>() }),
            await client.PutAsJsonAsync($"{StructureApp.Route}/classes/{classe}/professeurs-principaux", new { enseignantIds = Array.Empty<Guid>() }),
            await client.PostAsJsonAsync($"{StructureApp.Route}/groupes", new { code = "HACK", libelle = "Hack" }),
            await client.PutAsJsonAsync($"{StructureApp.Route}/groupes/{groupe}/eleves", new { eleveIds = Array.Empty<Guid>() }),
            await client.PostAsJsonAsync($"{StructureApp.Route}/services", new { enseignantId = Prof(12), matiereCode = "PHILO", classeId = classe, coefficient = 9 }),
            await client.PutAsJsonAsync($"{StructureApp.Route}/services/{service}", new { enseignantId = Prof(1), coefficient = 9 }),
            await client.DeleteAsync($"{StructureApp.Route}/services/{service}"),
        ];

        Assert.All(reponses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(eleves, await ElevesDeAsync(classe));
        Assert.Equal(Prof(12), await app.ScalarAsync<Guid>("SELECT enseignant_id FROM scolarite.service_enseignement WHERE id = @service", new { service }));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.classe WHERE code = 'HACK'"));
    }
}
