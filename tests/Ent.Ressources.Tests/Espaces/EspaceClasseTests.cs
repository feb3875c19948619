using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Ent.Kernel.Rgpd;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Ressources.Tests.Espaces;

/// <summary>
/// The class workspace through HTTP: who reads a class's space (its teachers, pupils and their legal guardians; not
/// another class's pupil or family), what a teacher puts there (files checked by their content, versions kept when
/// replaced, the établissement's quota, folders), and the work a teacher collects (each pupil hands in and sees only their
/// own; late is refused; the teacher sees who has not handed in).
/// </summary>
public sealed class EspaceClasseTests(EspaceApp app) : IClassFixture<EspaceApp>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray();

    private string Espace => $"/api/ressources/espaces/{app.Ids["2NDE1"]}";

    private static MultipartFormDataContent Formulaire(byte[] contenu, string nom, Guid? dossierId = null)
    {
        var formulaire = new MultipartFormDataContent();
        var fichier = new ByteArrayContent(contenu);
        fichier.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        formulaire.Add(fichier, "fichier", nom);
        if (dossierId is { } id)
        {
            formulaire.Add(new StringContent(id.ToString()), "dossierId");
        }

        return formulaire;
    }

    private async Task<JsonNode> DeposerAsync(byte[] contenu, string nom, Guid? dossierId = null)
    {
        var reponse = await app.Client("prof").PostAsync($"{Espace}/fichiers", Formulaire(contenu, nom, dossierId));
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return await reponse.ReadJsonAsync();
    }

    private async Task<Guid> CreerDossierAsync(string nom, Guid? parentId = null)
    {
        var reponse = await app.Client("prof").PostAsJsonAsync($"{Espace}/dossiers", new { nom, parentId });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return (Guid)(await reponse.ReadJsonAsync())["id"]!;
    }

    private async Task<Guid> CreerDepotAsync(string titre, TimeSpan dans)
    {
        var reponse = await app.Client("prof").PostAsJsonAsync($"{Espace}/depots",
            new { titre, consignes = "Une page, en PDF.", dateLimite = app.Horloge.GetUtcNow() + dans });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return (Guid)(await reponse.ReadJsonAsync())["id"]!;
    }

    private static async Task AssertIntrouvableAsync(HttpResponseMessage reponse)
    {
        Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
        Assert.Equal("urn:ent:probleme:introuvable", (string?)(await reponse.ReadJsonAsync())["type"]);
    }

    [Fact]
    public async Task The_teacher_puts_a_file_the_class_and_its_families_read_it_another_class_and_family_get_404()
    {
        var mesEspaces = await (await app.Client("prof").GetAsync("/api/ressources/me/espaces")).ReadJsonAsync();
        var espace = mesEspaces["espaces"]!.AsArray().Single(e => (string?)e!["code"] == "2NDE1")!;
        Assert.True((bool)espace["peutEcrire"]!);

        var dossier = await CreerDossierAsync("Chapitre 1");
        var depose = await DeposerAsync(Pdf, "../../Cours: 1.pdf", dossier);
        Assert.Equal("Cours_ 1.pdf", (string?)depose["nomOriginal"]);
        Assert.Equal("application/pdf", (string?)depose["typeContenu"]);
        var fichierId = (Guid)depose["id"]!;

        // The pupil of the class: the space in their list, the folder's contents, the file itself.
        var eleve = app.Client("eleve");
        var espacesEleve = await (await eleve.GetAsync("/api/ressources/me/espaces")).ReadJsonAsync();
        Assert.False((bool)espacesEleve["espaces"]!.AsArray().Single(e => (string?)e!["code"] == "2NDE1")!["peutEcrire"]!);
        var racine = await (await eleve.GetAsync($"{Espace}/contenu")).ReadJsonAsync();
        Assert.Contains(racine["dossiers"]!.AsArray(), d => (string?)d!["nom"] == "Chapitre 1");
        var contenu = await (await eleve.GetAsync($"{Espace}/contenu?dossierId={dossier}")).ReadJsonAsync();
        Assert.Equal("Chapitre 1", (string?)contenu["chemin"]!.AsArray().Single()!["nom"]);
        Assert.Equal(fichierId, (Guid)contenu["fichiers"]!.AsArray().Single()!["id"]!);
        var telechargement = await eleve.GetAsync($"{Espace}/fichiers/{fichierId}/contenu");
        Assert.Equal(HttpStatusCode.OK, telechargement.StatusCode);
        Assert.Equal(Pdf, await telechargement.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", telechargement.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", telechargement.Headers.GetValues("X-Content-Type-Options").Single());

        // Their legal guardian: the child's spaces, and the file.
        var responsable = app.Client("responsable");
        var espacesResponsable = await (await responsable.GetAsync("/api/ressources/me/espaces")).ReadJsonAsync();
        var enfant = espacesResponsable["enfants"]!.AsArray().Single(e => (Guid)e!["eleveId"]! == app.Ids["eleve"])!;
        Assert.Contains(enfant["espaces"]!.AsArray(), e => (string?)e!["code"] == "2NDE1");
        Assert.Equal(HttpStatusCode.OK, (await responsable.GetAsync($"{Espace}/fichiers/{fichierId}/contenu")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client("direction").GetAsync($"{Espace}/contenu")).StatusCode);

        // Another class's pupil, another family: 404, as for a space that does not exist.
        foreach (var qui in new[] { "eleve TG1", "responsable TG1" })
        {
            await AssertIntrouvableAsync(await app.Client(qui).GetAsync($"{Espace}/contenu"));
            await AssertIntrouvableAsync(await app.Client(qui).GetAsync($"{Espace}/fichiers/{fichierId}/contenu"));
            Assert.DoesNotContain((await (await app.Client(qui).GetAsync("/api/ressources/me/espaces")).ReadJsonAsync()).ToJsonString(),
                app.Ids["2NDE1"].ToString());
        }

        // Readers do not write: the pupil's upload, folder and deletion are 404 (the direction's too).
        await AssertIntrouvableAsync(await eleve.PostAsync($"{Espace}/fichiers", Formulaire(Pdf, "devoir.pdf")));
        await AssertIntrouvableAsync(await eleve.PostAsJsonAsync($"{Espace}/dossiers", new { nom = "À moi" }));
        await AssertIntrouvableAsync(await app.Client("direction").DeleteAsync($"{Espace}/fichiers/{fichierId}"));
        await AssertIntrouvableAsync(await eleve.GetAsync($"{Espace}/fichiers/{fichierId}/versions"));
    }

    [Fact]
    public async Task An_executable_renamed_pdf_is_refused_and_nothing_is_written()
    {
        var avant = app.FichiersSurDisque();
        var exe = new byte[512];
        "MZ"u8.CopyTo(exe);
        var reponse = await app.Client("prof").PostAsync($"{Espace}/fichiers", Formulaire(exe, "cours.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var probleme = await reponse.ReadJsonAsync();
        Assert.Contains("quel que soit son nom", (string?)probleme["errors"]!["fichier"]![0]);
        Assert.Equal(avant, app.FichiersSurDisque());
    }

    [Fact]
    public async Task Replacing_a_file_keeps_its_earlier_version_for_the_teachers()
    {
        var v1 = await DeposerAsync(Pdf, "programme.pdf");
        var fichierId = (Guid)v1["id"]!;
        var pdf2 = "%PDF-1.7\nversion 2\n%%EOF\n"u8.ToArray();
        var reponse = await app.Client("prof").PostAsync($"{Espace}/fichiers/{fichierId}/versions", Formulaire(pdf2, "programme-v2.pdf"));
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        Assert.Equal(2, (int)(await reponse.ReadJsonAsync())["version"]!);

        // The space shows the latest; the teachers list both and download the first.
        var racine = await (await app.Client("eleve").GetAsync($"{Espace}/contenu")).ReadJsonAsync();
        var affiche = racine["fichiers"]!.AsArray().Single(f => (Guid)f!["id"]! == fichierId)!;
        Assert.Equal("programme-v2.pdf", (string?)affiche["nomOriginal"]);
        Assert.Equal(2, (int)affiche["version"]!);
        Assert.Equal(pdf2, await app.Client("eleve").GetByteArrayAsync($"{Espace}/fichiers/{fichierId}/contenu"));

        var versions = (await (await app.Client("prof").GetAsync($"{Espace}/fichiers/{fichierId}/versions")).ReadJsonAsync()).AsArray();
        Assert.Equal([2, 1], versions.Select(v => (int)v!["numero"]!));
        Assert.Equal(Pdf, await app.Client("prof").GetByteArrayAsync($"{Espace}/fichiers/{fichierId}/contenu?version=1"));
        await AssertIntrouvableAsync(await app.Client("eleve").GetAsync($"{Espace}/fichiers/{fichierId}/contenu?version=1"));

        // Removed: every version goes, from the disk too, and the quota gets the bytes back.
        await using var conn = await app.Db.OpenConnectionAsync();
        var utilisesAvant = await conn.ExecuteScalarAsync<long>("SELECT octets_utilises FROM ressources.espace_quota WHERE etablissement_id = @e",
            new { e = app.Ids["etablissement"] });
        var disque = app.FichiersSurDisque();
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client("prof").DeleteAsync($"{Espace}/fichiers/{fichierId}")).StatusCode);
        Assert.Equal(disque - 2, app.FichiersSurDisque());
        Assert.Equal(utilisesAvant - Pdf.Length - pdf2.Length, await conn.ExecuteScalarAsync<long>(
            "SELECT octets_utilises FROM ressources.espace_quota WHERE etablissement_id = @e", new { e = app.Ids["etablissement"] }));
        await AssertIntrouvableAsync(await app.Client("eleve").GetAsync($"{Espace}/fichiers/{fichierId}/contenu"));
    }

    [Fact]
    public async Task An_upload_beyond_the_quota_is_refused_saying_what_is_left_and_nothing_is_written()
    {
        await DeposerAsync(Pdf, "pour-le-quota.pdf");
        await using var conn = await app.Db.OpenConnectionAsync();
        var etablissement = app.Ids["etablissement"];
        var utilises = await conn.ExecuteScalarAsync<long>("SELECT octets_utilises FROM ressources.espace_quota WHERE etablissement_id = @etablissement",
            new { etablissement });
        const long quota = 2L * 1024 * 1024 * 1024;
        await conn.ExecuteAsync("UPDATE ressources.espace_quota SET octets_utilises = @presque WHERE etablissement_id = @etablissement",
            new { presque = quota - 10, etablissement });
        try
        {
            var disque = app.FichiersSurDisque();
            var versions = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM ressources.espace_fichier_version");
            var reponse = await app.Client("prof").PostAsync($"{Espace}/fichiers", Formulaire(Pdf, "de-trop.pdf"));

            Assert.Equal(HttpStatusCode.Conflict, reponse.StatusCode);
            var probleme = await reponse.ReadJsonAsync();
            Assert.Equal("urn:ent:probleme:quota-espaces-depasse", (string?)probleme["type"]);
            Assert.Contains("il ne reste que 10 octets sur les 2 Go", (string?)probleme["detail"]);
            Assert.Equal(disque, app.FichiersSurDisque());
            Assert.Equal(versions, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM ressources.espace_fichier_version"));
            Assert.Equal(quota - 10, await conn.ExecuteScalarAsync<long>(
                "SELECT octets_utilises FROM ressources.espace_quota WHERE etablissement_id = @etablissement", new { etablissement }));
        }
        finally
        {
            await conn.ExecuteAsync("UPDATE ressources.espace_quota SET octets_utilises = @utilises WHERE etablissement_id = @etablissement",
                new { utilises, etablissement });
        }
    }

    [Fact]
    public async Task Folders_are_renamed_and_removed_when_empty_by_the_teacher()
    {
        var dossier = await CreerDossierAsync("Brouillon");
        var prof = app.Client("prof");
        Assert.Equal(HttpStatusCode.Conflict, (await prof.PostAsJsonAsync($"{Espace}/dossiers", new { nom = "brouillon" })).StatusCode);
        var vide = await prof.PostAsJsonAsync($"{Espace}/dossiers", new { nom = " " });
        Assert.Equal(HttpStatusCode.BadRequest, vide.StatusCode);
        Assert.NotNull((await vide.ReadJsonAsync())["errors"]!["nom"]);

        var renomme = await prof.PutAsJsonAsync($"{Espace}/dossiers/{dossier}", new { nom = "Chapitre 2" });
        Assert.Equal(HttpStatusCode.OK, renomme.StatusCode);
        Assert.Equal("Chapitre 2", (string?)(await renomme.ReadJsonAsync())["nom"]);
        await AssertIntrouvableAsync(await app.Client("eleve").PutAsJsonAsync($"{Espace}/dossiers/{dossier}", new { nom = "Piraté" }));

        var sousDossier = await CreerDossierAsync("Exercices", dossier);
        Assert.Equal(HttpStatusCode.Conflict, (await prof.DeleteAsync($"{Espace}/dossiers/{dossier}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await prof.DeleteAsync($"{Espace}/dossiers/{sousDossier}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await prof.DeleteAsync($"{Espace}/dossiers/{dossier}")).StatusCode);
        await AssertIntrouvableAsync(await prof.GetAsync($"{Espace}/contenu?dossierId={dossier}"));
    }

    [Fact]
    public async Task A_pupil_hands_in_work_sees_only_their_own_and_the_teacher_sees_who_has_not()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client("prof").PostAsJsonAsync($"{Espace}/depots", new { })).StatusCode);
        var passe = await app.Client("prof").PostAsJsonAsync($"{Espace}/depots", new { titre = "Hier", dateLimite = app.Horloge.GetUtcNow().AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, passe.StatusCode);

        var depotId = await CreerDepotAsync("Commentaire de texte", TimeSpan.FromDays(2));
        var depots = (await (await app.Client("eleve").GetAsync($"{Espace}/depots")).ReadJsonAsync()).AsArray();
        Assert.True((bool)depots.Single(d => (Guid)d!["id"]! == depotId)!["ouvert"]!);

        var rendus = $"{Espace}/depots/{depotId}/rendus";
        var eleve = app.Client("eleve");
        Assert.Equal(HttpStatusCode.Created, (await eleve.PostAsync(rendus, Formulaire(Pdf, "brouillon.pdf"))).StatusCode);
        var pdf2 = "%PDF-1.4\nversion finale\n%%EOF\n"u8.ToArray();
        var second = await eleve.PostAsync(rendus, Formulaire(pdf2, "final.pdf"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal([2, 1], (await second.ReadJsonAsync())["versions"]!.AsArray().Select(v => (int)v!["numero"]!));

        // The pupil and their guardian read the pupil's rendu; the teacher too.
        var sien = $"{rendus}/{app.Ids["eleve"]}";
        foreach (var qui in new[] { "eleve", "responsable", "prof" })
        {
            var lu = await app.Client(qui).GetAsync(sien);
            Assert.Equal(HttpStatusCode.OK, lu.StatusCode);
            Assert.Equal("final.pdf", (string?)(await lu.ReadJsonAsync())["versions"]![0]!["nomOriginal"]);
            Assert.Equal(pdf2, await app.Client(qui).GetByteArrayAsync($"{sien}/contenu"));
        }

        Assert.Equal(Pdf, await eleve.GetByteArrayAsync($"{sien}/contenu?version=1"));

        // Another pupil of the class, another family, the direction: 404; the other pupil sees their own (nothing yet).
        foreach (var qui in new[] { "autre eleve de la classe", "eleve TG1", "responsable TG1", "direction" })
        {
            await AssertIntrouvableAsync(await app.Client(qui).GetAsync(sien));
            await AssertIntrouvableAsync(await app.Client(qui).GetAsync($"{sien}/contenu"));
        }

        var autre = await (await app.Client("autre eleve de la classe").GetAsync($"{rendus}/{app.Ids["autre eleve de la classe"]}")).ReadJsonAsync();
        Assert.Empty(autre["versions"]!.AsArray());
        // A guardian reads their child's work, never hands it in; the list of rendus is the teachers'.
        await AssertIntrouvableAsync(await app.Client("responsable").PostAsync(rendus, Formulaire(Pdf, "par-le-parent.pdf")));
        await AssertIntrouvableAsync(await eleve.GetAsync(rendus));

        // The teacher: every pupil of the class, who handed in and who has not.
        var suivi = await (await app.Client("prof").GetAsync(rendus)).ReadJsonAsync();
        var eleves = suivi["eleves"]!.AsArray();
        Assert.Equal(1, (int)suivi["rendus"]!);
        Assert.Equal(eleves.Count - 1, (int)suivi["manquants"]!);
        Assert.Equal(2, (int)eleves.Single(e => (Guid)e!["eleveId"]! == app.Ids["eleve"])!["dernier"]!["numero"]!);
        Assert.Null(eleves.Single(e => (Guid)e!["eleveId"]! == app.Ids["autre eleve de la classe"])!["dernier"]);

        // Each read of the pupil's work is in their access log.
        await using var conn = await app.Db.OpenConnectionAsync();
        var journal = (await conn.QueryAsync<string>("""
            SELECT quoi FROM identite.journal_acces WHERE eleve_id = @eleve AND domaine = 'travail_scolaire' AND quoi LIKE '%EspaceClasse'
            """, new { eleve = app.Ids["eleve"] })).ToHashSet();
        Assert.Superset(new HashSet<string> { "RendreTravailEspaceClasse", "ObtenirRenduEleveEspaceClasse", "TelechargerRenduEleveEspaceClasse",
            "ListerRendusDepotEspaceClasse" }, journal);
    }

    [Fact]
    public async Task Handing_in_after_the_deadline_is_refused()
    {
        // Minutes, not hours: the access tokens are checked against the same clock.
        var depotId = await CreerDepotAsync("Exposé", TimeSpan.FromMinutes(1));
        var disque = app.FichiersSurDisque();
        app.Horloge.Avancer(TimeSpan.FromMinutes(2));
        try
        {
            var reponse = await app.Client("eleve").PostAsync($"{Espace}/depots/{depotId}/rendus", Formulaire(Pdf, "en-retard.pdf"));
            Assert.Equal(HttpStatusCode.Conflict, reponse.StatusCode);
            var probleme = await reponse.ReadJsonAsync();
            Assert.Equal("La date limite est passée", (string?)probleme["title"]);
            Assert.StartsWith("La date limite est passée", (string?)probleme["detail"]);
            Assert.Equal(disque, app.FichiersSurDisque());
            var depots = (await (await app.Client("eleve").GetAsync($"{Espace}/depots")).ReadJsonAsync()).AsArray();
            Assert.False((bool)depots.Single(d => (Guid)d!["id"]! == depotId)!["ouvert"]!);
        }
        finally
        {
            app.Horloge.Avancer(TimeSpan.FromMinutes(-2));
        }
    }

    private sealed class DossierExport : IDossierExport
    {
        public Dictionary<string, JsonNode> Json { get; } = [];

        public Dictionary<string, byte[]> Fichiers { get; } = [];

        public List<string> Resume { get; } = [];

        public Task EcrireJsonAsync(string nom, object donnees, CancellationToken ct)
        {
            Json[nom] = System.Text.Json.JsonSerializer.SerializeToNode(donnees, Http.Json)!;
            return Task.CompletedTask;
        }

        public async Task EcrireFichierAsync(string nom, Stream contenu, CancellationToken ct)
        {
            using var copie = new MemoryStream();
            await contenu.CopyToAsync(copie, ct);
            Fichiers[nom] = copie.ToArray();
        }

        public void Resumer(string titre, IEnumerable<string> lignes) => Resume.AddRange(lignes);
    }

    [Fact]
    public async Task The_RGPD_export_holds_the_pupils_rendus_and_their_files()
    {
        var depotId = await CreerDepotAsync("Fiche de lecture", TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.Created,
            (await app.Client("autre eleve de la classe").PostAsync($"{Espace}/depots/{depotId}/rendus", Formulaire(Pdf, "fiche de lecture.pdf"))).StatusCode);

        var contribution = Assert.Single(app.Services.GetServices<IContributionExport>(), c => c.Section == "espaces-classe");
        var eleve = app.Ids["autre eleve de la classe"];
        var dossier = new DossierExport();
        await contribution.ContribuerAsync(new SujetExport(eleve, eleve, true, app.Horloge.GetUtcNow().AddMinutes(1)), dossier, default);

        var rendu = dossier.Json["rendus.json"].AsArray().Single(r => (Guid)r!["depotId"]! == depotId)!;
        Assert.Equal("Fiche de lecture", (string?)rendu["depot"]);
        Assert.Equal("fiche de lecture.pdf", (string?)rendu["nomOriginal"]);
        Assert.Equal(Pdf, dossier.Fichiers[$"rendus/{depotId:N}-v1-fiche_de_lecture.pdf"]);

        // Another pupil's export holds none of it.
        var autre = new DossierExport();
        await contribution.ContribuerAsync(new SujetExport(app.Ids["eleve TG1"], app.Ids["eleve TG1"], true, app.Horloge.GetUtcNow()), autre, default);
        Assert.Empty(autre.Json["rendus.json"].AsArray());
        Assert.Empty(autre.Fichiers);
    }
}
