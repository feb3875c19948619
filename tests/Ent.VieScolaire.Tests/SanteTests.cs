using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.VieScolaire.Tests;

/// <summary>
/// School health over HTTP with real tokens (issue 18): the nurse records visits and PAI; the family is told at once when
/// the pupil is sent home or the emergency services come, in words that say nothing of why; the record is read by the
/// nurse, the legal guardians and the pupil from 15, never by teachers, the CPE or the head (404), who see only a PAI's
/// emergency instructions; everything medical is encrypted in the database; every read is in the access log.
/// Each test works on its own pupil.
/// </summary>
public sealed class SanteTests(EntApp app) : IClassFixture<EntApp>
{
    private sealed record Eleve(Guid Id, string Classe, string Responsable, string ProfDeLaClasse, string ProfDUneAutreClasse);

    private async Task<Eleve> EleveAsync(string login)
    {
        var id = await app.PersonneAsync(login);
        // 16 whatever the day: the demo's birth dates make some pupils 14 in the autumn, and the pupil reads their record from 15.
        await using (var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await conn.ExecuteAsync("UPDATE identite.personne SET date_naissance = (current_date - interval '16 years')::date WHERE id = @id", new { id });
        }

        var classe = await app.ScalarAsync<string>("""
            SELECT c.code FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id WHERE i.eleve_id = @id LIMIT 1
            """, new { id });
        var prof = await app.ScalarAsync<string>("""
            SELECT k.identifiant FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            JOIN identite.compte k ON k.personne_id = s.enseignant_id WHERE c.code = @classe ORDER BY k.identifiant LIMIT 1
            """, new { classe });
        var autre = await app.ScalarAsync<string>("""
            SELECT k.identifiant FROM identite.compte k JOIN identite.rattachement r ON r.personne_id = k.personne_id AND r.profil = 'enseignant'
            WHERE NOT EXISTS (SELECT 1 FROM scolarite.service_enseignement s
                              WHERE s.enseignant_id = k.personne_id
                                AND (s.classe_id IN (SELECT classe_id FROM scolarite.inscription_classe WHERE eleve_id = @id)
                                     OR s.groupe_id IN (SELECT groupe_id FROM scolarite.inscription_groupe WHERE eleve_id = @id)))
            ORDER BY k.identifiant LIMIT 1
            """, new { id });
        return new Eleve(id, classe, await app.ResponsableAsync(id), prof, autre);
    }

    private static object Passage(string issue, string motif = "malaise", string? soins = "Température 38,6 °C, repos allongé.", DateTimeOffset? arrivee = null) =>
        new { arrivee = arrivee ?? DateTimeOffset.UtcNow.AddMinutes(-30), depart = DateTimeOffset.UtcNow.AddMinutes(-5), motif, issue, soins, observations = "Pâle." };

    private static async Task<JsonNode> CreeAsync(HttpResponseMessage reponse)
    {
        Assert.True(reponse.StatusCode == HttpStatusCode.Created, $"{reponse.StatusCode} {await reponse.Content.ReadAsStringAsync()}");
        return await reponse.ReadJsonAsync();
    }

