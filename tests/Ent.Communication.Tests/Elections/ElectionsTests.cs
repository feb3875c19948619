using System.Net;
using System.Net.Http.Json;
using Ent.Testing;

namespace Ent.Communication.Tests.Elections;

/// <summary>
/// Parents' elections (issue 17) through HTTP: the head sets up; the electors are frozen at opening (one row per
/// guardian, however many children; guardians linked afterwards are not electors); one vote per elector, even under 50
/// simultaneous attempts; results 403 before closing (and for families until published), 404 for anyone who may not
/// know the election. The clock is pinned (3 December 2026) and moved.
/// </summary>
public sealed class ElectionsTests(ElectionsApp app) : IClassFixture<ElectionsApp>
{
    private sealed record ListeResultat(Guid Id, string Nom, int Voix, int VoixEnLigne, int VoixBureau, int Sieges, string[] Elus);

    private sealed record Resultats(int Sieges, int Inscrits, int Votants, int VotantsEnLigne, int BlancsNuls, int Exprimes, decimal Participation,
        ListeResultat[] Listes);

    private sealed record MonElection(Guid Id, string Etat, bool Electeur, DateTimeOffset? AVoteLe, bool PeutVoter);

    private Task<int> ElecteursAttendusAsync() => app.ScalarAsync<int>("""
        SELECT count(DISTINCT l.responsable_id)::int FROM identite.lien_responsable l
        JOIN identite.rattachement r ON r.personne_id = l.eleve_id AND r.profil = 'eleve'
        JOIN identite.etablissement e ON e.id = r.etablissement_id AND e.uai = '0750000A'
        WHERE l.legal
        """);

