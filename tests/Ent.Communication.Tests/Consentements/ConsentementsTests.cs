using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests.Consentements;

/// <summary>
/// Consent forms for outings and projects (issue 17) through HTTP: who may ask whom (a teacher their classes, the
/// direction any), each legal guardian answers and signs (name, time, address, the statement shown, word for word), the
/// organiser's per-pupil follow-up, the reminder of those who have not answered, the CSV and PDF exports, the documents,
/// and no family ever sees another's. The demo lycée: prof.01 teaches 2NDE1 (not TG1), prof.12 only TG1. Every date is
/// relative to the host's clock: the tests pass whatever the day (31 August, 1 September, 1 January included).
/// </summary>
public sealed class ConsentementsTests(EntApp app) : IClassFixture<EntApp>
{
    private const string Uai = "0750000A";

    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private DateTimeOffset Maintenant => app.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    private async Task<List<T>> ListeAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, parameters)).AsList();
    }

    private Task<Guid> ClasseAsync(string code) => ScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = @code", new { code });

    /// <summary>A pupil of the class with two legal guardians who have no other child: the pupil and both logins.</summary>
    private async Task<(Guid EleveId, string Login1, string Login2)> FamilleAsync(string classe, int rang = 0)
    {
        var familles = await ListeAsync<(Guid EleveId, string Logins)>("""
            SELECT i.eleve_id, string_agg(k.identifiant, ' ' ORDER BY k.identifiant) FROM scolarite.inscription_classe i
            JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id AND l.legal
            JOIN identite.compte k ON k.personne_id = l.responsable_id
            WHERE c.code = @classe AND (SELECT count(*) FROM identite.lien_responsable m WHERE m.responsable_id = l.responsable_id) = 1
            GROUP BY i.eleve_id HAVING count(*) = 2 ORDER BY i.eleve_id
            """, new { classe });
        var (eleveId, logins) = familles[rang];
        var deux = logins.Split(' ');
        return (eleveId, deux[0], deux[1]);
    }

    private Task<string> EleveAsync(Guid eleveId) => ScalarAsync<string>("SELECT identifiant FROM identite.compte WHERE personne_id = @eleveId", new { eleveId });

    private sealed record Cree(Guid Id, int Eleves, int Responsables);

    private sealed record Reponse(Guid Id, string Nom, bool? Accord, DateTimeOffset? SigneeLe, string? Attestation);

    private sealed record LigneEleve(Guid EleveId, string Eleve, string? Classe, string Statut, Reponse[] Responsables);

    private sealed record Suivi(Guid Id, string Titre, int Eleves, int Accordes, int Refuses, int EnAttente, LigneEleve[] Lignes);

    private sealed record Enfant(Guid EleveId, string Eleve, string Statut, bool? MonAccord, string[] AutresReponses, string AttestationOui, string AttestationNon);

    private sealed record Mien(Guid Id, string Titre, bool Ouvert, Enfant[] Enfants);

    private sealed record Enregistree(bool Accord, string Statut, string Attestation);

    private object Sortie(string titre, Guid[] classes, DateTimeOffset? dateLimite = null) => new
    {
        titre,
        description = "Visite guidée, départ devant le lycée.",
        lieu = "Musée du Louvre",
        debut = Maintenant.AddDays(20),
        fin = Maintenant.AddDays(20).AddHours(7),
        coutCentimes = 1250,
        dateLimite = dateLimite ?? Maintenant.AddDays(10),
        classes,
    };

    private async Task<Cree> CreerAsync(string login, object sortie)
    {
        var reponse = await app.ClientConnecte(login).PostAsJsonAsync($"/api/communication/etablissements/{Uai}/consentements", sortie);
        Assert.True(reponse.StatusCode == HttpStatusCode.Created, await reponse.Content.ReadAsStringAsync());
        return await reponse.ReadAsync<Cree>();
    }

    private async Task<Mien[]> MiensAsync(string login) =>
        await (await app.ClientConnecte(login).GetAsync("/api/communication/me/consentements")).ReadAsync<Mien[]>();

    private Task<HttpResponseMessage> RepondreAsync(string login, Guid id, Guid eleveId, bool? accord, bool? jeCertifie = true) =>
        app.ClientConnecte(login).PutAsJsonAsync($"/api/communication/consentements/{id}/eleves/{eleveId}/reponse", new { accord, jeCertifie });

    private async Task<Suivi> SuiviAsync(string login, Guid id)
    {
        var reponse = await app.ClientConnecte(login).GetAsync($"/api/communication/consentements/{id}/suivi");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await reponse.ReadAsync<Suivi>();
    }

    [Fact]
    public async Task A_teacher_asks_the_families_of_their_classes_and_no_one_else_may()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var terminale = await ClasseAsync("TG1");
        var cree = await CreerAsync("prof.01", Sortie("Sortie au Louvre", [seconde1]));

        // Every pupil of the class, every legal guardian of theirs, each told once in the application.
        Assert.Equal(await ScalarAsync<int>("SELECT count(*)::int FROM scolarite.inscription_classe WHERE classe_id = @seconde1", new { seconde1 }), cree.Eleves);
        Assert.Equal(await ScalarAsync<int>("""
            SELECT count(DISTINCT l.responsable_id)::int FROM scolarite.inscription_classe i JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id AND l.legal
            WHERE i.classe_id = @seconde1
            """, new { seconde1 }), cree.Responsables);
        Assert.Equal(cree.Responsables, await ScalarAsync<int>(
            "SELECT count(*)::int FROM communication.message_sortant WHERE categorie = 'consentement' AND canal = 'application' AND cle_idempotence LIKE 'consentement:' || @id || ':%'",
            new { id = cree.Id.ToString() }));

        // The direction asks any class; prof.01 not TG1 (« unknown », as a forged id); prof.12, a parent, a pupil, the
        // nurse and the CPE (who follows forms but organises none) find no établissement to ask in.
        await CreerAsync("direction", Sortie("Cross du lycée", [terminale]));
        var url = $"/api/communication/etablissements/{Uai}/consentements";
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PostAsJsonAsync(url, Sortie("Hors classe", [terminale]))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PostAsJsonAsync(url, Sortie("Inventée", [Guid.NewGuid()]))).StatusCode);
        var (eleve, parent, _) = await FamilleAsync("2NDE1");
        foreach (var login in new[] { "prof.12", parent, await EleveAsync(eleve), "infirmerie", "cpe" })
        {
            var refus = await app.ClientConnecte(login).PostAsJsonAsync(url, Sortie("Non", [seconde1]));
            Assert.Equal(HttpStatusCode.NotFound, refus.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await refus.ReadJsonAsync())["type"]);
        }

        // Malformed: French field errors, nothing written.
        var avant = await ScalarAsync<int>("SELECT count(*)::int FROM communication.consentement");
        var mal = await app.ClientConnecte("prof.01").PostAsJsonAsync(url, new
        {
            titre = "", description = "x", lieu = "x", debut = Maintenant.AddDays(5), fin = Maintenant.AddDays(4), coutCentimes = -1,
            dateLimite = Maintenant.AddDays(6), classes = new[] { seconde1 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, mal.StatusCode);
        var erreurs = (await mal.ReadJsonAsync())["errors"]!;
        foreach (var champ in new[] { "titre", "fin", "coutCentimes", "dateLimite" })
        {
            Assert.NotNull(erreurs[champ]);
        }

        Assert.Equal(avant, await ScalarAsync<int>("SELECT count(*)::int FROM communication.consentement"));

        // The organiser's list: prof.01 sees their own form with the classes they may ask; the CPE sees every form and
        // may ask none; prof.12 sees neither of these; a parent is refused the screen.
        var liste = await (await app.ClientConnecte("prof.01").GetAsync(url)).ReadJsonAsync();
        Assert.Contains(liste["consentements"]!.AsArray(), c => (string?)c!["id"] == cree.Id.ToString());
        Assert.Contains(liste["divisions"]!.AsArray(), d => (string?)d!["code"] == "2NDE1");
        Assert.DoesNotContain(liste["divisions"]!.AsArray(), d => (string?)d!["code"] == "TG1");
        var cpe = await (await app.ClientConnecte("cpe").GetAsync(url)).ReadJsonAsync();
        Assert.Empty(cpe["divisions"]!.AsArray());
        Assert.Contains(cpe["consentements"]!.AsArray(), c => (string?)c!["id"] == cree.Id.ToString());
        var prof12 = await (await app.ClientConnecte("prof.12").GetAsync(url)).ReadJsonAsync();
        Assert.DoesNotContain(prof12["consentements"]!.AsArray(), c => (string?)c!["id"] == cree.Id.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parent).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Each_guardian_signs_the_statement_shown_and_the_organiser_sees_it_pupil_by_pupil()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var cree = await CreerAsync("prof.01", Sortie("Sortie au château de Versailles", [seconde1]));
        var (eleve, parent1, parent2) = await FamilleAsync("2NDE1");

        // The guardian sees the form, their child, and the two statements they may sign, with their name and the child's.
        var mien = Assert.Single(await MiensAsync(parent1), c => c.Id == cree.Id);
        Assert.True(mien.Ouvert);
        var enfant = Assert.Single(mien.Enfants);
        Assert.Equal(eleve, enfant.EleveId);
        Assert.Equal("en_attente", enfant.Statut);
        Assert.Null(enfant.MonAccord);
        Assert.Contains("autorise mon enfant à participer à « Sortie au château de Versailles »", enfant.AttestationOui, StringComparison.Ordinal);
        Assert.Contains("n'autorise pas", enfant.AttestationNon, StringComparison.Ordinal);
        Assert.Contains("12,50 €", enfant.AttestationOui, StringComparison.Ordinal);

        // Unsigned (box not ticked) or without an answer: 400, nothing kept.
        Assert.Equal(HttpStatusCode.BadRequest, (await RepondreAsync(parent1, cree.Id, eleve, true, jeCertifie: false)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RepondreAsync(parent1, cree.Id, eleve, null)).StatusCode);

        var oui = await RepondreAsync(parent1, cree.Id, eleve, true);
        Assert.Equal(HttpStatusCode.OK, oui.StatusCode);
        var enregistree = await oui.ReadAsync<Enregistree>();
        Assert.Equal("accorde", enregistree.Statut);
        Assert.Equal(enfant.AttestationOui, enregistree.Attestation);

        // What is kept: who, their name, when, from which address, the statement they were shown, word for word.
        var signature = Assert.Single(await ListeAsync<(string Nom, DateTimeOffset SigneeLe, string? Adresse, string Attestation, bool Accord)>("""
            SELECT nom_signataire, signee_le, host(adresse), attestation, accord FROM communication.consentement_reponse
            WHERE consentement_id = @id AND eleve_id = @eleve
            """, new { id = cree.Id, eleve }));
        Assert.Equal(enfant.AttestationOui, signature.Attestation);
        Assert.StartsWith($"Je soussigné(e) {signature.Nom}, responsable légal(e) de {enfant.Eleve}", signature.Attestation, StringComparison.Ordinal);
        Assert.True(signature.Accord);
        Assert.InRange(signature.SigneeLe, Maintenant.AddMinutes(-1), Maintenant.AddSeconds(1));
        // The address is the connection's (in process, the test server has none: null here; a real request has it).
        Assert.Null(signature.Adresse);
        Assert.True(await ScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM identite.journal_acces WHERE quoi = 'RepondreConsentement' AND eleve_id = @eleve)", new { eleve }));

        // The organiser's list shows the pupil consented, by whom; the other guardian has not answered yet.
        var suivi = await SuiviAsync("prof.01", cree.Id);
        var ligne = Assert.Single(suivi.Lignes, l => l.EleveId == eleve);
        Assert.Equal("accorde", ligne.Statut);
        Assert.Equal("2NDE1", ligne.Classe);
        Assert.Equal(2, ligne.Responsables.Length);
        Assert.Single(ligne.Responsables, r => r.Accord == true && r.Attestation == enfant.AttestationOui);
        Assert.Equal(1, suivi.Accordes);
        Assert.Equal(suivi.Eleves - 1, suivi.EnAttente);

        // The second guardian sees the first's answer, and refuses: one refusal keeps the pupil at school.
        var autre = Assert.Single(Assert.Single(await MiensAsync(parent2), c => c.Id == cree.Id).Enfants);
        Assert.Single(autre.AutresReponses, r => r.EndsWith(": oui", StringComparison.Ordinal));
        Assert.Equal("refuse", (await (await RepondreAsync(parent2, cree.Id, eleve, false)).ReadAsync<Enregistree>()).Statut);
        Assert.Equal("refuse", Assert.Single((await SuiviAsync("direction", cree.Id)).Lignes, l => l.EleveId == eleve).Statut);

        // A guardian may change their mind before the deadline: the latest answer is in force, the first stays on record.
        Assert.Equal("accorde", (await (await RepondreAsync(parent2, cree.Id, eleve, true)).ReadAsync<Enregistree>()).Statut);
        Assert.Equal(3, await ScalarAsync<int>("SELECT count(*)::int FROM communication.consentement_reponse WHERE consentement_id = @id", new { id = cree.Id }));
        Assert.True(await ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM identite.journal_acces WHERE quoi = 'SuivreConsentement')"));
    }

    [Fact]
    public async Task No_one_answers_or_reads_for_a_family_not_theirs()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var cree = await CreerAsync("prof.01", Sortie("Théâtre", [seconde1]));
        var (eleve, parent, _) = await FamilleAsync("2NDE1");
        var (autreEleve, autreParent, _) = await FamilleAsync("2NDE1", 1);
        var (_, parentTerminale, _) = await FamilleAsync("TG1");

        // Another family of the class answers only for its own child; a family of another class, the pupil, a teacher
        // and the CPE answer for no one: « unknown », nothing written.
        foreach (var (login, pour) in new[] { (autreParent, eleve), (parentTerminale, eleve), (await EleveAsync(eleve), eleve), ("prof.01", eleve), ("cpe", eleve),
                     (parent, autreEleve) })
        {
            var refus = await RepondreAsync(login, cree.Id, pour, true);
            Assert.Equal(HttpStatusCode.NotFound, refus.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await refus.ReadJsonAsync())["type"]);
        }

        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM communication.consentement_reponse WHERE consentement_id = @id", new { id = cree.Id }));

        // A family sees only its own child on the form, and a family not asked does not see the form at all.
        var mien = Assert.Single(await MiensAsync(parent), c => c.Id == cree.Id);
        Assert.Equal([eleve], mien.Enfants.Select(e => e.EleveId));
        Assert.DoesNotContain(await MiensAsync(parentTerminale), c => c.Id == cree.Id);

        // The follow-up and exports: its organiser, the direction and the CPE; not another teacher, not a family, not the pupil.
        foreach (var chemin in new[] { "suivi", "export.csv", "export.pdf" })
        {
            foreach (var login in new[] { "prof.01", "direction", "cpe" })
            {
                Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte(login).GetAsync($"/api/communication/consentements/{cree.Id}/{chemin}")).StatusCode);
            }

            foreach (var login in new[] { "prof.12", parent, await EleveAsync(eleve), "infirmerie" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync($"/api/communication/consentements/{cree.Id}/{chemin}")).StatusCode);
            }
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").GetAsync($"/api/communication/consentements/{Guid.NewGuid()}/suivi")).StatusCode);
    }

    [Fact]
    public async Task The_reminder_reaches_only_the_families_that_have_not_answered()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var cree = await CreerAsync("prof.01", Sortie("Piscine", [seconde1]));
        var (eleve, parent, autre) = await FamilleAsync("2NDE1");
        var (refusant, parentRefusant, autreRefusant) = await FamilleAsync("2NDE1", 1);
        Assert.Equal(HttpStatusCode.OK, (await RepondreAsync(parent, cree.Id, eleve, true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RepondreAsync(parentRefusant, cree.Id, refusant, false)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.12").PostAsync($"/api/communication/consentements/{cree.Id}/relance", null)).StatusCode);
        var relance = await app.ClientConnecte("prof.01").PostAsync($"/api/communication/consentements/{cree.Id}/relance", null);
        Assert.Equal(HttpStatusCode.OK, relance.StatusCode);
        var compte = await relance.ReadJsonAsync();
        Assert.Equal(cree.Eleves - 2, (int)compte["eleves"]!);

        // Both families that answered (yes or no, by one guardian) hear nothing, not even their other guardian.
        var relances = await ListeAsync<string>("""
            SELECT k.identifiant FROM communication.message_sortant m JOIN identite.compte k ON k.personne_id = m.personne_id
            WHERE m.cle_idempotence LIKE 'consentement-relance:' || @id || ':%' AND m.canal = 'application'
            """, new { id = cree.Id.ToString() });
        Assert.Equal((int)compte["responsables"]!, relances.Count);
        foreach (var login in new[] { parent, autre, parentRefusant, autreRefusant })
        {
            Assert.DoesNotContain(login, relances);
        }

        // A second click within minutes sends nothing more.
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("prof.01").PostAsync($"/api/communication/consentements/{cree.Id}/relance", null)).StatusCode);
    }

    [Fact]
    public async Task The_exports_list_each_pupil_with_their_answer_for_the_day_of_the_outing()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var cree = await CreerAsync("prof.01", Sortie("Sortie « Nature »; forêt", [seconde1]));
        var (eleve, parent, _) = await FamilleAsync("2NDE1");
        Assert.Equal(HttpStatusCode.OK, (await RepondreAsync(parent, cree.Id, eleve, true)).StatusCode);
        var suivi = await SuiviAsync("prof.01", cree.Id);

        var csv = await app.ClientConnecte("prof.01").GetAsync($"/api/communication/consentements/{cree.Id}/export.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var octets = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), octets[..3]);
        var lignes = Encoding.UTF8.GetString(octets[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Classe;Élève;Autorisation;Responsable;Réponse;Signée le", lignes[0]);
        // One line per pupil and guardian asked.
        Assert.Equal(suivi.Lignes.Sum(l => l.Responsables.Length), lignes.Length - 1);
        var nom = Assert.Single(suivi.Lignes, l => l.EleveId == eleve).Eleve;
        Assert.Contains(lignes, l => l.StartsWith($"2NDE1;{nom};accordée;", StringComparison.Ordinal) && l.Contains(";oui;", StringComparison.Ordinal));

        var pdf = await app.ClientConnecte("cpe").GetAsync($"/api/communication/consentements/{cree.Id}/export.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]), StringComparison.Ordinal);
        Assert.True(await ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM identite.journal_acces WHERE quoi = 'ExporterConsentement')"));
    }

    [Fact]
    public async Task After_the_deadline_answers_and_reminders_are_refused()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var cree = await CreerAsync("prof.01", Sortie("Sortie bientôt close", [seconde1], dateLimite: Maintenant.AddSeconds(2)));
        var (eleve, parent, _) = await FamilleAsync("2NDE1");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.False(Assert.Single(await MiensAsync(parent), c => c.Id == cree.Id).Ouvert);
        var tard = await RepondreAsync(parent, cree.Id, eleve, true);
        Assert.Equal(HttpStatusCode.Conflict, tard.StatusCode);
        Assert.Contains("date limite", (string?)(await tard.ReadJsonAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("prof.01").PostAsync($"/api/communication/consentements/{cree.Id}/relance", null)).StatusCode);
    }

    [Fact]
    public async Task The_organiser_attaches_documents_that_only_the_families_asked_and_the_desk_download()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var cree = await CreerAsync("prof.01", Sortie("Classe verte", [seconde1]));
        var url = $"/api/communication/consentements/{cree.Id}/pieces-jointes";
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();
        static MultipartFormDataContent Formulaire(byte[] octets, string nom) => new() { { new ByteArrayContent(octets), "fichier", nom } };

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.12").PostAsync(url, Formulaire(pdf, "programme.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientConnecte("prof.01").PostAsync(url, Formulaire("pas un pdf"u8.ToArray(), "faux.pdf"))).StatusCode);
        var depose = await app.ClientConnecte("prof.01").PostAsync(url, Formulaire(pdf, "programme.pdf"));
        Assert.Equal(HttpStatusCode.Created, depose.StatusCode);
        var piece = (string)(await depose.ReadJsonAsync())["id"]!;

        var (eleve, parent, _) = await FamilleAsync("2NDE1");
        var (_, parentTerminale, _) = await FamilleAsync("TG1");
        foreach (var login in new[] { parent, "prof.01", "cpe", "direction" })
        {
            var telechargement = await app.ClientConnecte(login).GetAsync($"{url}/{piece}");
            Assert.Equal(HttpStatusCode.OK, telechargement.StatusCode);
            Assert.Equal(pdf, await telechargement.Content.ReadAsByteArrayAsync());
        }

        foreach (var login in new[] { parentTerminale, "prof.12", await EleveAsync(eleve) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync($"{url}/{piece}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_demo_outing_is_ahead_with_a_few_answers_whatever_the_day()
    {
        var demo = Ent.Kernel.Demo.DemoIds.Of("consentement", "orsay-2nde1");
        var suivi = await SuiviAsync("prof.01", demo);
        Assert.Equal(3, suivi.Accordes);
        Assert.Equal(1, suivi.Refuses);
        Assert.Equal(suivi.Eleves - 4, suivi.EnAttente);
        var (debut, limite) = (await ListeAsync<(DateTimeOffset, DateTimeOffset)>(
            "SELECT debut, date_limite FROM communication.consentement WHERE id = @demo", new { demo }))[0];
        Assert.True(limite > Maintenant && debut > limite);
    }
}