    private async Task<List<(string Canal, Guid PersonneId, string Texte, string Categorie, string Lien)>> MessagesAsync(string passageId)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await conn.QueryAsync<(string, Guid, string, string, string)>("""
            SELECT canal, personne_id, texte, categorie, lien FROM communication.message_sortant WHERE cle_idempotence LIKE 'infirmerie:' || @passageId || ':%'
            """, new { passageId })).AsList();
    }

    [Fact]
    public async Task The_nurse_sends_a_pupil_home_and_each_legal_guardian_is_told_at_once_without_the_reason()
    {
        var eleve = await EleveAsync("eleve.031");
        var nurse = app.ClientConnecte("infirmerie");

        var passage = await CreeAsync(await nurse.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/passages", Passage("retour_domicile")));
        Assert.Equal("Rentré au domicile avec sa famille", (string?)passage["issueLibelle"]);
        Assert.True((bool)passage["famillePrevenue"]!);

        // Every legal guardian, by their channels (SMS and in-app by default), in the same transaction as the visit.
        var legaux = (await ListeAsync<Guid>("SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @id AND legal", new { id = eleve.Id })).ToHashSet();
        var messages = await MessagesAsync((string)passage["id"]!);
        Assert.NotEmpty(messages);
        Assert.True(legaux.SetEquals(messages.Select(m => m.PersonneId).ToHashSet()), "chaque responsable légal, et eux seuls");
        Assert.Contains(messages, m => m.Canal == "application");
        Assert.All(messages, m =>
        {
            Assert.Equal("sante", m.Categorie);
            Assert.Contains("rentrer au domicile", m.Texte, StringComparison.Ordinal);
            Assert.DoesNotContain("38,6", m.Texte, StringComparison.Ordinal);
            Assert.DoesNotContain("alaise", m.Texte, StringComparison.Ordinal);
            Assert.Equal($"/sante?eleve={eleve.Id}&passage={passage["id"]}", m.Lien);
        });

        // Emergency services: told too; back to class: nobody is disturbed.
        var urgences = await CreeAsync(await nurse.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/passages", Passage("urgences", "blessure")));
        Assert.Contains(await MessagesAsync((string)urgences["id"]!), m => m.Texte.Contains("les secours ont été appelés", StringComparison.Ordinal));
        var classe = await CreeAsync(await nurse.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/passages", Passage("retour_classe", "douleur")));
        Assert.False((bool)classe["famillePrevenue"]!);
        Assert.Empty(await MessagesAsync((string)classe["id"]!));

        // The guardian reads the visit with its care; the day's register has it, with the class.
        var dossier = await (await app.ClientConnecte(eleve.Responsable).GetAsync($"/api/viescolaire/eleves/{eleve.Id}/sante")).ReadJsonAsync();
        var lu = dossier["passages"]!.AsArray().Single(p => (string?)p!["id"] == (string?)passage["id"])!;
        Assert.Equal("Température 38,6 °C, repos allongé.", (string?)lu["soins"]);
        Assert.False((bool)dossier["modifiable"]!);
        var registre = await (await nurse.GetAsync("/api/viescolaire/etablissements/0750000A/sante/passages")).ReadJsonAsync();
        Assert.Contains(registre["passages"]!.AsArray(), p => (string?)p!["passage"]!["id"] == (string?)passage["id"] && (string?)p["classe"] == eleve.Classe);
    }

    [Fact]
    public async Task Only_the_nurse_the_legal_guardians_and_the_pupil_read_the_record_teachers_see_the_emergency_instructions_only()
    {
        var eleve = await EleveAsync("eleve.032");
        var nurse = app.ClientConnecte("infirmerie");
        var pai = await nurse.PutAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/pai", new
        {
            allergies = "Arachide", traitements = "Stylo d'adrénaline", consignesUrgence = "Injecter le stylo dans la cuisse, appeler le 15.",
        });
        Assert.Equal(HttpStatusCode.OK, pai.StatusCode);
        await CreeAsync(await nurse.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/passages", Passage("retour_classe")));
        var route = $"/api/viescolaire/eleves/{eleve.Id}/sante";

        foreach (var login in new[] { "infirmerie", eleve.Responsable, "eleve.032" })
        {
            var reponse = await app.ClientConnecte(login).GetAsync(route);
            Assert.True(reponse.StatusCode == HttpStatusCode.OK, login);
            var dossier = await reponse.ReadJsonAsync();
            Assert.Equal("Arachide", (string?)dossier["pai"]!["allergies"]);
            Assert.Single(dossier["passages"]!.AsArray());
        }

        var autreFamille = await app.ResponsableAsync(await app.PersonneAsync("eleve.100"));
        foreach (var login in new[] { eleve.ProfDeLaClasse, eleve.ProfDUneAutreClasse, "cpe", "direction", "eleve.033", autreFamille })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync(route)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).PostAsJsonAsync($"{route}/passages", Passage("retour_classe"))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).PutAsJsonAsync($"{route}/pai", new { consignesUrgence = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).DeleteAsync($"{route}/pai")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync("/api/viescolaire/etablissements/0750000A/sante/passages")).StatusCode);
        }

        // The teacher of the class: the emergency instructions, nothing else; the teacher of another class: nothing.
        var consignes = await (await app.ClientConnecte(eleve.ProfDeLaClasse).GetAsync($"/api/viescolaire/eleves/{eleve.Id}/pai")).ReadJsonAsync();
        Assert.True((bool)consignes["pai"]!);
        Assert.Equal("Injecter le stylo dans la cuisse, appeler le 15.", (string?)consignes["consignesUrgence"]);
        Assert.DoesNotContain("Arachide", consignes.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(eleve.ProfDUneAutreClasse).GetAsync($"/api/viescolaire/eleves/{eleve.Id}/pai")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(autreFamille).GetAsync($"/api/viescolaire/eleves/{eleve.Id}/pai")).StatusCode);

        // Every read in the access log, under « sante ».
        foreach (var (login, quoi) in new[] { (eleve.Responsable, "ObtenirDossierSante"), ("infirmerie", "DefinirPai"), (eleve.ProfDeLaClasse, "ObtenirConsignesPai") })
        {
            Assert.True(await app.ScalarAsync<bool>("""
                SELECT EXISTS (SELECT 1 FROM identite.journal_acces j JOIN identite.compte k ON k.personne_id = j.personne_id
                               WHERE j.eleve_id = @eleve AND k.identifiant = @login AND j.quoi = @quoi AND j.domaine = 'sante')
                """, new { eleve = eleve.Id, login, quoi }), $"{login} {quoi}");
        }

        // The nurse ends the PAI: gone for the teacher too.
        Assert.Equal(HttpStatusCode.NoContent, (await nurse.DeleteAsync($"{route}/pai")).StatusCode);
        Assert.False((bool)(await (await app.ClientConnecte(eleve.ProfDeLaClasse).GetAsync($"/api/viescolaire/eleves/{eleve.Id}/pai")).ReadJsonAsync())["pai"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.DeleteAsync($"{route}/pai")).StatusCode);
    }

    [Fact]
    public async Task Health_data_is_encrypted_in_the_database_and_bound_to_its_row()
    {
        var eleve = await EleveAsync("eleve.034");
        var nurse = app.ClientConnecte("infirmerie");
        await CreeAsync(await nurse.PostAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/passages", Passage("retour_classe", "ecoute", "Entretien : harcèlement évoqué.")));
        Assert.Equal(HttpStatusCode.OK, (await nurse.PutAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/pai",
            new { allergies = "Pénicilline", consignesUrgence = "Appeler le 15." })).StatusCode);

        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var brut = await conn.QuerySingleAsync<(byte[] Passage, byte[] Pai)>("""
            SELECT (SELECT donnees FROM viescolaire.passage_infirmerie WHERE eleve_id = @id), (SELECT donnees FROM viescolaire.pai WHERE eleve_id = @id)
            """, new { id = eleve.Id });
        foreach (var mot in new[] { "harcèlement", "ecoute", "retour_classe", "Entretien" })
        {
            Assert.DoesNotContain(mot, Encoding.UTF8.GetString(brut.Passage), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Pénicilline", Encoding.UTF8.GetString(brut.Pai), StringComparison.Ordinal);
        Assert.DoesNotContain("Appeler", Encoding.UTF8.GetString(brut.Pai), StringComparison.Ordinal);
        // A full-text search of the whole database finds nothing either (a dump greps no allergy).
        Assert.False(await conn.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM viescolaire.pai WHERE position(convert_to('Pénicilline', 'UTF8') IN donnees) > 0)
            """));

        // The key is not in the database, and the ciphertext is bound to its row: the PAI of one pupil pasted onto another's
        // does not open (the host refuses to serve it rather than show one child's allergies as another's).
        var cle = app.Services.GetRequiredService<Sante.CleSante>();
        Assert.Equal("Pénicilline", cle.Dechiffrer<Sante.ContenuPai>(brut.Pai, eleve.Id).Allergies);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => cle.Dechiffrer<Sante.ContenuPai>(brut.Pai, Guid.NewGuid()));
    }

    [Fact]
    public async Task The_pai_document_is_checked_by_its_content_encrypted_and_downloaded_by_the_family()
    {
        var eleve = await EleveAsync("eleve.035");
        var nurse = app.ClientConnecte("infirmerie");
        var route = $"/api/viescolaire/eleves/{eleve.Id}/sante/pai/document";
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5 };
        static MultipartFormDataContent Formulaire(byte[] octets, string nom) => new() { { new ByteArrayContent(octets), "document", nom } };

        // No PAI yet: 409, with what to do.
        var avant = await nurse.PutAsync(route, Formulaire(png, "pai.png"));
        Assert.Equal(HttpStatusCode.Conflict, avant.StatusCode);
        Assert.Contains("Enregistrez d'abord le PAI", (string?)(await avant.ReadJsonAsync())["detail"], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await nurse.PutAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/pai", new { consignesUrgence = "Ventoline, 2 bouffées." })).StatusCode);
        // A program renamed « pai.pdf » is refused by its content.
        var exe = await nurse.PutAsync(route, Formulaire("MZ\u0090\0\u0003"u8.ToArray(), "pai.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.NotNull((await exe.ReadJsonAsync())["errors"]!["document"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await nurse.PutAsync(route, new MultipartFormDataContent { { new StringContent("x"), "autre" } })).StatusCode);

        var depose = await nurse.PutAsync(route, Formulaire(png, "allergie-arachide.png"));
        Assert.Equal(HttpStatusCode.OK, depose.StatusCode);
        Assert.Equal("image/png", (string?)(await depose.ReadJsonAsync())["document"]!["typeContenu"]);
        Assert.False(await app.ScalarAsync<bool>("SELECT contenu = @png FROM viescolaire.pai_document WHERE eleve_id = @id", new { png, id = eleve.Id }));

        // The family downloads the same bytes, as a file never rendered, under a name that says nothing.
        var telecharge = await app.ClientConnecte(eleve.Responsable).GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, telecharge.StatusCode);
        Assert.Equal(png, await telecharge.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", telecharge.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("pai.png", telecharge.Content.Headers.ContentDisposition?.FileName);
        foreach (var login in new[] { eleve.ProfDeLaClasse, "cpe", "direction" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync(route)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).PutAsync(route, Formulaire(png, "x.png"))).StatusCode);
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_in_french_field_by_field_and_a_strangers_is_not_even_read()
    {
        var eleve = await EleveAsync("eleve.036");
        var nurse = app.ClientConnecte("infirmerie");
        var route = $"/api/viescolaire/eleves/{eleve.Id}/sante/passages";

        var vide = await nurse.PostAsJsonAsync(route, new { });
        Assert.Equal(HttpStatusCode.BadRequest, vide.StatusCode);
        var erreurs = (await vide.ReadJsonAsync())["errors"]!;
        Assert.Equal("Indiquez l'heure d'arrivée à l'infirmerie.", (string?)erreurs["arrivee"]![0]);
        Assert.NotNull(erreurs["motif"]);
        Assert.NotNull(erreurs["issue"]);

        var futur = await nurse.PostAsJsonAsync(route, Passage("retour_classe", arrivee: DateTimeOffset.UtcNow.AddHours(2)));
        Assert.Equal("L'heure d'arrivée ne peut pas être dans le futur.", (string?)(await futur.ReadJsonAsync())["errors"]!["arrivee"]![0]);
        var inconnu = await nurse.PostAsJsonAsync(route, Passage("teleportation"));
        Assert.NotNull((await inconnu.ReadJsonAsync())["errors"]!["issue"]);
        var long_ = await nurse.PostAsJsonAsync(route, Passage("retour_classe", soins: new string('x', 2001)));
        Assert.NotNull((await long_.ReadJsonAsync())["errors"]!["soins"]);
        var pai = await nurse.PutAsJsonAsync($"/api/viescolaire/eleves/{eleve.Id}/sante/pai", new { allergies = "Pollen" });
        Assert.Equal(HttpStatusCode.BadRequest, pai.StatusCode);
        Assert.NotNull((await pai.ReadJsonAsync())["errors"]!["consignesUrgence"]);

        // Nothing was written by any of them.
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM viescolaire.passage_infirmerie WHERE eleve_id = @id", new { id = eleve.Id }));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM viescolaire.pai WHERE eleve_id = @id", new { id = eleve.Id }));

        // A stranger's bad input is a 404 like a good one: the rule comes first. An unknown pupil: 404 for the nurse too.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("cpe").PostAsJsonAsync(route, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.PostAsJsonAsync($"/api/viescolaire/eleves/{Guid.NewGuid()}/sante/passages", Passage("retour_classe"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await nurse.GetAsync("/api/viescolaire/etablissements/pas-une-uai/sante/passages")).StatusCode);
    }

    private async Task<List<T>> ListeAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, parameters)).AsList();
    }
}
