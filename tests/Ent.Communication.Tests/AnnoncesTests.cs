using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Communication.Tests;

/// <summary>
/// Official announcements (issue #16) through HTTP: who may publish to whom, families see only what addresses them and
/// only in its window, acknowledgement counted per class, the reminder reaches only the families that have not
/// confirmed. The demo lycée: prof.01 teaches 2NDE1 (not TG1), prof.12 only TG1; « direction » and « cpe » run it.
/// Dates are relative to the host's clock: nothing depends on today's date.
/// </summary>
public sealed partial class AnnoncesTests(EntApp app) : IClassFixture<EntApp>
{
    private const string Uai = "0750000A";

    private static readonly string[] Familles = ["familles"];
    private static readonly string[] Eleves = ["eleves"];
    private static readonly string[] Voisins = ["voisins"];

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

    /// <summary>
    /// A class's families, one per pupil with a legal guardian: the pupil, the login of their first legal guardian, and
    /// whether that guardian has no other child (so that their confirmation confirms this family alone).
    /// </summary>
    private Task<List<(Guid EleveId, string Login, bool Seul)>> FamillesAsync(string classe) => ListeAsync<(Guid, string, bool)>("""
        SELECT DISTINCT ON (i.eleve_id) i.eleve_id, k.identifiant,
               (SELECT count(*) FROM identite.lien_responsable m WHERE m.responsable_id = l.responsable_id) = 1
        FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id AND l.legal
        JOIN identite.compte k ON k.personne_id = l.responsable_id
        WHERE c.code = @classe ORDER BY i.eleve_id, k.identifiant
        """, new { classe });

    /// <summary>The login of a legal guardian none of whose children is in the given classes.</summary>
    private Task<string> ParentHorsAsync(params string[] classes) => ScalarAsync<string>("""
        SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
        WHERE l.legal AND NOT EXISTS (
            SELECT 1 FROM identite.lien_responsable m JOIN scolarite.inscription_classe i ON i.eleve_id = m.eleve_id
            JOIN scolarite.classe c ON c.id = i.classe_id WHERE m.responsable_id = l.responsable_id AND c.code = ANY(@classes))
        ORDER BY k.identifiant LIMIT 1
        """, new { classes });

    private Task<string> EleveAsync(string classe) => ScalarAsync<string>("""
        SELECT k.identifiant FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        JOIN identite.compte k ON k.personne_id = i.eleve_id WHERE c.code = @classe ORDER BY k.identifiant LIMIT 1
        """, new { classe });

    private sealed record Publiee(Guid Id, int Destinataires, int Familles);

    private sealed record Recue(Guid Id, string Titre, string Texte, string Auteur, bool Lue, bool AccuseLecture, bool AConfirmer);

    private sealed record ResponsableSuivi(Guid Id, string Nom, DateTimeOffset? ConfirmeeLe);

    private sealed record FamilleSuivi(Guid EleveId, string Eleve, bool Confirmee, ResponsableSuivi[] Responsables);

    private sealed record ClasseSuivi(string? Classe, int Familles, int Confirmees, FamilleSuivi[] Eleves);

    private sealed record Suivi(int Destinataires, int Lues, int Familles, int FamillesConfirmees, ClasseSuivi[] Classes);

    private static object Annonce(string titre, object audience, bool accuseLecture = false, DateTimeOffset? visibleDu = null) =>
        new { titre, texte = "Texte de l'annonce « " + titre + " ».", audience, accuseLecture, visibleDu };

    private static object Classes(params Guid[] classes) => new { etablissement = false, classes, profils = Familles };

    private async Task<Publiee> PublierAsync(string login, object annonce)
    {
        var reponse = await app.ClientConnecte(login).PostAsJsonAsync($"/api/communication/etablissements/{Uai}/annonces", annonce);
        Assert.True(reponse.StatusCode == HttpStatusCode.Created, await reponse.Content.ReadAsStringAsync());
        return await reponse.ReadAsync<Publiee>();
    }

    private async Task<Recue[]> MesAnnoncesAsync(string login)
    {
        var reponse = await app.ClientConnecte(login).GetAsync("/api/communication/me/annonces");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await reponse.ReadAsync<Recue[]>();
    }

