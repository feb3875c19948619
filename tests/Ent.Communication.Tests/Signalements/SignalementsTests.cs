using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests.Signalements;

/// <summary>
/// The demo at a given instant (the clock then runs on), with Communication's files in a folder of the test's own.
/// Structured reports are not dated: the day only stamps them; the same tests run on the year's edges (the eve of the
/// rentrée, the rentrée, New Year's Day), where the demo's school year changes or does not.
/// </summary>
public abstract class SignalementsApp : EntApp
{
    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    protected abstract DateTimeOffset Depart { get; }

    public string DossierDocuments { get; } = TestCluster.NewFolder("documents");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Communication:Documents:Dossier"] = DossierDocuments,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(Depart)));
    }
}

/// <summary>31 August 2026, 23:30 in Paris: the last evening of the school year.</summary>
public sealed class SignalementsApp31Aout : SignalementsApp
{
    protected override DateTimeOffset Depart => new(2026, 8, 31, 21, 30, 0, TimeSpan.Zero);
}

/// <summary>1 September 2026, 08:00 in Paris: the rentrée.</summary>
public sealed class SignalementsApp1erSeptembre : SignalementsApp
{
    protected override DateTimeOffset Depart => new(2026, 9, 1, 6, 0, 0, TimeSpan.Zero);
}

/// <summary>1 January 2027, 11:00 in Paris.</summary>
public sealed class SignalementsApp1erJanvier : SignalementsApp
{
    protected override DateTimeOffset Depart => new(2027, 1, 1, 10, 0, 0, TimeSpan.Zero);
}

public sealed class SignalementsTests31Aout(SignalementsApp31Aout app) : SignalementsTests<SignalementsApp31Aout>(app), IClassFixture<SignalementsApp31Aout>;

public sealed class SignalementsTests1erSeptembre(SignalementsApp1erSeptembre app) : SignalementsTests<SignalementsApp1erSeptembre>(app),
    IClassFixture<SignalementsApp1erSeptembre>;

public sealed class SignalementsTests1erJanvier(SignalementsApp1erJanvier app) : SignalementsTests<SignalementsApp1erJanvier>(app),
    IClassFixture<SignalementsApp1erJanvier>;

/// <summary>
/// Structured reports (issue 17) through HTTP: the builders' forms, the families' and pupils' filing, the receivers'
/// queue, states and messages, and the harassment model's confidentiality (direction and CPE only, never a teacher,
/// every read in the access log). Cast from the demo lycée: eleve.001, a teacher of eleve.001's class (looked up),
/// parent.001 (legal guardian of eleve.001 and eleve.061), another family, the CPE, the head, the nurse.
/// </summary>
public abstract class SignalementsTests<TApp>(TApp app) where TApp : SignalementsApp
{
    private const string Uai = "0750000A";

    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    private Task<Guid> PersonneAsync(string login) =>
        ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @login", new { login });

    /// <summary>The login of a teacher of the pupil's class (a teaching service there).</summary>
    private Task<string> ProfDeAsync(string eleve) => ScalarAsync<string>("""
        SELECT k.identifiant FROM scolarite.service_enseignement s
        JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id
        JOIN identite.compte e ON e.personne_id = i.eleve_id AND e.identifiant = @eleve
        JOIN identite.compte k ON k.personne_id = s.enseignant_id
        ORDER BY k.identifiant LIMIT 1
        """, new { eleve });

    /// <summary>A legal guardian of a pupil of TG1 who shares no guardian with eleve.001.</summary>
    private Task<string> AutreParentAsync() => ScalarAsync<string>("""
        SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
        JOIN scolarite.inscription_classe i ON i.eleve_id = l.eleve_id JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE l.legal AND c.code = 'TG1' AND NOT EXISTS (
            SELECT 1 FROM identite.lien_responsable m JOIN identite.compte e ON e.personne_id = m.eleve_id
            WHERE m.responsable_id = l.responsable_id AND e.identifiant IN ('eleve.001', 'eleve.061'))
        ORDER BY k.identifiant LIMIT 1
        """);

