using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.VieScolaire.Tests;

/// <summary>The demo lycée with the families' documents in a folder of the test's own.</summary>
public sealed class JustificatifsApp : EntApp
{
    public string Dossier { get; } = TestCluster.NewFolder("documents");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:VieScolaire:Documents:Dossier"] = Dossier,
    };
}

/// <summary>
/// Issue #5, justification by the family, over HTTP with real tokens: a guardian justifies absences (reason, comment,
/// document checked on its content), the vie scolaire desk reviews the queue and decides, the guardian is told.
/// Absences are made here with SQL (the roll call has its own tests).
/// </summary>
public sealed class JustificatifsTests(JustificatifsApp app) : IClassFixture<JustificatifsApp>
{
    /// <summary>A real, tiny PDF (one empty page).</summary>
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A 1×1 JPEG.</summary>
    public static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////" +
        "////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    /// <summary>The start of a Windows executable.</summary>
    private static readonly byte[] Exe = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. new byte[512]];

    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    // ---- Data ------------------------------------------------------------------------------------------------------

    /// <summary>A pupil of the class, one per test so that tests stay apart, and their guardian who receives notifications.</summary>
    private async Task<(Guid EleveId, string Responsable)> FamilleAsync(string classe, int rang)
    {
        var eleveId = await app.ScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE c.code = @classe ORDER BY i.eleve_id OFFSET @rang LIMIT 1
            """, new { classe, rang });
        return (eleveId, await app.ResponsableAsync(eleveId));
    }

    /// <summary>A guardian who is no guardian of the pupil (a family of another class, sharing no child with them).</summary>
    private Task<string> AutreFamilleAsync(Guid eleveId) => app.ScalarAsync<string>("""
        SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
        JOIN scolarite.inscription_classe i ON i.eleve_id = l.eleve_id JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE c.code = 'TG1' AND l.responsable_id NOT IN (SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @eleveId)
        ORDER BY k.identifiant LIMIT 1
        """, new { eleveId });

    private static int _jours;

    /// <summary>An absence of the pupil on a past school day (each call a different day), as the roll call records it.</summary>
    private async Task<Guid> AbsenceAsync(Guid eleveId, string type = "absence")
    {
        var id = Guid.NewGuid();
        var jour = DateTime.UtcNow.Date.AddDays(-1 - Interlocked.Increment(ref _jours));
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, cours,
                                             saisie_par, saisie_le)
            SELECT @id, e.id, @eleveId, @type, @debut, @debut + interval '55 minutes', @jour, 'matin',
                   CASE WHEN @type = 'retard' THEN 10 END, 'Mathématiques — 2NDE1',
                   (SELECT personne_id FROM identite.compte WHERE identifiant = 'cpe'), now()
            FROM identite.etablissement e WHERE e.uai = '0750000A'
            """, new { id, eleveId, type, debut = new DateTimeOffset(jour.AddHours(8), TimeSpan.Zero), jour = DateOnly.FromDateTime(jour) });
        return id;
    }

    private async Task<string> StatutAsync(Guid absenceId) =>
        await app.ScalarAsync<string>("SELECT statut FROM viescolaire.absence WHERE id = @absenceId", new { absenceId });

    private async Task<List<T>> RequeteAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, parameters)).AsList();
    }

    private async Task ExecuterAsync(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parameters);
    }

    private async Task<long> CompterAsync(string sql, object? parameters = null) => await app.ScalarAsync<long>(sql, parameters);

    private string[] Fichiers() => Directory.Exists(app.Dossier) ? Directory.GetFiles(app.Dossier) : [];

    // ---- Requests --------------------------------------------------------------------------------------------------

    public static MultipartFormDataContent Formulaire(IEnumerable<Guid> absenceIds, string motif, string? commentaire = null,
        (byte[] Octets, string Nom, string Type)? document = null)
    {
        var formulaire = new MultipartFormDataContent();
        foreach (var id in absenceIds)
        {
            formulaire.Add(new StringContent(id.ToString()), "absenceIds");
        }

        formulaire.Add(new StringContent(motif), "motif");
        if (commentaire is not null)
        {
            formulaire.Add(new StringContent(commentaire), "commentaire");
        }

        if (document is { } d)
        {
            var fichier = new ByteArrayContent(d.Octets);
            fichier.Headers.ContentType = new MediaTypeHeaderValue(d.Type);
            formulaire.Add(fichier, "document", d.Nom);
        }

        return formulaire;
    }

    private async Task<JsonNode> DeposerAsync(string responsable, Guid eleveId, Guid[] absences, string motif = "maladie", string? commentaire = null,
        (byte[] Octets, string Nom, string Type)? document = null)
    {
        var reponse = await app.ClientConnecte(responsable)
            .PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs", Formulaire(absences, motif, commentaire, document));
        Assert.True(reponse.StatusCode == HttpStatusCode.Created, await reponse.Content.ReadAsStringAsync());
        return await reponse.ReadJsonAsync();
    }

    private static Task<HttpResponseMessage> DeciderAsync(HttpClient client, Guid id, bool accepte, string? raison = null) =>
        client.PostAsJsonAsync($"/api/viescolaire/justificatifs/{id}/decision", new { accepte, raison });

    private static Guid Id(JsonNode noeud) => Guid.Parse((string)noeud["id"]!);

    // ---- Tests -----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_guardian_justifies_two_absences_with_a_pdf_stored_outside_the_web_root_and_the_desk_downloads_it()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 0);
        var absences = new[] { await AbsenceAsync(eleveId), await AbsenceAsync(eleveId, "retard") };

        var justificatif = await DeposerAsync(responsable, eleveId, absences, "rendez_vous_medical", "Rendez-vous chez l'orthodontiste.",
            (Pdf, "certificat médical.pdf", "application/pdf"));

        Assert.Equal("a_examiner", (string?)justificatif["statut"]);
        Assert.Equal("rendez_vous_medical", (string?)justificatif["motifCode"]);
        Assert.Equal("Rendez-vous médical", (string?)justificatif["motifLibelle"]);
        Assert.Equal("Rendez-vous chez l'orthodontiste.", (string?)justificatif["commentaire"]);
        Assert.Equal(eleveId.ToString(), (string?)justificatif["eleve"]!["id"]);
        Assert.Equal("2NDE1", (string?)justificatif["eleve"]!["classe"]);
        Assert.Equal((await app.PersonneAsync(responsable)).ToString(), (string?)justificatif["deposePar"]!["id"]);
        Assert.Equal("certificat médical.pdf", (string?)justificatif["document"]!["nomOriginal"]);
        Assert.Equal("application/pdf", (string?)justificatif["document"]!["typeContenu"]);
        Assert.Equal(Pdf.Length, (int)justificatif["document"]!["taille"]!);
        Assert.Null(justificatif["document"]!["nomStockage"]);
        Assert.Equal(absences.Order(), justificatif["absences"]!.AsArray().Select(a => Guid.Parse((string)a!["id"]!)).Order());
        Assert.All(justificatif["absences"]!.AsArray(), a => Assert.Equal("justificatif_depose", (string?)a!["statut"]));
        foreach (var absence in absences)
        {
            Assert.Equal("justificatif_depose", await StatutAsync(absence));
            Assert.Equal(1, await CompterAsync(
                "SELECT count(*) FROM viescolaire.absence_historique WHERE absence_id = @absence AND statut = 'justificatif_depose'", new { absence }));
        }

        // On disk under a random name, in the configured folder, which is not the web root; readable by Ent's user only.
        var document = (await RequeteAsync<(string NomStockage, string Sha256, int Taille)>("""
            SELECT d.nom_stockage, d.sha256, d.taille FROM viescolaire.document d JOIN viescolaire.justificatif j ON j.document_id = d.id
            WHERE j.id = @id
            """, new { id = Id(justificatif) })).Single();
        Assert.Matches("^[a-z0-9]{32}$", document.NomStockage);
        var chemin = Path.Combine(app.Dossier, document.NomStockage);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(chemin));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), document.Sha256);
        var webRoot = app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        Assert.False(webRoot is not null && Path.GetFullPath(chemin).StartsWith(Path.GetFullPath(webRoot), StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(chemin));
        }

        // The guardian and the CPE download the same bytes, as an attachment that the browser must not sniff.
        foreach (var qui in new[] { responsable, "cpe", "direction" })
        {
            var telechargement = await app.ClientConnecte(qui).GetAsync($"/api/viescolaire/justificatifs/{Id(justificatif)}/document");
            Assert.Equal(HttpStatusCode.OK, telechargement.StatusCode);
            Assert.Equal(Pdf, await telechargement.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", telechargement.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", telechargement.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("certificat médical.pdf", telechargement.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal("nosniff", string.Join(',', telechargement.Headers.GetValues("X-Content-Type-Options")));
        }

        // A teacher of the class, another family, the pupil: 404, as for a document that does not exist.
        foreach (var qui in new[] { "prof.01", await AutreFamilleAsync(eleveId) })
        {
            var refus = await app.ClientConnecte(qui).GetAsync($"/api/viescolaire/justificatifs/{Id(justificatif)}/document");
            Assert.Equal(HttpStatusCode.NotFound, refus.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await refus.ReadJsonAsync())["type"]);
        }

        Assert.Equal(HttpStatusCode.NotFound,
            (await app.ClientConnecte("cpe").GetAsync($"/api/viescolaire/justificatifs/{Guid.NewGuid()}/document")).StatusCode);

        // Logged: the change by the guardian, each download.
        Assert.Equal(1, await CompterAsync("""
            SELECT count(*) FROM identite.journal_acces WHERE eleve_id = @eleveId AND quoi = 'DeposerJustificatif' AND action = 'modification'
            """, new { eleveId }));
        Assert.Equal(3, await CompterAsync("""
            SELECT count(*) FROM identite.journal_acces WHERE eleve_id = @eleveId AND quoi = 'TelechargerDocumentJustificatif' AND action = 'lecture'
            """, new { eleveId }));
    }

    [Fact]
    public async Task An_executable_named_certificat_pdf_is_refused_with_a_french_400_and_nothing_is_written()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 1);
        var absence = await AbsenceAsync(eleveId);
        var avant = Fichiers();

        var reponse = await app.ClientConnecte(responsable).PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs",
            Formulaire([absence], "maladie", document: (Exe, "certificat.pdf", "application/pdf")));

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var probleme = await reponse.ReadJsonAsync();
        Assert.Equal("urn:ent:probleme:validation", (string?)probleme["type"]);
        Assert.Contains("PDF, une image JPEG ou une image PNG", (string?)probleme["errors"]!["document"]![0], StringComparison.Ordinal);
        Assert.Equal("non_justifiee", await StatutAsync(absence));
        Assert.Equal(0, await CompterAsync("SELECT count(*) FROM viescolaire.justificatif WHERE eleve_id = @eleveId", new { eleveId }));
        Assert.Equal(0, await CompterAsync("SELECT count(*) FROM viescolaire.absence_historique WHERE absence_id = @absence", new { absence }));
        Assert.Equal(avant, Fichiers());
    }

    [Fact]
    public async Task A_document_over_5_mo_is_refused_and_nothing_is_written()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 2);
        var absence = await AbsenceAsync(eleveId);
        var avant = Fichiers();
        var gros = new byte[(int)(5.1 * 1024 * 1024)];
        Pdf.CopyTo(gros, 0);

        var reponse = await app.ClientConnecte(responsable).PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs",
            Formulaire([absence], "maladie", document: (gros, "scan.pdf", "application/pdf")));

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        Assert.Contains("5 Mo", (string?)(await reponse.ReadJsonAsync())["errors"]!["document"]![0], StringComparison.Ordinal);
        Assert.Equal("non_justifiee", await StatutAsync(absence));
        Assert.Equal(0, await CompterAsync("SELECT count(*) FROM viescolaire.justificatif WHERE eleve_id = @eleveId", new { eleveId }));
        Assert.Equal(avant, Fichiers());
    }

    [Fact]
    public async Task Only_the_pupils_guardians_may_justify_everyone_else_gets_404()
    {
        var (eleveId, _) = await FamilleAsync("2NDE1", 3);
        var absence = await AbsenceAsync(eleveId);

        foreach (var qui in new[] { await AutreFamilleAsync(eleveId), "prof.01", "cpe", "direction" })
        {
            var reponse = await app.ClientConnecte(qui).PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs",
                Formulaire([absence], "maladie", document: (Pdf, "certificat.pdf", "application/pdf")));
            Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
        }

        Assert.Equal("non_justifiee", await StatutAsync(absence));
        Assert.Equal(0, await CompterAsync("SELECT count(*) FROM viescolaire.justificatif WHERE eleve_id = @eleveId", new { eleveId }));
    }

    [Fact]
    public async Task Each_absence_must_be_the_pupils_and_waiting_for_a_justification_and_the_answer_names_it()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 4);
        var (autreEleve, _) = await FamilleAsync("TG1", 0);
        var (propre, dAutrui, annulee, deja) = (await AbsenceAsync(eleveId), await AbsenceAsync(autreEleve), await AbsenceAsync(eleveId),
            await AbsenceAsync(eleveId));
        await ExecuterAsync("""
            UPDATE viescolaire.absence SET annulee_le = now() WHERE id = @annulee;
            UPDATE viescolaire.absence SET statut = 'justifiee' WHERE id = @deja;
            """, new { annulee, deja });
        var client = app.ClientConnecte(responsable);

        var reponse = await client.PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs",
            Formulaire([propre, dAutrui, annulee, deja, propre, Guid.NewGuid()], "maladie"));
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var erreurs = (await reponse.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["absenceIds[1]", "absenceIds[2]", "absenceIds[3]", "absenceIds[4]", "absenceIds[5]"], erreurs.Select(e => e.Key).Order());
        Assert.Contains("annulée", (string?)erreurs["absenceIds[2]"]![0], StringComparison.Ordinal);
        Assert.Contains("déjà justifiée", (string?)erreurs["absenceIds[3]"]![0], StringComparison.Ordinal);
        Assert.Equal("non_justifiee", await StatutAsync(propre));

        // Reason and comment: a known, offered reason; « autre » needs a comment; 1000 characters at most.
        var motifs = await client.PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs", Formulaire([propre], "vacances"));
        Assert.Contains("motif", (await motifs.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        var autre = await client.PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs", Formulaire([propre], "autre", "  "));
        Assert.Contains("commentaire", (await autre.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        var long_ = await client.PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs", Formulaire([propre], "maladie", new string('x', 1001)));
        Assert.Contains("commentaire", (await long_.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        var vide = await client.PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs", Formulaire([], "maladie"));
        Assert.Contains("absenceIds", (await vide.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        var json = await client.PostAsJsonAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs", new { absenceIds = new[] { propre }, motif = "maladie" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("multipart/form-data", (string?)(await json.ReadJsonAsync())["detail"], StringComparison.Ordinal);

        // Without a document, « autre » with its comment: accepted; the same absence again: already waiting.
        var depose = await DeposerAsync(responsable, eleveId, [propre], "autre", "Panne de réveil collective.");
        Assert.Null(depose["document"]);
        var encore = await client.PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs", Formulaire([propre], "maladie"));
        Assert.Equal(HttpStatusCode.BadRequest, encore.StatusCode);
        Assert.Contains("attend déjà", (string?)(await encore.ReadJsonAsync())["errors"]!["absenceIds[0]"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Png_and_jpeg_are_accepted_and_a_document_keeps_the_extension_of_what_it_really_is()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 5);

        var png = await DeposerAsync(responsable, eleveId, [await AbsenceAsync(eleveId)], document: (Png, "photo.png", "image/png"));
        var jpeg = await DeposerAsync(responsable, eleveId, [await AbsenceAsync(eleveId)], document: (Jpeg, "../../scan.JPEG", "image/jpeg"));
        // A PDF sent as « ordonnance.png » (image/png) is a PDF: kept and offered as one.
        var pdf = await DeposerAsync(responsable, eleveId, [await AbsenceAsync(eleveId)], document: (Pdf, "ordonnance.png", "image/png"));

        Assert.Equal(("image/png", "photo.png"), ((string?)png["document"]!["typeContenu"], (string?)png["document"]!["nomOriginal"]));
        Assert.Equal(("image/jpeg", "scan.jpeg"), ((string?)jpeg["document"]!["typeContenu"], (string?)jpeg["document"]!["nomOriginal"]));
        Assert.Equal(("application/pdf", "ordonnance.pdf"), ((string?)pdf["document"]!["typeContenu"], (string?)pdf["document"]!["nomOriginal"]));

        var telechargement = await app.ClientConnecte(responsable).GetAsync($"/api/viescolaire/justificatifs/{Id(jpeg)}/document");
        Assert.Equal(Jpeg, await telechargement.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", telechargement.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_desk_sees_the_queue_accepts_and_the_guardian_is_told_deciding_twice_is_a_conflict()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 6);
        var absences = new[] { await AbsenceAsync(eleveId), await AbsenceAsync(eleveId) };
        var justificatif = await DeposerAsync(responsable, eleveId, absences, "maladie", "Grippe.", (Pdf, "certificat.pdf", "application/pdf"));
        var cpe = app.ClientConnecte("cpe");

        // The queue: waiting ones, oldest first, with the pupil, their class, the guardian, the absences, the document's presence.
        var file = await (await cpe.GetAsync("/api/viescolaire/etablissements/0750000A/justificatifs")).ReadJsonAsync();
        Assert.Equal("a_examiner", (string?)file["statut"]);
        var enAttente = file["justificatifs"]!.AsArray();
        Assert.All(enAttente, j => Assert.Equal("a_examiner", (string?)j!["statut"]));
        var dates = enAttente.Select(j => (DateTime)j!["deposeLe"]!).ToList();
        Assert.Equal(dates.Order(), dates);
        var ligne = enAttente.Single(j => (string?)j!["id"] == Id(justificatif).ToString())!;
        Assert.Equal("2NDE1", (string?)ligne["eleve"]!["classe"]);
        Assert.False(string.IsNullOrEmpty((string?)ligne["eleve"]!["nom"]));
        Assert.False(string.IsNullOrEmpty((string?)ligne["deposePar"]!["nom"]));
        Assert.Equal("Maladie", (string?)ligne["motifLibelle"]);
        Assert.Equal("Grippe.", (string?)ligne["commentaire"]);
        Assert.NotNull(ligne["document"]);
        Assert.Equal(2, ligne["absences"]!.AsArray().Count);
        Assert.Equal("Mathématiques — 2NDE1", (string?)ligne["absences"]![0]!["cours"]);
        Assert.True(await CompterAsync("""
            SELECT count(*) FROM identite.journal_acces WHERE eleve_id = @eleveId AND quoi = 'ListerJustificatifsEtablissement'
            """, new { eleveId }) >= 1);

        // Not the desk: 404, for the queue and for the decision.
        foreach (var qui in new[] { "prof.01", responsable })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(qui).GetAsync("/api/viescolaire/etablissements/0750000A/justificatifs")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await DeciderAsync(app.ClientConnecte(qui), Id(justificatif), true)).StatusCode);
        }

        var acceptation = await DeciderAsync(cpe, Id(justificatif), true);
        Assert.Equal(HttpStatusCode.OK, acceptation.StatusCode);
        var decide = await acceptation.ReadJsonAsync();
        Assert.Equal("accepte", (string?)decide["statut"]);
        Assert.Equal((await app.PersonneAsync("cpe")).ToString(), (string?)decide["decidePar"]!["id"]);
        Assert.NotNull(decide["decideLe"]);
        Assert.All(decide["absences"]!.AsArray(), a => Assert.Equal("justifiee", (string?)a!["statut"]));
        foreach (var absence in absences)
        {
            Assert.Equal("justifiee", await StatutAsync(absence));
            Assert.Equal("maladie", await app.ScalarAsync<string>("SELECT motif_code FROM viescolaire.absence WHERE id = @absence", new { absence }));
            Assert.Equal(["justificatif_depose", "justifiee"], await RequeteAsync<string>(
                "SELECT statut FROM viescolaire.absence_historique WHERE absence_id = @absence ORDER BY id", new { absence }));
        }

        // The guardian who sent it is told, in the outbox (in-app at least), in the decision's transaction.
        var responsableId = await app.PersonneAsync(responsable);
        var messages = await RequeteAsync<(string Canal, string Texte, string Lien)>("""
            SELECT canal, texte, lien FROM communication.message_sortant
            WHERE categorie = 'justificatif' AND cle_idempotence LIKE 'justificatif:' || @id || ':%' AND (personne_id = @responsableId OR canal <> 'application')
            """, new { id = Id(justificatif).ToString(), responsableId });
        Assert.Contains(messages, m => m.Canal == "application");
        Assert.All(messages, m => Assert.Contains("accepté", m.Texte, StringComparison.Ordinal));
        // Its link opens that justification on the pupil's absences page.
        Assert.All(messages, m => Assert.Equal($"/absences?eleve={eleveId}&justificatif={Id(justificatif)}", m.Lien));

        // Twice: 409, whoever asks; the queue of accepted ones shows it.
        var encore = await DeciderAsync(app.ClientConnecte("direction"), Id(justificatif), false, "Trop tard.");
        Assert.Equal(HttpStatusCode.Conflict, encore.StatusCode);
        Assert.Contains("déjà été traité", (string?)(await encore.ReadJsonAsync())["detail"], StringComparison.Ordinal);
        var acceptes = await (await cpe.GetAsync("/api/viescolaire/etablissements/0750000A/justificatifs?statut=accepte")).ReadJsonAsync();
        Assert.Contains(acceptes["justificatifs"]!.AsArray(), j => (string?)j!["id"] == Id(justificatif).ToString());
        Assert.DoesNotContain((await (await cpe.GetAsync("/api/viescolaire/etablissements/0750000A/justificatifs")).ReadJsonAsync())["justificatifs"]!.AsArray(),
            j => (string?)j!["id"] == Id(justificatif).ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await cpe.GetAsync("/api/viescolaire/etablissements/0750000A/justificatifs?statut=perdu")).StatusCode);
    }

    [Fact]
    public async Task A_refusal_needs_a_reason_and_the_family_may_justify_again()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 7);
        var absence = await AbsenceAsync(eleveId);
        var justificatif = await DeposerAsync(responsable, eleveId, [absence], "transport");
        var cpe = app.ClientConnecte("cpe");

        var sansRaison = await DeciderAsync(cpe, Id(justificatif), false, "  ");
        Assert.Equal(HttpStatusCode.BadRequest, sansRaison.StatusCode);
        Assert.Contains("raison", (await sansRaison.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, (await DeciderAsync(cpe, Id(justificatif), false, new string('x', 501))).StatusCode);
        Assert.Equal("justificatif_depose", await StatutAsync(absence));

        var refus = await DeciderAsync(cpe, Id(justificatif), false, "Aucune grève des transports ce jour-là.");
        Assert.Equal(HttpStatusCode.OK, refus.StatusCode);
        var refuse = await refus.ReadJsonAsync();
        Assert.Equal(("refuse", "Aucune grève des transports ce jour-là."), ((string?)refuse["statut"], (string?)refuse["raisonRefus"]));
        Assert.Equal("refusee", await StatutAsync(absence));
        Assert.Contains("Aucune grève", await app.ScalarAsync<string>("""
            SELECT texte FROM communication.message_sortant WHERE categorie = 'justificatif' AND canal = 'application'
            AND cle_idempotence LIKE 'justificatif:' || @id || ':%'
            """, new { id = Id(justificatif).ToString() }), StringComparison.Ordinal);

        // A refused absence may be justified again; the family's page shows both, newest first.
        var nouveau = await DeposerAsync(responsable, eleveId, [absence], "maladie", document: (Pdf, "certificat.pdf", "application/pdf"));
        Assert.Equal("justificatif_depose", await StatutAsync(absence));
        var liste = (await (await app.ClientConnecte(responsable).GetAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs")).ReadJsonAsync()).AsArray();
        Assert.Equal([Id(nouveau), Id(justificatif)], liste.Select(j => Id(j!)).ToArray());
        Assert.Equal("refuse", (string?)liste[1]!["statut"]);
    }

    [Fact]
    public async Task Two_desk_members_deciding_at_once_cannot_both_win()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 8);
        var absence = await AbsenceAsync(eleveId);
        var justificatif = await DeposerAsync(responsable, eleveId, [absence]);
        var (cpe, direction) = (app.ClientConnecte("cpe"), app.ClientConnecte("direction"));
        await app.JetonAsync("cpe");
        await app.JetonAsync("direction");

        var reponses = await Task.WhenAll(DeciderAsync(cpe, Id(justificatif), true), DeciderAsync(direction, Id(justificatif), false, "Non."));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], reponses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await CompterAsync(
            "SELECT count(*) FROM viescolaire.absence_historique WHERE absence_id = @absence AND statut IN ('justifiee', 'refusee')", new { absence }));
        Assert.Equal(1, await CompterAsync(
            "SELECT count(*) FROM communication.message_sortant WHERE canal = 'application' AND cle_idempotence LIKE 'justificatif:' || @id || ':%'",
            new { id = Id(justificatif).ToString() }));
    }

    [Fact]
    public async Task The_pupils_justifications_are_for_those_who_may_read_their_attendance()
    {
        var (eleveId, responsable) = await FamilleAsync("2NDE1", 9);
        var justificatif = await DeposerAsync(responsable, eleveId, [await AbsenceAsync(eleveId)]);

        foreach (var qui in new[] { responsable, "cpe", "direction", "prof.01" })
        {
            var liste = await app.ClientConnecte(qui).GetAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs");
            Assert.Equal(HttpStatusCode.OK, liste.StatusCode);
            Assert.Equal([Id(justificatif)], (await liste.ReadJsonAsync()).AsArray().Select(j => Id(j!)).ToArray());
        }

        Assert.Equal(HttpStatusCode.NotFound,
            (await app.ClientConnecte(await AutreFamilleAsync(eleveId)).GetAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs")).StatusCode);
    }
}

/// <summary>
/// The demo lycée on a real Kestrel port: the in-process test server enforces no body limit, Kestrel does (1 MiB for
/// the whole API), and the justification endpoint raises it for itself alone.
/// </summary>
public sealed class JustificatifsKestrelApp : EntApp
{
    // A port chosen before the start: the public address (the OIDC issuer, the SPA's redirect URI) names it.
    private readonly int _port = LibrePort();

    public JustificatifsKestrelApp() => UseKestrel(_port);

    private static int LibrePort()
    {
        using var ecoute = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        ecoute.Start();
        return ((System.Net.IPEndPoint)ecoute.LocalEndpoint).Port;
    }

    public string Dossier { get; } = TestCluster.NewFolder("documents-kestrel");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:VieScolaire:Documents:Dossier"] = Dossier,
        ["urls"] = $"http://127.0.0.1:{_port}",
        ["Ent:UrlPublique"] = $"http://127.0.0.1:{_port}",
    };

    public override async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync("ent");
        StartServer();
        Adresse = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public Uri Adresse { get; private set; } = null!;

    /// <summary>A client over the socket carrying the person's token, got as the SPA gets it (code + PKCE) from this host.</summary>
    public async Task<HttpClient> ClientConnecteAsync(string identifiant)
    {
        using var navigateur = new Navigateur(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = Adresse,
        });
        var oidc = new OidcClient(new OidcClientOptions
        {
            Authority = Adresse.AbsoluteUri.TrimEnd('/'),
            ClientId = "ent-spa",
            Scope = Jetons.PorteesSpa,
            RedirectUri = new Uri(Adresse, "/connexion/retour").AbsoluteUri,
            Browser = new Jetons.Personne(navigateur, identifiant, DemoLycee.MotDePasse),
            LoadProfile = false,
            Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = false } },
        });
        var connexion = await oidc.LoginAsync();
        Assert.False(connexion.IsError, connexion.Error);
        var client = new HttpClient { BaseAddress = Adresse, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connexion.AccessToken);
        return client;
    }
}