    [Fact]
    public async Task The_head_sets_up_families_vote_once_and_results_wait_for_closing_and_publication()
    {
        // Only the direction sets up: a teacher, the CPE, a family get 404 on the établissement; bad input a French 400.
        var url = $"/api/communication/etablissements/{ElectionsApp.Uai}/elections";
        foreach (var login in new[] { "prof.01", "cpe", (await app.ParentsAsync(1))[0] })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).PostAsJsonAsync(url, new { titre = "x" })).StatusCode);
        }

        var invalide = await app.ClientConnecte("direction").PostAsJsonAsync(url, new
        {
            titre = "", sieges = 0, ouverture = app.Maintenant.AddHours(-1), cloture = app.Maintenant.AddHours(-2), listes = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalide.StatusCode);
        var erreurs = (await invalide.ReadJsonAsync())["errors"]!;
        foreach (var champ in new[] { "titre", "sieges", "ouverture", "cloture", "listes" })
        {
            Assert.NotNull(erreurs[champ]);
        }

        var election = await app.CreerAsync(correspondance: true);
        var id = election.Id;
        var (parent, autreParent) = ((await app.ParentsAsync(2))[0], (await app.ParentsAsync(2))[1]);

        // Before opening: upcoming, no electors yet; voting is a 409; results are 403 for all who know the election.
        var avant = await app.VueAsync(parent, id);
        Assert.Equal(("a_venir", null, false), (avant.Etat, avant.NombreElecteurs, avant.PeutVoter));
        Assert.Equal(HttpStatusCode.Conflict, (await app.VoterAsync(parent, id, election.Listes[0].Id)).StatusCode);
        foreach (var login in new[] { "direction", parent })
        {
            var refus = await app.ClientConnecte(login).GetAsync($"/api/communication/elections/{id}/resultats");
            Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);
            Assert.Equal("urn:ent:probleme:resultats-avant-cloture", (string?)(await refus.ReadJsonAsync())["type"]);
        }

        // Who may not know it: a pupil, a teacher, the CPE, the nurse: 404 on everything.
        foreach (var login in new[] { "eleve.001", "prof.01", "cpe", "infirmerie" })
        {
            var client = app.ClientConnecte(login);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/communication/elections/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/communication/elections/{id}/resultats")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.VoterAsync(login, id, election.Listes[0].Id)).StatusCode);
            Assert.DoesNotContain((await (await client.GetAsync("/api/communication/me/elections")).ReadAsync<MonElection[]>()), e => e.Id == id);
        }

        // It opens: the electors are frozen, once each (a guardian of several pupils too), and the count is published.
        app.Horloge.Avancer(TimeSpan.FromMinutes(1));
        var ouverte = await app.VueAsync(parent, id);
        Assert.Equal(("ouverte", await ElecteursAttendusAsync(), true, true), (ouverte.Etat, ouverte.NombreElecteurs, ouverte.Electeur, ouverte.PeutVoter));
        Assert.Equal(ouverte.NombreElecteurs, await app.ScalarAsync<int>(
            "SELECT count(DISTINCT personne_id)::int FROM communication.election_electeur WHERE election_id = @id", new { id }));
        var plusieursEnfants = await app.ScalarAsync<Guid>("""
            SELECT l.responsable_id FROM identite.lien_responsable l WHERE l.legal GROUP BY l.responsable_id HAVING count(*) > 1 LIMIT 1
            """);
        Assert.Equal(1, await app.ScalarAsync<int>(
            "SELECT count(*)::int FROM communication.election_electeur WHERE election_id = @id AND personne_id = @plusieursEnfants",
            new { id, plusieursEnfants }));

        // A guardian linked after opening is a family (sees the election) but not an elector: 403, nothing written.
        var nouveau = await app.PersonneAsync("prof.12");
        await app.ExecuterAsync("""
            INSERT INTO identite.lien_responsable (responsable_id, eleve_id, lien) SELECT @nouveau, personne_id, 'autre' FROM identite.compte WHERE identifiant = 'eleve.001';
            INSERT INTO identite.rattachement (personne_id, etablissement_id, profil)
            SELECT @nouveau, id, 'responsable' FROM identite.etablissement WHERE uai = '0750000A' ON CONFLICT DO NOTHING;
            """, new { nouveau });
        var tardif = await app.VueAsync("prof.12", id);
        Assert.Equal((false, false), (tardif.Electeur, tardif.PeutVoter));
        var refusTardif = await app.VoterAsync("prof.12", id, election.Listes[0].Id);
        Assert.Equal(HttpStatusCode.Forbidden, refusTardif.StatusCode);
        Assert.Equal("urn:ent:probleme:non-electeur", (string?)(await refusTardif.ReadJsonAsync())["type"]);

        // A list of another election is a 400; then the vote: « a voté », a receipt; again: a clear 409.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.VoterAsync(parent, id, Guid.NewGuid())).StatusCode);
        var vote = await app.VoterAsync(parent, id, election.Listes[1].Id);
        Assert.Equal(HttpStatusCode.Created, vote.StatusCode);
        var recu = (await vote.ReadAsync<ElectionsApp.AVote>()).Recu;
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", recu);
        var encore = await app.VoterAsync(parent, id, election.Listes[0].Id);
        Assert.Equal(HttpStatusCode.Conflict, encore.StatusCode);
        Assert.Equal("urn:ent:probleme:deja-vote", (string?)(await encore.ReadJsonAsync())["type"]);
        var aVote = await app.VueAsync(parent, id);
        Assert.Equal((false, true), (aVote.PeutVoter, aVote.AVoteLe is not null));
        Assert.Contains((await (await app.ClientConnecte(parent).GetAsync("/api/communication/me/elections")).ReadAsync<MonElection[]>()),
            e => e.Id == id && e.AVoteLe is not null && !e.PeutVoter);

        // The receipt is in the urn; a made-up one is not; the answer never names the list.
        var verification = await app.ClientConnecte(parent).PostAsJsonAsync($"/api/communication/elections/{id}/recu", new { code = recu.ToLowerInvariant() });
        Assert.Equal("""{"present":true}""", await verification.Content.ReadAsStringAsync());
        Assert.Equal("""{"present":false}""", await (await app.ClientConnecte(parent).PostAsJsonAsync($"/api/communication/elections/{id}/recu",
            new { code = "AAAA-BBBB-CCCC-DDDD" })).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await app.VoterAsync(autreParent, id, election.Listes[0].Id)).StatusCode);

        // The access log says « a voté » for each, never the list.
        var journal = await app.ListeAsync<string>("SELECT quoi FROM identite.journal_acces WHERE personne_id = @moi",
            new { moi = await app.PersonneAsync(parent) });
        Assert.Contains("VoterElection", journal);

        // The desk's count is for after closing; results too (still 403 for everyone).
        var bureau = new { votants = 10, blancsNuls = 1, voix = new[] { new { listeId = election.Listes[0].Id, voix = 6 }, new { listeId = election.Listes[1].Id, voix = 3 } } };
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("direction").PutAsJsonAsync($"/api/communication/elections/{id}/bureau", bureau)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientConnecte("direction").GetAsync($"/api/communication/elections/{id}/resultats")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("direction").PostAsync($"/api/communication/elections/{id}/publication", null)).StatusCode);

        // Closed: voting is over; the head reads the results, the families get 403 until they are published.
        app.Horloge.Avancer(TimeSpan.FromMinutes(3));
        var retardataire = (await app.ParentsAsync(3))[2];
        Assert.Equal(HttpStatusCode.Conflict, (await app.VoterAsync(retardataire, id, election.Listes[0].Id)).StatusCode);
        var nonPublies = await app.ClientConnecte(parent).GetAsync($"/api/communication/elections/{id}/resultats");
        Assert.Equal(HttpStatusCode.Forbidden, nonPublies.StatusCode);
        Assert.Equal("urn:ent:probleme:resultats-non-publies", (string?)(await nonPublies.ReadJsonAsync())["type"]);

        // Publication waits for the desk's count (postal votes counted); a count that does not add up is a 400.
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("direction").PostAsync($"/api/communication/elections/{id}/publication", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientConnecte("direction").PutAsJsonAsync($"/api/communication/elections/{id}/bureau",
            new { votants = 99, blancsNuls = 1, voix = bureau.voix })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parent).PutAsJsonAsync($"/api/communication/elections/{id}/bureau", bureau)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("direction").PutAsJsonAsync($"/api/communication/elections/{id}/bureau", bureau)).StatusCode);

        // Online: 1 for each list; desk: 6 and 3, 1 blank. Cast 11 for 3 seats: quotient 3.67; Parents unis 7 → 1 seat
        // (remainder 3.33), Agir ensemble 4 → 1 (0.33): the last seat to Parents unis.
        var resultats = await (await app.ClientConnecte("direction").GetAsync($"/api/communication/elections/{id}/resultats")).ReadAsync<Resultats>();
        Assert.Equal((12, 2, 1, 11), (resultats.Votants, resultats.VotantsEnLigne, resultats.BlancsNuls, resultats.Exprimes));
        Assert.Equal([(7, 2), (4, 1)], resultats.Listes.Select(l => (l.Voix, l.Sieges)));
        Assert.Equal(["Claire Martin", "Luc Durand"], resultats.Listes[0].Elus);
        Assert.Equal(Math.Round(100m * 12 / resultats.Inscrits, 1), resultats.Participation);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parent).PostAsync($"/api/communication/elections/{id}/publication", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("direction").PostAsync($"/api/communication/elections/{id}/publication", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("direction").PostAsync($"/api/communication/elections/{id}/publication", null)).StatusCode);
        var publies = await (await app.ClientConnecte(parent).GetAsync($"/api/communication/elections/{id}/resultats")).ReadAsync<Resultats>();
        Assert.Equal([2, 1], publies.Listes.Select(l => l.Sieges));
        Assert.Equal("publiee", (await app.VueAsync(parent, id)).Etat);
        // Every elector is told in the application, once.
        Assert.Equal(resultats.Inscrits, await app.ScalarAsync<int>(
            "SELECT count(*)::int FROM communication.message_sortant WHERE cle_idempotence LIKE 'election:' || @id || ':%'", new { id = id.ToString() }));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").GetAsync($"/api/communication/elections/{id}/resultats")).StatusCode);
    }

    [Fact]
    public async Task Fifty_simultaneous_votes_of_one_elector_make_one_ballot_and_49_clear_409s()
    {
        var election = await app.CreerAsync(titre: "Conseil d'école");
        app.Horloge.Avancer(TimeSpan.FromMinutes(1));
        var parent = (await app.ParentsAsync(5))[4];
        var client = app.ClientConnecte(parent);
        _ = await app.VueAsync(parent, election.Id); // the list frozen first: the race is the vote's alone

        using var depart = new SemaphoreSlim(0);
        var tentatives = Enumerable.Range(0, 50).Select(async i =>
        {
            await depart.WaitAsync();
            return await client.PostAsJsonAsync($"/api/communication/elections/{election.Id}/vote", new { listeId = election.Listes[i % 2].Id });
        }).ToArray();
        depart.Release(50);
        var reponses = await Task.WhenAll(tentatives);

        Assert.Single(reponses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(49, reponses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refus in reponses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var probleme = await refus.ReadJsonAsync();
            Assert.Equal("urn:ent:probleme:deja-vote", (string?)probleme["type"]);
            Assert.StartsWith("Vous avez déjà voté", (string?)probleme["detail"], StringComparison.Ordinal);
        }

        Assert.Equal((1, 1), (
            await app.ScalarAsync<int>("SELECT count(*)::int FROM communication.election_emargement WHERE election_id = @id", new { id = election.Id }),
            await app.ScalarAsync<int>("SELECT count(*)::int FROM communication.election_urne WHERE election_id = @id", new { id = election.Id })));
    }

    [Theory]
    [InlineData("2026-08-31T10:00:00Z", 2025, false)]
    [InlineData("2026-09-01T10:00:00Z", 2026, true)]
    [InlineData("2027-01-01T10:00:00Z", 2026, false)]
    [InlineData("2026-10-14T10:00:00Z", 2026, false)]
    public void The_demo_election_is_the_school_years_in_October(string jour, int annee, bool aVenir)
    {
        var maintenant = DateTimeOffset.Parse(jour, System.Globalization.CultureInfo.InvariantCulture);
        var (ouverture, cloture) = Ent.Communication.Elections.ElectionsDemo.Fenetre(maintenant);
        Assert.Equal((annee, 10, DayOfWeek.Monday), (ouverture.Year, ouverture.Month, ouverture.DayOfWeek));
        Assert.InRange(ouverture.Day, 5, 11);
        Assert.Equal(4, (cloture.Date - ouverture.Date).Days);
        Assert.Equal(aVenir, maintenant < ouverture);
    }
}