    [Fact]
    public async Task A_teacher_publishes_to_the_classes_they_teach_and_nowhere_else()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var terminale = await ClasseAsync("TG1");

        // prof.01 teaches 2NDE1: its families are the audience, each legal guardian once.
        var publiee = await PublierAsync("prof.01", Annonce("Devoir commun de français", Classes(seconde1)));
        var attendus = await ScalarAsync<int>("""
            SELECT count(DISTINCT l.responsable_id)::int FROM scolarite.inscription_classe i JOIN identite.lien_responsable l ON l.eleve_id = i.eleve_id AND l.legal
            WHERE i.classe_id = @seconde1
            """, new { seconde1 });
        Assert.Equal(attendus, publiee.Destinataires);
        Assert.Equal(await ScalarAsync<int>("SELECT count(*)::int FROM scolarite.inscription_classe WHERE classe_id = @seconde1", new { seconde1 }),
            publiee.Familles);

        // Every recipient's in-app notification is queued with the publication.
        Assert.Equal(publiee.Destinataires, await ScalarAsync<int>(
            "SELECT count(*)::int FROM communication.message_sortant WHERE cle_idempotence LIKE 'annonce:' || @id || ':%:application'",
            new { id = publiee.Id.ToString() }));

        // TG1 is not prof.01's: « unknown », as a forged id; nor is the whole établissement theirs to address.
        var client = app.ClientConnecte("prof.01");
        var url = $"/api/communication/etablissements/{Uai}/annonces";
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(url, Annonce("Hors classe", Classes(terminale)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(url, Annonce("Inventé", Classes(Guid.NewGuid())))).StatusCode);
        var tout = await client.PostAsJsonAsync(url, Annonce("À tous", new { etablissement = true, profils = Familles }));
        Assert.Equal(HttpStatusCode.BadRequest, tout.StatusCode);
        Assert.NotNull((await tout.ReadJsonAsync())["errors"]!["audience"]);