public sealed class JustificatifsKestrelTests(JustificatifsKestrelApp app) : IClassFixture<JustificatifsKestrelApp>
{
    [Fact]
    public async Task Through_kestrel_a_4_9_mo_document_is_accepted_and_a_5_1_mo_one_refused_while_other_endpoints_keep_1_mio()
    {
        var eleveId = await app.ScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE c.code = '2NDE2' ORDER BY i.eleve_id LIMIT 1
            """);
        using var client = await app.ClientConnecteAsync(await app.ResponsableAsync(eleveId));
        async Task<Guid> AbsenceAsync(int jours)
        {
            var id = Guid.NewGuid();
            await app.ScalarAsync<int>("""
                INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, saisie_par, saisie_le)
                SELECT @id, e.id, @eleveId, 'absence', @jour::date + time '08:00', @jour::date + time '09:00', @jour, 'matin', @eleveId, now()
                FROM identite.etablissement e WHERE e.uai = '0750000A'
                RETURNING 1
                """, new { id, eleveId, jour = DateOnly.FromDateTime(DateTime.Today.AddDays(-jours)) });
            return id;
        }

        static byte[] Document(double mio)
        {
            var octets = new byte[(int)(mio * 1024 * 1024)];
            JustificatifsTests.Pdf.CopyTo(octets, 0);
            return octets;
        }

        var (petite, grande) = (await AbsenceAsync(1), await AbsenceAsync(2));
        var accepte = await client.PostAsync(new Uri($"/api/viescolaire/eleves/{eleveId}/justificatifs", UriKind.Relative),
            JustificatifsTests.Formulaire([petite], "maladie", document: (Document(4.9), "scan.pdf", "application/pdf")));
        Assert.True(accepte.StatusCode == HttpStatusCode.Created, await accepte.Content.ReadAsStringAsync());
        Assert.Equal((int)(4.9 * 1024 * 1024), (int)(await accepte.ReadJsonAsync())["document"]!["taille"]!);

        var refuse = await client.PostAsync(new Uri($"/api/viescolaire/eleves/{eleveId}/justificatifs", UriKind.Relative),
            JustificatifsTests.Formulaire([grande], "maladie", document: (Document(5.1), "scan.pdf", "application/pdf")));
        Assert.Equal(HttpStatusCode.BadRequest, refuse.StatusCode);
        Assert.Contains("5 Mo", (string?)(await refuse.ReadJsonAsync())["errors"]!["document"]![0], StringComparison.Ordinal);
        // Beyond the endpoint's own body limit (10 MiB), Kestrel refuses to read it: a French 413, never a 500, nothing
        // written. The client waits for « 100 Continue » before sending, as it should with a large body: else Kestrel
        // closes the connection while the body still comes, and the client may see that before the answer.
        using var envoi = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/viescolaire/eleves/{eleveId}/justificatifs", UriKind.Relative))
        {
            Content = JustificatifsTests.Formulaire([grande], "maladie", document: (Document(12), "scan.pdf", "application/pdf")),
        };
        envoi.Headers.ExpectContinue = true;
        var tropGrand = await client.SendAsync(envoi);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tropGrand.StatusCode);
        Assert.Equal("urn:ent:probleme:trop-volumineux", (string?)(await tropGrand.ReadJsonAsync())["type"]);
        Assert.Single(Directory.GetFiles(app.Dossier));
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM viescolaire.justificatif WHERE eleve_id = @eleveId", new { eleveId }));

        // The limit is raised for this endpoint alone: the same 2 MiB elsewhere is Kestrel's French 413.
        using var gros = new StringContent(new string('a', 2 << 20), Encoding.UTF8, "application/json");
        var ailleurs = await client.PostAsync(new Uri("/api/identite/etablissements/recherche", UriKind.Relative), gros);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, ailleurs.StatusCode);
        Assert.Contains("dépasse la taille autorisée", await ailleurs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
