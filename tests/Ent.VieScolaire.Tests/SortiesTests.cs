using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ent.Testing;

namespace Ent.VieScolaire.Tests;

/// <summary>
/// Exit authorisations over HTTP with real tokens: guardians sign the year's standing authorisations and one-off
/// requests, the vie scolaire desk sets regimes and visas requests, everyone else is turned away with 404 (as every
/// refused read or write of a pupil's data here). Each test works on its own pupil (even numbers: the demo signed
/// nothing for them), so that they do not see each other's rows.
/// </summary>
public sealed class SortiesTests(SortiesApp app) : IClassFixture<SortiesApp>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateOnly Aujourdhui => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);

    private static string Jour(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(Guid Eleve, Guid Responsable, HttpClient Famille)> FamilleAsync(string eleve)
    {
        var eleveId = await app.PersonneAsync(eleve);
        var login = await app.ResponsableAsync(eleveId);
        return (eleveId, await app.PersonneAsync(login), app.ClientConnecte(login));
    }

    private static object Autorisations(bool finJournee, bool heuresLibres, bool pause, bool? jeCertifie = true) => new
    {
        autorisations = new[]
        {
            new { type = "absence_professeur_fin_journee", accordee = finJournee },
            new { type = "heures_libres", accordee = heuresLibres },
            new { type = "pause_meridienne", accordee = pause },
        },
        jeCertifie,
    };

    private static JsonNode Autorisation(JsonNode sorties, string type) =>
        sorties["autorisations"]!.AsArray().Single(a => (string?)a!["type"] == type)!;

    private static async Task<JsonNode> DemandeAsync(HttpClient famille, Guid eleveId, object corps)
    {
        var creee = await famille.PostAsJsonAsync($"/api/viescolaire/eleves/{eleveId}/demandes-sortie", corps);
        Assert.Equal(HttpStatusCode.Created, creee.StatusCode);
        return await creee.ReadJsonAsync();
    }

    private static async Task<string[]> ErreursAsync(HttpResponseMessage reponse, string champ)
    {
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var corps = await reponse.ReadJsonAsync();
        Assert.Equal("urn:ent:probleme:validation", (string?)corps["type"]);
        return corps["errors"]![champ]?.AsArray().Select(e => (string)e!).ToArray() ?? [];
    }

    private static async Task AssertIntrouvableAsync(HttpResponseMessage reponse)
    {
        Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
        Assert.Equal("urn:ent:probleme:introuvable", (string?)(await reponse.ReadJsonAsync())["type"]);
    }

    [Fact]
    public async Task A_guardian_signs_the_standing_authorisations_the_latest_wins_and_the_pupil_and_the_cpe_read_them()
    {
        var (eleveId, responsableId, famille) = await FamilleAsync("eleve.002");

        var signee = await famille.PutAsJsonAsync($"/api/viescolaire/eleves/{eleveId}/autorisations-sortie", Autorisations(true, false, true));
        Assert.Equal(HttpStatusCode.OK, signee.StatusCode);
        var apres = await signee.ReadJsonAsync();
        Assert.True((bool)Autorisation(apres, "absence_professeur_fin_journee")["accordee"]!);
        Assert.False((bool)Autorisation(apres, "heures_libres")["accordee"]!);
        Assert.Equal(responsableId.ToString(), (string?)Autorisation(apres, "pause_meridienne")["signeePar"]!["id"]);

        // A change of mind: a new signature of one type; the others keep theirs, the history keeps both.
        var changee = await famille.PutAsJsonAsync($"/api/viescolaire/eleves/{eleveId}/autorisations-sortie",
            new { autorisations = new[] { new { type = "heures_libres", accordee = true } }, jeCertifie = true });
        Assert.Equal(HttpStatusCode.OK, changee.StatusCode);

        foreach (var lecteur in new[] { "eleve.002", "cpe", "direction" })
        {
            var reponse = await app.ClientConnecte(lecteur).GetAsync($"/api/viescolaire/eleves/{eleveId}/sorties");
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            var sorties = await reponse.ReadJsonAsync();
            Assert.Equal(3, sorties["autorisations"]!.AsArray().Count);
            Assert.True((bool)Autorisation(sorties, "heures_libres")["accordee"]!);
            Assert.True((bool)Autorisation(sorties, "pause_meridienne")["accordee"]!);
            Assert.NotNull((string?)Autorisation(sorties, "heures_libres")["signeeLe"]);
            var historique = sorties["historique"]!.AsArray();
            Assert.Equal(4, historique.Count);
            // Newest first: the change of mind, then the refusal it replaced.
            Assert.Equal([true, false], historique.Where(h => (string?)h!["type"] == "heures_libres").Select(h => (bool)h!["accordee"]!));
        }

        // Each signature keeps who signed and from which address.
        Assert.Equal(4L, await app.ScalarAsync<long>("""
            SELECT count(*) FROM viescolaire.autorisation_sortie
            WHERE eleve_id = @eleveId AND signee_par = @responsableId AND host(adresse) = @adresse
            """, new { eleveId, responsableId, adresse = SortiesApp.Adresse }));
        Assert.True(await app.ScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM identite.journal_acces
                           WHERE eleve_id = @eleveId AND quoi = 'SignerAutorisationsSortie' AND action = 'modification')
            """, new { eleveId }));
    }

    [Fact]
    public async Task Signing_needs_the_attestation_and_known_types()
    {
        var (eleveId, _, famille) = await FamilleAsync("eleve.012");

        var sansCase = await famille.PutAsJsonAsync($"/api/viescolaire/eleves/{eleveId}/autorisations-sortie", Autorisations(true, true, true, false));
        Assert.Equal(["Cochez la case pour signer les autorisations."], await ErreursAsync(sansCase, "jeCertifie"));

        var inconnue = await famille.PutAsJsonAsync($"/api/viescolaire/eleves/{eleveId}/autorisations-sortie",
            new { autorisations = new[] { new { type = "piscine", accordee = true } }, jeCertifie = true });
        Assert.NotEmpty(await ErreursAsync(inconnue, "autorisations[0].type"));

        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM viescolaire.autorisation_sortie WHERE eleve_id = @eleveId", new { eleveId }));
    }

    [Fact]
    public async Task Only_a_legal_guardian_signs_the_pupil_a_teacher_the_cpe_and_another_family_get_404()
    {
        var eleveId = await app.PersonneAsync("eleve.014");
        var autreFamille = await app.ResponsableAsync(await app.PersonneAsync("eleve.091"));

        foreach (var qui in new[] { "eleve.014", "prof.01", "cpe", autreFamille })
        {
            var client = app.ClientConnecte(qui);
            await AssertIntrouvableAsync(await client.PutAsJsonAsync($"/api/viescolaire/eleves/{eleveId}/autorisations-sortie", Autorisations(true, true, true)));
            await AssertIntrouvableAsync(await client.PostAsJsonAsync($"/api/viescolaire/eleves/{eleveId}/demandes-sortie",
                new { date = Jour(Aujourdhui), heureSortie = "15:00", motif = "Rendez-vous", jeCertifie = true }));
        }

        // Another family does not even read the pupil's exits.
        await AssertIntrouvableAsync(await app.ClientConnecte(autreFamille).GetAsync($"/api/viescolaire/eleves/{eleveId}/sorties"));
        Assert.Equal(0L, await app.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM viescolaire.autorisation_sortie WHERE eleve_id = @eleveId)
                 + (SELECT count(*) FROM viescolaire.demande_sortie WHERE eleve_id = @eleveId)
            """, new { eleveId }));
    }

    [Fact]
    public async Task A_one_off_request_needs_the_attestation_a_day_to_come_in_the_school_year_and_a_reason()
    {
        var (eleveId, responsableId, famille) = await FamilleAsync("eleve.004");
        var route = $"/api/viescolaire/eleves/{eleveId}/demandes-sortie";
        var finAnnee = new DateOnly(Aujourdhui.Month >= 9 ? Aujourdhui.Year + 1 : Aujourdhui.Year, 8, 31);

        Assert.Equal(["Cochez la case pour signer la demande."], await ErreursAsync(await famille.PostAsJsonAsync(route,
            new { date = Jour(Aujourdhui), heureSortie = "15:00", motif = "Rendez-vous médical" }), "jeCertifie"));
        Assert.Equal(["Cochez la case pour signer la demande."], await ErreursAsync(await famille.PostAsJsonAsync(route,
            new { date = Jour(Aujourdhui), heureSortie = "15:00", motif = "Rendez-vous médical", jeCertifie = false }), "jeCertifie"));
        Assert.NotEmpty(await ErreursAsync(await famille.PostAsJsonAsync(route,
            new { date = Jour(Aujourdhui.AddDays(-1)), heureSortie = "15:00", motif = "Rendez-vous médical", jeCertifie = true }), "date"));
        Assert.NotEmpty(await ErreursAsync(await famille.PostAsJsonAsync(route,
            new { date = Jour(finAnnee.AddDays(1)), heureSortie = "15:00", motif = "Rendez-vous médical", jeCertifie = true }), "date"));
        Assert.NotEmpty(await ErreursAsync(await famille.PostAsJsonAsync(route,
            new { date = Jour(Aujourdhui), heureSortie = "15:00", heureRetour = "14:00", motif = "Rendez-vous médical", jeCertifie = true }), "heureRetour"));
        Assert.NotEmpty(await ErreursAsync(await famille.PostAsJsonAsync(route,
            new { date = Jour(Aujourdhui), heureSortie = "15 h", motif = "Rendez-vous médical", jeCertifie = true }), "heureSortie"));
        Assert.NotEmpty(await ErreursAsync(await famille.PostAsJsonAsync(route,
            new { date = Jour(Aujourdhui), heureSortie = "15:00", motif = new string('x', 501), jeCertifie = true }), "motif"));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM viescolaire.demande_sortie WHERE eleve_id = @eleveId", new { eleveId }));

        // Signed: the guardian, the moment and the statement are kept with the request.
        var demande = await DemandeAsync(famille, eleveId, new { date = Jour(Aujourdhui), heureSortie = "9:05", motif = "  Rendez-vous médical  ", jeCertifie = true });
        Assert.Equal("09:05", (string?)demande["heureSortie"]);
        Assert.Null((string?)demande["heureRetour"]);
        Assert.Equal("Rendez-vous médical", (string?)demande["motif"]);
        Assert.Equal("en_attente", (string?)demande["statut"]);
        Assert.StartsWith("Je soussigné(e) ", (string?)demande["attestation"]);
        Assert.Contains("à 09:05", (string?)demande["attestation"]);
        Assert.Equal(responsableId.ToString(), (string?)demande["signeePar"]!["id"]);
        Assert.NotNull((string?)demande["signeeLe"]);
        Assert.Equal(SortiesApp.Adresse, await app.ScalarAsync<string>(
            "SELECT host(adresse) FROM viescolaire.demande_sortie WHERE id = @id", new { id = Guid.Parse((string)demande["id"]!) }));
    }

    [Fact]
    public async Task The_desk_sees_the_days_requests_and_visas_each_once_a_teacher_cannot()
    {
        var (eleveId, responsableId, famille) = await FamilleAsync("eleve.006");
        var demande = await DemandeAsync(famille, eleveId,
            new { date = Jour(Aujourdhui), heureSortie = "16:00", heureRetour = "17:30", motif = "Compétition sportive", jeCertifie = true });
        var id = (string)demande["id"]!;
        var cpe = app.ClientConnecte("cpe");

        foreach (var route in new[] { "/api/viescolaire/etablissements/0750000A/demandes-sortie", $"/api/viescolaire/etablissements/0750000a/demandes-sortie?date={Jour(Aujourdhui)}" })
        {
            var reponse = await cpe.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            var jour = await reponse.ReadJsonAsync();
            Assert.Equal(Jour(Aujourdhui), (string?)jour["date"]);
            var ligne = jour["demandes"]!.AsArray().Single(d => (string?)d!["demande"]!["id"] == id)!;
            Assert.Equal(eleveId.ToString(), (string?)ligne["eleve"]!["id"]);
            Assert.False(string.IsNullOrEmpty((string?)ligne["eleve"]!["nom"]));
            Assert.False(string.IsNullOrEmpty((string?)ligne["classe"]));
            Assert.False(string.IsNullOrEmpty((string?)ligne["regime"]));
            Assert.Equal("16:00", (string?)ligne["demande"]!["heureSortie"]);
            Assert.Equal("17:30", (string?)ligne["demande"]!["heureRetour"]);
            Assert.Equal("Compétition sportive", (string?)ligne["demande"]!["motif"]);
            Assert.Equal(responsableId.ToString(), (string?)ligne["demande"]!["signeePar"]!["id"]);
            Assert.Equal("en_attente", (string?)ligne["demande"]!["statut"]);
            Assert.True((int)jour["enAttente"]! >= 1);
        }

        // Another day's list does not show it.
        var demain = await (await cpe.GetAsync($"/api/viescolaire/etablissements/0750000A/demandes-sortie?date={Jour(Aujourdhui.AddDays(-1))}")).ReadJsonAsync();
        Assert.DoesNotContain(demain["demandes"]!.AsArray(), d => (string?)d!["demande"]!["id"] == id);

        // A teacher of the class neither lists nor visas.
        var prof = app.ClientConnecte("prof.01");
        await AssertIntrouvableAsync(await prof.GetAsync("/api/viescolaire/etablissements/0750000A/demandes-sortie"));
        await AssertIntrouvableAsync(await prof.PostAsJsonAsync($"/api/viescolaire/demandes-sortie/{id}/visa", new { accepte = true }));
        await AssertIntrouvableAsync(await famille.PostAsJsonAsync($"/api/viescolaire/demandes-sortie/{id}/visa", new { accepte = true }));
        Assert.NotEmpty(await ErreursAsync(await cpe.PostAsJsonAsync($"/api/viescolaire/demandes-sortie/{id}/visa", new { commentaire = "?" }), "accepte"));

        var visee = await cpe.PostAsJsonAsync($"/api/viescolaire/demandes-sortie/{id}/visa", new { accepte = true, commentaire = "Vu avec le professeur d'EPS." });
        Assert.Equal(HttpStatusCode.OK, visee.StatusCode);
        var apres = await visee.ReadJsonAsync();
        Assert.Equal("acceptee", (string?)apres["statut"]);
        Assert.Equal((await app.PersonneAsync("cpe")).ToString(), (string?)apres["traiteePar"]!["id"]);
        Assert.Equal("Vu avec le professeur d'EPS.", (string?)apres["commentaire"]);

        var encore = await app.ClientConnecte("direction").PostAsJsonAsync($"/api/viescolaire/demandes-sortie/{id}/visa", new { accepte = false });
        Assert.Equal(HttpStatusCode.Conflict, encore.StatusCode);
        Assert.Equal("urn:ent:probleme:conflit", (string?)(await encore.ReadJsonAsync())["type"]);

        // Handled: the family can no longer cancel it, and reads the decision.
        Assert.Equal(HttpStatusCode.Conflict, (await famille.PostAsync($"/api/viescolaire/demandes-sortie/{id}/annulation", null)).StatusCode);
        var sorties = await (await famille.GetAsync($"/api/viescolaire/eleves/{eleveId}/sorties")).ReadJsonAsync();
        var vue = sorties["demandes"]!.AsArray().Single(d => (string?)d!["id"] == id)!;
        Assert.Equal("acceptee", (string?)vue["statut"]);
        Assert.Equal("Vu avec le professeur d'EPS.", (string?)vue["commentaire"]);
    }

    [Fact]
    public async Task The_desk_lists_every_request_waiting_for_its_visa_from_a_day_on_tomorrows_included()
    {
        var (eleveId, _, famille) = await FamilleAsync("eleve.007");
        var demain = Aujourdhui.AddDays(1);
        var demande = await DemandeAsync(famille, eleveId,
            new { date = Jour(demain), heureSortie = "15:00", motif = "Rendez-vous médical", jeCertifie = true });
        var id = (string)demande["id"]!;
        var cpe = app.ClientConnecte("cpe");

        var duJour = await (await cpe.GetAsync($"/api/viescolaire/etablissements/0750000A/demandes-sortie?date={Jour(Aujourdhui)}")).ReadJsonAsync();
        Assert.DoesNotContain(duJour["demandes"]!.AsArray(), d => (string?)d!["demande"]!["id"] == id);

        var enAttente = await (await cpe.GetAsync($"/api/viescolaire/etablissements/0750000A/demandes-sortie?date={Jour(Aujourdhui)}&enAttente=true"))
            .ReadJsonAsync();
        var demandes = enAttente["demandes"]!.AsArray();
        Assert.All(demandes, d => Assert.Equal("en_attente", (string?)d!["demande"]!["statut"]));
        Assert.All(demandes, d => Assert.True(string.CompareOrdinal((string?)d!["demande"]!["date"], Jour(Aujourdhui)) >= 0));
        var ligne = demandes.Single(d => (string?)d!["demande"]!["id"] == id)!;
        Assert.False(string.IsNullOrEmpty((string?)ligne["eleve"]!["nom"]));
        Assert.False(string.IsNullOrEmpty((string?)ligne["classe"]));
        Assert.Equal(demandes.Count, (int)enAttente["enAttente"]!);

        // Once visaed it leaves the list; a teacher gets 404 as for the day's list.
        Assert.Equal(HttpStatusCode.OK, (await cpe.PostAsJsonAsync($"/api/viescolaire/demandes-sortie/{id}/visa", new { accepte = false, commentaire = "Non." })).StatusCode);
        var apres = await (await cpe.GetAsync("/api/viescolaire/etablissements/0750000A/demandes-sortie?enAttente=true")).ReadJsonAsync();
        Assert.DoesNotContain(apres["demandes"]!.AsArray(), d => (string?)d!["demande"]!["id"] == id);
        await AssertIntrouvableAsync(await app.ClientConnecte("prof.01").GetAsync("/api/viescolaire/etablissements/0750000A/demandes-sortie?enAttente=true"));
    }

    [Fact]
    public async Task A_guardian_cancels_before_the_visa_and_nothing_changes_it_afterwards()
    {
        var (eleveId, _, famille) = await FamilleAsync("eleve.008");
        var id = (string)(await DemandeAsync(famille, eleveId,
            new { date = Jour(Aujourdhui), heureSortie = "11:00", motif = "Convocation à la préfecture", jeCertifie = true }))["id"]!;

        // Another family's guardian does not reach it.
        var autreFamille = app.ClientConnecte(await app.ResponsableAsync(await app.PersonneAsync("eleve.091")));
        await AssertIntrouvableAsync(await autreFamille.PostAsync($"/api/viescolaire/demandes-sortie/{id}/annulation", null));

        var annulee = await famille.PostAsync($"/api/viescolaire/demandes-sortie/{id}/annulation", null);
        Assert.Equal(HttpStatusCode.OK, annulee.StatusCode);
        var apres = await annulee.ReadJsonAsync();
        Assert.Equal("annulee", (string?)apres["statut"]);
        Assert.NotNull((string?)apres["annuleeLe"]);

        Assert.Equal(HttpStatusCode.Conflict, (await famille.PostAsync($"/api/viescolaire/demandes-sortie/{id}/annulation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await app.ClientConnecte("cpe").PostAsJsonAsync($"/api/viescolaire/demandes-sortie/{id}/visa", new { accepte = true })).StatusCode);

        // The desk still sees it, cancelled.
        var jour = await (await app.ClientConnecte("cpe").GetAsync("/api/viescolaire/etablissements/0750000A/demandes-sortie")).ReadJsonAsync();
        Assert.Equal("annulee", (string?)jour["demandes"]!.AsArray().Single(d => (string?)d!["demande"]!["id"] == id)!["demande"]!["statut"]);
    }

    [Fact]
    public async Task The_desk_sets_the_regime_others_get_404_and_the_lunch_break_does_not_apply_to_an_externe()
    {
        var (eleveId, _, famille) = await FamilleAsync("eleve.010");
        var route = $"/api/viescolaire/eleves/{eleveId}/regime";

        foreach (var client in new[] { famille, app.ClientConnecte("eleve.010"), app.ClientConnecte("prof.01") })
        {
            await AssertIntrouvableAsync(await client.PutAsJsonAsync(route, new { regime = "externe" }));
        }

        Assert.NotEmpty(await ErreursAsync(await app.ClientConnecte("cpe").PutAsJsonAsync(route, new { regime = "pensionnaire" }), "regime"));

        var externe = await app.ClientConnecte("cpe").PutAsJsonAsync(route, new { regime = "externe" });
        Assert.Equal(HttpStatusCode.OK, externe.StatusCode);
        var sorties = await externe.ReadJsonAsync();
        Assert.Equal("externe", (string?)sorties["regime"]);
        Assert.False((bool)Autorisation(sorties, "pause_meridienne")["applicable"]!);
        Assert.True((bool)Autorisation(sorties, "heures_libres")["applicable"]!);

        var interne = await (await app.ClientConnecte("direction").PutAsJsonAsync(route, new { regime = "interne" })).ReadJsonAsync();
        Assert.Equal("interne", (string?)interne["regime"]);
        Assert.True((bool)Autorisation(interne, "pause_meridienne")["applicable"]!);
        Assert.Equal("interne", (string?)(await (await famille.GetAsync($"/api/viescolaire/eleves/{eleveId}/sorties")).ReadJsonAsync())["regime"]);
        Assert.Equal(["externe", "interne"], (await app.ScalarAsync<string[]>(
            "SELECT array_agg(regime ORDER BY id) FROM viescolaire.regime_historique WHERE eleve_id = @eleveId", new { eleveId }))[^2..]);
    }

    [Fact]
    public async Task The_demo_has_regimes_signed_authorisations_and_parent_001s_pending_request_for_today()
    {
        Assert.Equal(120L, await app.ScalarAsync<long>("SELECT count(*) FROM viescolaire.regime_eleve"));
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM viescolaire.regime_eleve WHERE regime = 'interne'") > 0);

        var eleve001 = await app.PersonneAsync("eleve.001");
        var parent001 = await app.PersonneAsync("parent.001");
        var sorties = await (await app.ClientConnecte("parent.001").GetAsync($"/api/viescolaire/eleves/{eleve001}/sorties")).ReadJsonAsync();
        Assert.True((bool)Autorisation(sorties, "heures_libres")["accordee"]!);
        Assert.Equal(4, sorties["historique"]!.AsArray().Count);

        var jour = await (await app.ClientConnecte("cpe").GetAsync("/api/viescolaire/etablissements/0750000A/demandes-sortie")).ReadJsonAsync();
        var demo = jour["demandes"]!.AsArray().Single(d => (string?)d!["eleve"]!["id"] == eleve001.ToString())!;
        Assert.Equal(parent001.ToString(), (string?)demo["demande"]!["signeePar"]!["id"]);
        Assert.Equal("15:30", (string?)demo["demande"]!["heureSortie"]);
    }
}