    /// <summary>A legal guardian of eleve.001 other than parent.001, if the demo gives one.</summary>
    private Task<string?> AutreResponsableAsync() => Db.OpenConnectionAsync().AsTask().ContinueWith(async t =>
    {
        await using var conn = t.Result;
        return await conn.ExecuteScalarAsync<string?>("""
            SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
            JOIN identite.compte e ON e.personne_id = l.eleve_id
            WHERE e.identifiant = 'eleve.001' AND l.legal AND k.identifiant <> 'parent.001' ORDER BY k.identifiant LIMIT 1
            """);
    }).Unwrap();

    private sealed record Champ(string Id, string Libelle, string Type, bool Obligatoire, string[] Choix);

    private sealed record EleveSignalement(Guid Id, string Nom);

    private sealed record FormulaireADeposer(Guid Id, string Titre, Champ[] Champs, bool Confidentiel, EleveSignalement[] Eleves);

    private sealed record Resume(Guid Id, string Titre, bool Confidentiel, string Etat, string Eleve, string DeposePar);

    private sealed record Message(string Auteur, bool DuDeposant, string? Texte, string? Etat);

    private sealed record Reponse(string Champ, string Libelle, string Type, string? Valeur, string? Fichier);

    private sealed record Detail(Guid Id, string Titre, bool Confidentiel, string Etat, string Eleve, DateTimeOffset DeposeLe, Reponse[] Reponses, Message[] Messages,
        bool Destinataire, string[] EtatsPossibles, bool PeutEcrire);

    private async Task<FormulaireADeposer[]> FormulairesAsync(string login)
    {
        var reponse = await app.ClientConnecte(login).GetAsync("/api/communication/me/signalements/formulaires");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await reponse.ReadAsync<FormulaireADeposer[]>();
    }

    private async Task<Guid> DeposerAsync(string login, string titre, object[] reponses, Guid? eleveId = null)
    {
        var formulaire = (await FormulairesAsync(login)).Single(f => f.Titre == titre);
        var reponse = await app.ClientConnecte(login).PostAsJsonAsync("/api/communication/me/signalements",
            new { formulaireId = formulaire.Id, eleveId, reponses });
        Assert.True(reponse.StatusCode == HttpStatusCode.Created, await reponse.Content.ReadAsStringAsync());
        return (Guid)(await reponse.ReadJsonAsync())["id"]!;
    }

    private async Task<Resume[]> FileAsync(string login)
    {
        var reponse = await app.ClientConnecte(login).GetAsync($"/api/communication/etablissements/{Uai}/signalements");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await reponse.ReadAsync<Resume[]>();
    }

    private async Task<Detail> LireAsync(string login, Guid id)
    {
        var reponse = await app.ClientConnecte(login).GetAsync($"/api/communication/signalements/{id}");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await reponse.ReadAsync<Detail>();
    }

    private static readonly string[] CpeSecretariat = ["cpe", "secretariat"];
    private static readonly string[] DirectionSecretariat = ["direction", "secretariat"];
    private static readonly string[] Enseignant = ["enseignant"];
    private static readonly string[] Seul = ["Seul"];

    private static readonly object[] Harcelement =
    [
        new { champ = "c1", valeur = "Des élèves de ma classe m'insultent tous les jours à la récréation." },
        new { champ = "c2", valeur = "Dans la cour ou les couloirs" },
        new { champ = "c3", valeur = "2026-11-16" },
    ];