        // prof.12 teaches TG1 only; families, pupils and the nurse publish nothing: the établissement is « unknown » to them.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.12").PostAsJsonAsync(url, Annonce("Seconde", Classes(seconde1)))).StatusCode);
        var (_, parent, _) = (await FamillesAsync("2NDE1"))[0];
        foreach (var login in new[] { parent, await EleveAsync("2NDE1"), "infirmerie" })
        {
            var refus = await app.ClientConnecte(login).PostAsJsonAsync(url, Annonce("Non", Classes(seconde1)));
            Assert.Equal(HttpStatusCode.NotFound, refus.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await refus.ReadJsonAsync())["type"]);
        }

        // Nothing was written by the refusals.
        Assert.Equal(1, await ScalarAsync<int>("SELECT count(*)::int FROM communication.annonce WHERE titre = 'Devoir commun de français'"));
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM communication.annonce WHERE titre IN ('Hors classe', 'Inventé', 'À tous', 'Seconde', 'Non')"));
    }

    [Fact]
    public async Task Bad_input_is_named_in_french_and_writes_nothing()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var client = app.ClientConnecte("direction");
        var url = $"/api/communication/etablissements/{Uai}/annonces";

        var vide = await client.PostAsJsonAsync(url, new { titre = " ", texte = "", audience = new { etablissement = false, profils = Array.Empty<string>() } });
        Assert.Equal(HttpStatusCode.BadRequest, vide.StatusCode);
        var erreurs = (await vide.ReadJsonAsync())["errors"]!;
        Assert.NotNull(erreurs["titre"]);
        Assert.NotNull(erreurs["texte"]);
        Assert.NotNull(erreurs["audience.profils"]);
        Assert.NotNull(erreurs["audience"]);

        // An acknowledgement is asked of families: not of pupils alone.
        var eleves = await client.PostAsJsonAsync(url, Annonce("Élèves", new { etablissement = false, classes = new[] { seconde1 }, profils = Eleves },
            accuseLecture: true));
        Assert.Equal(HttpStatusCode.BadRequest, eleves.StatusCode);
        Assert.NotNull((await eleves.ReadJsonAsync())["errors"]!["accuseLecture"]);

        var profil = await client.PostAsJsonAsync(url, Annonce("Profil", new { etablissement = true, profils = Voisins }));
        Assert.Equal(HttpStatusCode.BadRequest, profil.StatusCode);
        var fin = await client.PostAsJsonAsync(url, new
        {
            titre = "Fin", texte = "Texte", audience = Classes(seconde1), visibleDu = Maintenant.AddDays(2), visibleAu = Maintenant.AddDays(1),
        });
        Assert.Equal(HttpStatusCode.BadRequest, fin.StatusCode);
        Assert.NotNull((await fin.ReadJsonAsync())["errors"]!["visibleAu"]);
        var long_ = await client.PostAsJsonAsync(url, new { titre = "Long", texte = new string('a', 10001), audience = Classes(seconde1) });
        Assert.Equal(HttpStatusCode.BadRequest, long_.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/communication/etablissements/pas-une-uai/annonces", Annonce("x", Classes(seconde1)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/communication/etablissements/0990099X/annonces", Annonce("x", Classes(seconde1)))).StatusCode);
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*)::int FROM communication.annonce WHERE titre IN ('Élèves', 'Profil', 'Fin', 'Long', 'x')"));
    }

    [Fact]
    public async Task Families_see_only_what_addresses_them_and_only_in_its_window()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var publiee = await PublierAsync("cpe", Annonce("Photo de classe", Classes(seconde1)));
        var plusTard = await PublierAsync("cpe", Annonce("Conseil de classe", Classes(seconde1), visibleDu: Maintenant.AddDays(3)));

        var (_, parentSeconde, _) = (await FamillesAsync("2NDE1"))[0];
        var parentTerminale = await ParentHorsAsync("2NDE1");
        var eleveSeconde = await EleveAsync("2NDE1");

        var siennes = await MesAnnoncesAsync(parentSeconde);
        var photo = Assert.Single(siennes, a => a.Id == publiee.Id);
        Assert.False(photo.Lue);
        Assert.DoesNotContain(siennes, a => a.Id == plusTard.Id);

        // Another class's family, and the class's pupils (the families only were addressed), see nothing of it.
        Assert.DoesNotContain(await MesAnnoncesAsync(parentTerminale), a => a.Id == publiee.Id);
        Assert.DoesNotContain(await MesAnnoncesAsync(eleveSeconde), a => a.Id == publiee.Id);
        foreach (var login in new[] { parentTerminale, eleveSeconde, "prof.12" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync($"/api/communication/annonces/{publiee.Id}")).StatusCode);
        }

        // Not yet in its window: 404 even for its family.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parentSeconde).GetAsync($"/api/communication/annonces/{plusTard.Id}")).StatusCode);

        // Opening it marks it read.
        var lue = await app.ClientConnecte(parentSeconde).GetAsync($"/api/communication/annonces/{publiee.Id}");
        Assert.Equal(HttpStatusCode.OK, lue.StatusCode);
        Assert.Equal("Photo de classe", (await lue.ReadAsync<Recue>()).Titre);
        Assert.True(Assert.Single(await MesAnnoncesAsync(parentSeconde), a => a.Id == publiee.Id).Lue);
    }

    [Fact]
    public async Task Acknowledgements_are_counted_per_class_and_the_reminder_reaches_only_the_families_that_have_not_confirmed()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var seconde2 = await ClasseAsync("2NDE2");
        var publiee = await PublierAsync("direction", Annonce("Sortie au théâtre", Classes(seconde1, seconde2), accuseLecture: true));
        var familles1 = await FamillesAsync("2NDE1");
        var familles2 = await FamillesAsync("2NDE2");

        // Two families of 2NDE1 and one of 2NDE2 confirm (each by a guardian with no other child); confirming twice changes nothing.
        var confirmees = familles1.Where(f => f.Seul).Take(2).Append(familles2.First(f => f.Seul)).ToArray();
        foreach (var (_, login, _) in confirmees)
        {
            Assert.True(Assert.Single(await MesAnnoncesAsync(login), a => a.Id == publiee.Id).AConfirmer);
            Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte(login).PostAsync($"/api/communication/annonces/{publiee.Id}/confirmation", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte(login).PostAsync($"/api/communication/annonces/{publiee.Id}/confirmation", null)).StatusCode);
            Assert.False(Assert.Single(await MesAnnoncesAsync(login), a => a.Id == publiee.Id).AConfirmer);
        }

        // A family it does not address cannot confirm it (404).
        var terminale = await ParentHorsAsync("2NDE1", "2NDE2");
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(terminale).PostAsync($"/api/communication/annonces/{publiee.Id}/confirmation", null)).StatusCode);

        // The follow-up, class by class: who has and who has not.
        var reponse = await app.ClientConnecte("direction").GetAsync($"/api/communication/annonces/{publiee.Id}/suivi");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var suivi = await reponse.ReadAsync<Suivi>();
        var c1 = Assert.Single(suivi.Classes, c => c.Classe == "2NDE1");
        var c2 = Assert.Single(suivi.Classes, c => c.Classe == "2NDE2");
        Assert.Equal((familles1.Count, 2), (c1.Familles, c1.Confirmees));
        Assert.Equal((familles2.Count, 1), (c2.Familles, c2.Confirmees));
        Assert.Equal(3, suivi.FamillesConfirmees);
        Assert.Equal(confirmees.Take(2).Select(c => c.EleveId).Order(), c1.Eleves.Where(e => e.Confirmee).Select(e => e.EleveId).Order());
        Assert.True(suivi.Lues >= 3);

        // The read names pupils: the access log has it.
        Assert.True(await ScalarAsync<int>("SELECT count(*)::int FROM identite.journal_acces WHERE quoi = 'SuivreAnnonce' AND eleve_id = @eleve",
            new { eleve = confirmees[0].EleveId }) >= 1);

        // The reminder: each guardian of each family that has not confirmed, and no one else.
        var relance = await app.ClientConnecte("direction").PostAsync($"/api/communication/annonces/{publiee.Id}/relance", null);
        Assert.Equal(HttpStatusCode.OK, relance.StatusCode);
        Assert.Equal(familles1.Count + familles2.Count - 3, (int)(await relance.ReadJsonAsync())["familles"]!);
        var relances = await ListeAsync<Guid>(
            "SELECT personne_id FROM communication.message_sortant WHERE cle_idempotence LIKE 'annonce-relance:' || @id || ':%:application'",
            new { id = publiee.Id.ToString() });
        var nonConfirmees = familles1.Concat(familles2).Select(f => f.EleveId).Except(confirmees.Select(c => c.EleveId)).ToArray();
        var attendus = await ListeAsync<Guid>("SELECT DISTINCT responsable_id FROM identite.lien_responsable WHERE legal AND eleve_id = ANY(@nonConfirmees)",
            new { nonConfirmees });
        Assert.Equal(attendus.Order(), relances.Order());
        var confirmes = await ListeAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = ANY(@logins)",
            new { logins = confirmees.Select(c => c.Login).ToArray() });
        Assert.Empty(relances.Intersect(confirmes));

        // A second click at once sends nothing more.
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("direction").PostAsync($"/api/communication/annonces/{publiee.Id}/relance", null)).StatusCode);
    }

    [Fact]
    public async Task Only_the_author_and_the_establishments_desk_follow_an_announcement_up()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var publiee = await PublierAsync("prof.01", Annonce("Cahiers à rendre", Classes(seconde1), accuseLecture: true));
        var (_, parent, _) = (await FamillesAsync("2NDE1"))[0];

        foreach (var login in new[] { "prof.01", "cpe", "direction" })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte(login).GetAsync($"/api/communication/annonces/{publiee.Id}/suivi")).StatusCode);
        }

        foreach (var login in new[] { "prof.12", "prof.02", "infirmerie", parent })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync($"/api/communication/annonces/{publiee.Id}/suivi")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).PostAsync($"/api/communication/annonces/{publiee.Id}/relance", null)).StatusCode);
        }

        // The établissement's list: the desk sees every announcement, a teacher their own.
        var tous = await (await app.ClientConnecte("cpe").GetAsync($"/api/communication/etablissements/{Uai}/annonces")).ReadJsonAsync();
        Assert.Contains(tous.AsArray(), a => (string?)a!["id"] == publiee.Id.ToString());
        var prof12 = await (await app.ClientConnecte("prof.12").GetAsync($"/api/communication/etablissements/{Uai}/annonces")).ReadJsonAsync();
        Assert.DoesNotContain(prof12.AsArray(), a => (string?)a!["id"] == publiee.Id.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(parent).GetAsync($"/api/communication/etablissements/{Uai}/annonces")).StatusCode);

        // Without an acknowledgement asked, there is nobody to remind, and nothing to confirm.
        var sans = await PublierAsync("prof.01", Annonce("Information", Classes(seconde1)));
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte("prof.01").PostAsync($"/api/communication/annonces/{sans.Id}/relance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte(parent).PostAsync($"/api/communication/annonces/{sans.Id}/confirmation", null)).StatusCode);
    }

    [Fact]
    public async Task The_author_attaches_files_that_only_those_addressed_and_the_desk_download()
    {
        var seconde1 = await ClasseAsync("2NDE1");
        var publiee = await PublierAsync("prof.01", Annonce("Programme de la sortie", Classes(seconde1)));
        var url = $"/api/communication/annonces/{publiee.Id}/pieces-jointes";
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();
        static MultipartFormDataContent Formulaire(byte[] octets, string nom) =>
            new() { { new ByteArrayContent(octets), "fichier", nom } };

        // Someone else's announcement: « unknown », the file is not even read.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.12").PostAsync(url, Formulaire(pdf, "programme.pdf"))).StatusCode);
        // A text file named .pdf is refused for what it is.
        var faux = await app.ClientConnecte("prof.01").PostAsync(url, Formulaire("pas un pdf"u8.ToArray(), "faux.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, faux.StatusCode);
        Assert.NotNull((await faux.ReadJsonAsync())["errors"]!["fichier"]);

        var depose = await app.ClientConnecte("prof.01").PostAsync(url, Formulaire(pdf, "programme.pdf"));
        Assert.Equal(HttpStatusCode.Created, depose.StatusCode);
        var piece = (string)(await depose.ReadJsonAsync())["id"]!;

        var (_, parent, _) = (await FamillesAsync("2NDE1"))[0];
        var miennes = (await (await app.ClientConnecte(parent).GetAsync("/api/communication/me/annonces")).ReadJsonAsync()).AsArray();
        var recue = Assert.Single(miennes, a => (string?)a!["id"] == publiee.Id.ToString());
        Assert.Equal("programme.pdf", (string?)recue!["piecesJointes"]![0]!["nom"]);

        foreach (var login in new[] { parent, "prof.01", "cpe" })
        {
            var telechargement = await app.ClientConnecte(login).GetAsync($"{url}/{piece}");
            Assert.Equal(HttpStatusCode.OK, telechargement.StatusCode);
            Assert.Equal("application/pdf", telechargement.Content.Headers.ContentType?.MediaType);
            Assert.Equal(pdf, await telechargement.Content.ReadAsByteArrayAsync());
        }

        foreach (var login in new[] { await ParentHorsAsync("2NDE1"), "prof.12", await EleveAsync("2NDE1") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(login).GetAsync($"{url}/{piece}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_form_offers_what_the_caller_may_address()
    {
        var direction = await (await app.ClientConnecte("direction").GetAsync($"/api/communication/etablissements/{Uai}/annonces/audiences")).ReadJsonAsync();
        Assert.True((bool)direction["etablissement"]!);
        Assert.Equal(["1G1", "2NDE1", "2NDE2", "TG1"], direction["classes"]!.AsArray().Select(c => (string)c!["code"]!).Order(StringComparer.Ordinal));

        var prof12 = await (await app.ClientConnecte("prof.12").GetAsync($"/api/communication/etablissements/{Uai}/annonces/audiences")).ReadJsonAsync();
        Assert.False((bool)prof12["etablissement"]!);
        Assert.Equal(["TG1"], prof12["classes"]!.AsArray().Select(c => (string)c!["code"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("infirmerie").GetAsync($"/api/communication/etablissements/{Uai}/annonces/audiences")).StatusCode);
    }
}