    [Fact]
    public async Task A_harassment_report_is_read_by_the_direction_and_the_CPE_only_never_by_a_teacher_and_every_read_is_logged()
    {
        var eleve = await PersonneAsync("eleve.001");
        var cpe = await PersonneAsync("cpe");
        var direction = await PersonneAsync("direction");
        const string LecturesSql = "SELECT count(*)::int FROM identite.journal_acces WHERE eleve_id = @eleve AND personne_id = @qui AND quoi = @quoi";
        Task<int> LecturesAsync(Guid qui, string quoi) => ScalarAsync<int>(LecturesSql, new { eleve, qui, quoi });
        // The pupil's own confidential report is logged under « …Confidentiel » names (ReglesSignalement.Operation).
        var avant = (Cpe: await LecturesAsync(cpe, "ObtenirSignalementConfidentiel"), File: await LecturesAsync(direction, "ListerSignalementsEtablissementConfidentiel"),
            Eleve: await LecturesAsync(eleve, "ObtenirSignalementConfidentiel"), Depot: await LecturesAsync(eleve, "DeposerSignalementConfidentiel"));

        var id = await DeposerAsync("eleve.001", "Signaler un harcèlement", Harcelement);

        // The CPE and the head find it in their queue and read it; the pupil reads their own.
        Assert.Contains(await FileAsync("cpe"), r => r.Id == id && r.Confidentiel && r.Etat == "recu");
        Assert.Contains(await FileAsync("direction"), r => r.Id == id);
        var lu = await LireAsync("cpe", id);
        Assert.True(lu.Destinataire);
        // Stamped by the host's clock (the fixture's day), not the machine's.
        var maintenant = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.InRange(lu.DeposeLe, maintenant.AddMinutes(-2), maintenant);
        Assert.Equal(["en_cours", "clos"], lu.EtatsPossibles);
        Assert.Equal("Dans la cour ou les couloirs", lu.Reponses.Single(r => r.Champ == "c2").Valeur);
        Assert.False((await LireAsync("eleve.001", id)).Destinataire);

        // Every read is in the access log under the pupil (neutral words: LibellesAcces): one row per read, the queue's too.
        Assert.Equal(avant.Cpe + 1, await LecturesAsync(cpe, "ObtenirSignalementConfidentiel"));
        Assert.Equal(avant.File + 1, await LecturesAsync(direction, "ListerSignalementsEtablissementConfidentiel"));
        Assert.Equal(avant.Eleve + 1, await LecturesAsync(eleve, "ObtenirSignalementConfidentiel"));
        Assert.Equal(avant.Depot + 1, await LecturesAsync(eleve, "DeposerSignalementConfidentiel"));

        // The pupil's view of their access log shows the CPE's read; their parent's view of the same log does not: what
        // the pupil confided to the school alone is not told to the family by the log either.
        static async Task<string[]> QuoiAsync(HttpResponseMessage r) =>
            [.. (await r.ReadJsonAsync())["acces"]!.AsArray().Select(a => (string)a!["quoi"]!)];
        var journalEleve = await QuoiAsync(await app.ClientConnecte("eleve.001").GetAsync($"/api/identite/eleves/{eleve}/journal-acces?taille=100"));
        Assert.Contains("ObtenirSignalementConfidentiel", journalEleve);
        var journalParent = await QuoiAsync(await app.ClientConnecte("parent.001").GetAsync($"/api/identite/eleves/{eleve}/journal-acces?taille=100"));
        Assert.NotEmpty(journalParent);
        Assert.DoesNotContain(journalParent, q => q.EndsWith("Confidentiel", StringComparison.Ordinal));

        // A teacher of eleve.001's class: no queue for a teacher, and the report is « unknown »; the nurse has a queue (a
        // function) without it; the pupil's own parent and another family: 404 alike.
        var professeur = await ProfDeAsync("eleve.001");
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte(professeur).GetAsync($"/api/viescolaire/eleves/{eleve}/absences")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(professeur).GetAsync($"/api/communication/etablissements/{Uai}/signalements")).StatusCode);
        Assert.DoesNotContain(await FileAsync("infirmerie"), r => r.Id == id);
        foreach (var login in new[] { professeur, "infirmerie", "parent.001", await AutreParentAsync(), "eleve.002" })
        {
            var refus = await app.ClientConnecte(login).GetAsync($"/api/communication/signalements/{id}");
            Assert.Equal(HttpStatusCode.NotFound, refus.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await refus.ReadJsonAsync())["type"]);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).PostAsJsonAsync($"/api/communication/signalements/{id}/messages",
                new { texte = "Je lis ?" })).StatusCode);
        }

        // The receivers were told, without a word of the content; the teacher was not.
        var notifications = (await Db.OpenConnectionAsync().AsTask().ContinueWith(async t =>
        {
            await using var conn = t.Result;
            return (await conn.QueryAsync<(Guid Personne, string Sujet, string Texte)>(
                "SELECT personne_id, sujet, texte FROM communication.message_sortant WHERE cle_idempotence LIKE 'signalement-depot:' || @id || ':%'",
                new { id = id.ToString() })).AsList();
        }).Unwrap());
        var prof = await PersonneAsync(professeur);
        var infirmerie = await PersonneAsync("infirmerie");
        Assert.Contains(notifications, n => n.Personne == cpe);
        Assert.Contains(notifications, n => n.Personne == direction);
        Assert.DoesNotContain(notifications, n => n.Personne == prof || n.Personne == infirmerie);
        Assert.All(notifications, n => Assert.DoesNotContain("insult", n.Texte, StringComparison.OrdinalIgnoreCase));
        Assert.All(notifications, n => Assert.Equal("Nouveau signalement confidentiel", n.Sujet));
    }

    [Fact]
    public async Task The_CPE_takes_it_in_hand_answers_and_closes_and_the_states_only_move_forward()
    {
        var id = await DeposerAsync("eleve.001", "Signaler un harcèlement", Harcelement);
        var cpe = app.ClientConnecte("cpe");
        var eleve = app.ClientConnecte("eleve.001");
        var url = $"/api/communication/signalements/{id}";

        // Only a receiver moves the state: the pupil gets 404.
        Assert.Equal(HttpStatusCode.NotFound, (await eleve.PostAsJsonAsync($"{url}/etat", new { etat = "clos" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cpe.PostAsJsonAsync($"{url}/etat", new { etat = "en_cours" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await cpe.PostAsJsonAsync($"{url}/etat", new { etat = "en_cours" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cpe.PostAsJsonAsync($"{url}/etat", new { etat = "repondu" })).StatusCode);

        // The CPE's answer: « répondu », the pupil notified; the pupil's answer brings it back to « en cours ».
        var reponse = await cpe.PostAsJsonAsync($"{url}/messages", new { texte = "Merci de nous avoir écrit. Viens me voir demain à 10 h au bureau de la vie scolaire." });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("repondu", (string?)(await reponse.ReadJsonAsync())["etat"]);
        Assert.Equal(1, await ScalarAsync<int>("""
            SELECT count(*)::int FROM communication.message_sortant
            WHERE personne_id = @eleve AND categorie = 'signalement_formulaire' AND sujet = 'Réponse à votre signalement' AND lien = @lien
            """, new { eleve = await PersonneAsync("eleve.001"), lien = $"/signalements/{id}" }));
        Assert.Equal(HttpStatusCode.BadRequest, (await eleve.PostAsJsonAsync($"{url}/messages", new { texte = "  " })).StatusCode);
        var relance = await eleve.PostAsJsonAsync($"{url}/messages", new { texte = "D'accord, j'y serai." });
        Assert.Equal("en_cours", (string?)(await relance.ReadJsonAsync())["etat"]);

        var detail = await LireAsync("eleve.001", id);
        Assert.Equal(["recu", "en_cours", "repondu", "en_cours"], detail.Messages.Select(m => m.Etat));
        Assert.True(detail.Messages[^1].DuDeposant);
        Assert.False(detail.Messages[2].DuDeposant);
        Assert.Equal("Karim Benali", detail.Messages[2].Auteur);

        // Closed is final: no message, no state.
        Assert.Equal(HttpStatusCode.OK, (await cpe.PostAsJsonAsync($"{url}/etat", new { etat = "clos" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await eleve.PostAsJsonAsync($"{url}/messages", new { texte = "Encore moi." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await cpe.PostAsJsonAsync($"{url}/etat", new { etat = "en_cours" })).StatusCode);
        var clos = await LireAsync("cpe", id);
        Assert.Equal("clos", clos.Etat);
        Assert.Empty(clos.EtatsPossibles);
        Assert.False(clos.PeutEcrire);
        Assert.Contains(await app.ClientConnecte("eleve.001").GetFromJsonAsync<Resume[]>("/api/communication/me/signalements", Http.Json) ?? [],
            r => r.Id == id && r.Etat == "clos");
    }

    [Fact]
    public async Task A_guardian_files_about_their_child_only_and_the_answers_are_checked_against_the_form()
    {
        var formulaire = (await FormulairesAsync("parent.001")).Single(f => f.Titre == "Un problème dans les locaux");
        Assert.Equal(2, formulaire.Eleves.Length); // eleve.001 and eleve.061
        var client = app.ClientConnecte("parent.001");
        const string url = "/api/communication/me/signalements";
        object[] bonnes = [new { champ = "c1", valeur = "Gymnase" }, new { champ = "c2", valeur = "Sécurité" }, new { champ = "c3", valeur = "Une vitre est fêlée." }];

        // Two children there: which one must be said.
        var sansEleve = await client.PostAsJsonAsync(url, new { formulaireId = formulaire.Id, reponses = bonnes });
        Assert.Equal(HttpStatusCode.BadRequest, sansEleve.StatusCode);
        Assert.NotNull((await sansEleve.ReadJsonAsync())["errors"]!["eleveId"]);

        // Another family's child is « unknown »; so is a form to someone with no pupil there (a teacher).
        var autreEleve = await ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = 'eleve.002'");
        if (!formulaire.Eleves.Any(e => e.Id == autreEleve))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(url, new { formulaireId = formulaire.Id, eleveId = autreEleve, reponses = bonnes })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PostAsJsonAsync(url, new { formulaireId = formulaire.Id, reponses = bonnes })).StatusCode);
        Assert.Empty(await FormulairesAsync("prof.01"));

        // A required field left empty, a choice not offered, a malformed date: 400 naming each field.
        var eleveId = formulaire.Eleves[0].Id;
        var mauvaises = await client.PostAsJsonAsync(url, new
        {
            formulaireId = formulaire.Id, eleveId,
            reponses = new object[] { new { champ = "c2", valeur = "Fuite d'eau" }, new { champ = "c9", valeur = "?" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, mauvaises.StatusCode);
        var erreurs = (await mauvaises.ReadJsonAsync())["errors"]!;
        Assert.NotNull(erreurs["reponses.c1"]);
        Assert.NotNull(erreurs["reponses.c2"]);
        Assert.NotNull(erreurs["reponses.c3"]);
        Assert.NotNull(erreurs["reponses"]);

        // A photo: uploaded first, attached at filing; its receivers (the head) download it, the other family cannot.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        var depot = await client.PostAsync("/api/communication/me/signalements/pieces-jointes",
            new MultipartFormDataContent { { new ByteArrayContent(png), "fichier", "vitre.png" } });
        Assert.Equal(HttpStatusCode.Created, depot.StatusCode);
        var piece = (string)(await depot.ReadJsonAsync())["id"]!;
        // Someone else's upload cannot be attached.
        var volee = await app.ClientConnecte("eleve.001").PostAsJsonAsync(url, new
        {
            formulaireId = formulaire.Id, reponses = bonnes.Append(new { champ = "c4", valeur = piece }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, volee.StatusCode);

        // Not a form, or an empty one: a French 4xx, never a 500.
        var pasUnFormulaire = await client.PostAsJsonAsync("/api/communication/me/signalements/pieces-jointes", new { fichier = "x" });
        Assert.True((int)pasUnFormulaire.StatusCode is 400 or 415, pasUnFormulaire.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/communication/me/signalements/pieces-jointes", new MultipartFormDataContent())).StatusCode);

        var id = await DeposerAsync("parent.001", "Un problème dans les locaux", [.. bonnes, new { champ = "c4", valeur = piece }], eleveId);
        var detail = await LireAsync("direction", id);
        Assert.Equal("vitre.png", detail.Reponses.Single(r => r.Champ == "c4").Fichier);
        var telechargement = await app.ClientConnecte("direction").GetAsync($"/api/communication/signalements/{id}/pieces-jointes/{piece}");
        Assert.Equal(HttpStatusCode.OK, telechargement.StatusCode);
        Assert.Equal(png, await telechargement.Content.ReadAsByteArrayAsync());
        foreach (var login in new[] { await AutreParentAsync(), "prof.01", "cpe" })
        {
            // The CPE is no receiver of « locaux » (direction and secretariat): 404 too.
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync($"/api/communication/signalements/{id}/pieces-jointes/{piece}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync($"/api/communication/signalements/{id}")).StatusCode);
        }

        // A file uploaded and never filed goes a day after its upload, row and file; the filed one stays.
        var oubli = await client.PostAsync("/api/communication/me/signalements/pieces-jointes",
            new MultipartFormDataContent { { new ByteArrayContent(png), "fichier", "oubliee.png" } });
        Assert.Equal(HttpStatusCode.Created, oubli.StatusCode);
        var oubliee = (Guid)(await oubli.ReadJsonAsync())["id"]!;
        string[] stockes;
        DateTimeOffset deposee;
        await using (var conn = await Db.OpenConnectionAsync())
        {
            stockes = (await conn.QueryAsync<string>("SELECT nom_stockage FROM communication.signalement_piece_jointe WHERE id = ANY(@ids) ORDER BY id = @oubliee",
                new { ids = new[] { Guid.Parse(piece), oubliee }, oubliee })).ToArray();
            deposee = await conn.ExecuteScalarAsync<DateTime>("SELECT depose_le FROM communication.signalement_piece_jointe WHERE id = @oubliee", new { oubliee });
        }

        var purge = app.Services.GetRequiredService<Ent.Communication.Conversations.PurgePiecesJointesMessagerie>();
        await purge.PurgerAsync(deposee.AddHours(23), CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(app.DossierDocuments, stockes[1])));
        Assert.True(await purge.PurgerAsync(deposee.AddHours(25), CancellationToken.None) >= 1);
        await using (var conn = await Db.OpenConnectionAsync())
        {
            Assert.Equal(0L, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM communication.signalement_piece_jointe WHERE id = @oubliee", new { oubliee }));
        }

        Assert.False(File.Exists(Path.Combine(app.DossierDocuments, stockes[1])));
        Assert.True(File.Exists(Path.Combine(app.DossierDocuments, stockes[0])));
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("direction").GetAsync($"/api/communication/signalements/{id}/pieces-jointes/{piece}")).StatusCode);

        // Only who filed it sees it in their list: not the other parent, not the pupil.
        Assert.Contains(await client.GetFromJsonAsync<Resume[]>(url, Http.Json) ?? [], r => r.Id == id);
        Assert.DoesNotContain(await app.ClientConnecte("eleve.001").GetFromJsonAsync<Resume[]>(url, Http.Json) ?? [], r => r.Id == id);
        if (await AutreResponsableAsync() is { } autre)
        {
            Assert.DoesNotContain(await app.ClientConnecte(autre).GetFromJsonAsync<Resume[]>(url, Http.Json) ?? [], r => r.Id == id);
        }
    }

    [Fact]
    public async Task Staff_build_forms_with_receivers_by_function_and_the_harassment_model_stays_confidential()
    {
        var url = $"/api/communication/etablissements/{Uai}/signalements/formulaires";
        var page = await (await app.ClientConnecte("direction").GetAsync(url)).ReadJsonAsync();
        Assert.Equal(3, page["modeles"]!.AsArray().Count);
        Assert.Contains(page["formulaires"]!.AsArray(), f => (string?)f!["modele"] == "harcelement" && (bool)f["confidentiel"]!);

        // Teachers, families, pupils and the nurse build nothing: the établissement is « unknown » to them.
        foreach (var login in new[] { "prof.01", "parent.001", "eleve.001", "infirmerie" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync(url)).StatusCode);
        }

        var champs = new object[]
        {
            new { libelle = "Quel repas ?", type = "choix", obligatoire = true, choix = new[] { "Déjeuner", "Dîner (internat)" } },
            new { libelle = "Le jour", type = "date", obligatoire = true },
            new { libelle = "Votre remarque", type = "texte", obligatoire = false },
        };
        var cree = await app.ClientConnecte("cpe").PostAsJsonAsync(url, new
        {
            titre = "La cantine", description = "Un avis sur un repas.", champs, destinataires = CpeSecretariat,
        });
        Assert.Equal(HttpStatusCode.Created, cree.StatusCode);
        var formulaire = await cree.ReadJsonAsync();
        Assert.Equal(["c1", "c2", "c3"], formulaire["champs"]!.AsArray().Select(c => (string?)c!["id"]));

        // Each mistake named: one choice only, an unknown type, a teacher as receiver, a confidential form to the secretariat.
        var mauvais = await app.ClientConnecte("cpe").PostAsJsonAsync(url, new
        {
            titre = "", champs = new object[] { new { libelle = "Un", type = "choix", obligatoire = true, choix = Seul }, new { libelle = "Deux", type = "note" } },
            destinataires = Enseignant,
        });
        Assert.Equal(HttpStatusCode.BadRequest, mauvais.StatusCode);
        var erreurs = (await mauvais.ReadJsonAsync())["errors"]!;
        Assert.NotNull(erreurs["titre"]);
        Assert.NotNull(erreurs["champs[0].choix"]);
        Assert.NotNull(erreurs["champs[1].type"]);
        Assert.NotNull(erreurs["destinataires"]);
        var harcelement = await app.ClientConnecte("direction").PostAsJsonAsync(url, new
        {
            modele = "harcelement", titre = "Harcèlement (2)", champs = new object[] { new { libelle = "Quoi ?", type = "texte", obligatoire = true } },
            destinataires = DirectionSecretariat, confidentiel = false,
        });
        Assert.Equal(HttpStatusCode.BadRequest, harcelement.StatusCode);

        // The database refuses a confidential form to anyone but the direction and the CPE, whatever the code says.
        await using (var conn = await Db.OpenConnectionAsync())
        {
            await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("""
                INSERT INTO communication.formulaire_signalement (id, etablissement_id, titre, champs, destinataires, confidentiel, cree_par, cree_le)
                VALUES (gen_random_uuid(), gen_random_uuid(), 'x', '[]', ARRAY['infirmier'], true, gen_random_uuid(), now())
                """));
        }

        // Offered to the families at once; withdrawn, it is offered no more.
        var id = (string)formulaire["id"]!;
        Assert.Contains(await FormulairesAsync("eleve.001"), f => f.Id.ToString() == id);

        // A correction: the report filed before keeps its title and questions; a teacher cannot correct it (404).
        var depose = await DeposerAsync("eleve.001", "La cantine", [new { champ = "c1", valeur = "Déjeuner" }, new { champ = "c2", valeur = "2026-12-01" }]);
        var correction = new
        {
            titre = "La cantine et l'internat", champs = new object[] { new { libelle = "Votre avis", type = "texte", obligatoire = true } },
            destinataires = CpeSecretariat,
        };
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PutAsJsonAsync($"/api/communication/signalements/formulaires/{id}", correction)).StatusCode);
        var corrige = await app.ClientConnecte("direction").PutAsJsonAsync($"/api/communication/signalements/formulaires/{id}", correction);
        Assert.Equal(HttpStatusCode.OK, corrige.StatusCode);
        Assert.Equal(1, (int)(await corrige.ReadJsonAsync())["depots"]!);
        Assert.Contains(await FormulairesAsync("eleve.001"), f => f.Titre == "La cantine et l'internat" && f.Champs.Length == 1);
        var ancien = await LireAsync("cpe", depose);
        Assert.Equal("La cantine", ancien.Titre);
        Assert.Equal("Quel repas ?", ancien.Reponses[0].Libelle);

        // The harassment form stays confidential whatever the correction says.
        var harcelementId = page["formulaires"]!.AsArray().Single(f => (string?)f!["modele"] == "harcelement")!["id"]!.ToString();
        var banal = await app.ClientConnecte("direction").PutAsJsonAsync($"/api/communication/signalements/formulaires/{harcelementId}", correction);
        Assert.Equal(HttpStatusCode.BadRequest, banal.StatusCode);
        Assert.NotNull((await banal.ReadJsonAsync())["errors"]!["destinataires"]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PutAsJsonAsync($"/api/communication/signalements/formulaires/{id}/actif", new { actif = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte("direction").PutAsJsonAsync($"/api/communication/signalements/formulaires/{id}/actif", new { actif = false })).StatusCode);
        Assert.DoesNotContain(await FormulairesAsync("eleve.001"), f => f.Id.ToString() == id);
    }
}
