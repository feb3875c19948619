using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ent.Testing;
using Xunit;

namespace Ent.Scolarite.Tests.CahierDeTextes;

/// <summary>
/// The cahier de textes through HTTP (issue 15), the clock pinned on Wednesday 25 November 2026, 11:00 Paris time. Each
/// test writes its own lesson (an extra one at a time of its own, or one of the test service's timetabled lessons).
/// </summary>
public sealed class CahierDeTextesTests(CahierDeTextesApp app) : IClassFixture<CahierDeTextesApp>
{
    private sealed record PieceJointe(Guid Id, string Nom, string TypeContenu, int Taille);

    private sealed record Lien(string Url, string Libelle);

    private sealed record Devoir(Guid Id, Guid ServiceId, Guid? SeanceId, string Matiere, DateOnly PourLe, string Consigne, int DureeMinutes, bool ARendre,
        bool Evaluation, DateTimeOffset? PublieLe);

    private sealed record Seance(Guid Id, Guid ServiceId, string Matiere, DateTimeOffset Debut, DateTimeOffset Fin, string Titre, string ContenuHtml,
        DateTimeOffset? PublieLe, PieceJointe[] PiecesJointes, Lien[] Liens, Devoir[] Devoirs, bool CoursManque);

    private sealed record CoursSeance(DateTimeOffset Debut, DateTimeOffset Fin, string? Statut, Seance? Seance);

    private sealed record SeancesService(Guid ServiceId, bool Modifiable, CoursSeance[] Cours);

    private sealed record CahierEleve(Guid EleveId, Seance[] Seances);

    private sealed record DevoirEleve(Devoir Devoir, bool Fait, bool Vu, bool VuParMoi, bool CoursManque);

    private sealed record JourDevoirs(DateOnly Jour, int Minutes, DevoirEleve[] Devoirs);

    private sealed record DevoirsEleve(JourDevoirs[] Jours);

    private sealed record ChargeJour(DateOnly Jour, int Nombre, int Evaluations, int Minutes);

    private sealed record ChargeDevoirs(DateTimeOffset? ProchainCours, DateOnly? PourLe, ChargeJour[] Jours);

    private sealed record CahierClasse(Seance[] Seances, ChargeJour[] Charge);

    private string Seances => $"/api/scolarite/services/{app.ServiceId}/seances";

    private static string CahierEleveRoute(Guid eleveId) => $"/api/scolarite/eleves/{eleveId}/cahier-de-textes?du=2026-10-01&au=2026-11-30";

    private static string DevoirsRoute(Guid eleveId) => $"/api/scolarite/eleves/{eleveId}/devoirs?du=2026-11-20&au=2026-12-31";

    /// <summary>An extra lesson of its own for each test: Tuesday 24 November 2026, a minute apart.</summary>
    private static DateTimeOffset Cours(int minute) => new(2026, 11, 24, 15, minute, 0, TimeSpan.Zero);

    private static object Page(DateTimeOffset debut, string publication = "maintenant", string contenu = "<p>Les fractions.</p>",
        object[]? devoirs = null, object[]? liens = null, DateTimeOffset? publieLe = null) => new
    {
        debut, fin = debut.AddHours(1), titre = "Fractions", contenuHtml = contenu, liens = liens ?? [], publication, publieLe,
        devoirs = devoirs ?? [new { pourLe = "2026-11-27", consigne = "<p>Exercice 1 p. 12</p>", dureeMinutes = 20, aRendre = true, evaluation = false }],
    };

    private async Task<Seance> EcrireAsync(object page)
    {
        var reponse = await app.ClientConnecte(app.Enseignant).PutAsJsonAsync(Seances, page);
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await reponse.ReadAsync<Seance>();
    }

    private async Task<Seance?> VueFamilleAsync(string qui, DateTimeOffset debut)
    {
        var reponse = await app.ClientConnecte(qui).GetAsync(CahierEleveRoute(app.EleveId));
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return (await reponse.ReadAsync<CahierEleve>()).Seances.SingleOrDefault(s => s.ServiceId == app.ServiceId && s.Debut == debut);
    }

    private async Task<DevoirEleve?> DevoirFamilleAsync(string qui, Guid devoirId)
    {
        var reponse = await app.ClientConnecte(qui).GetAsync(DevoirsRoute(app.EleveId));
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return (await reponse.ReadAsync<DevoirsEleve>()).Jours.SelectMany(j => j.Devoirs).SingleOrDefault(d => d.Devoir.Id == devoirId);
    }

    [Fact]
    public async Task Un_brouillon_reste_chez_l_enseignant_et_la_publication_le_montre_a_la_famille()
    {
        var debut = Cours(1);
        var brouillon = await EcrireAsync(Page(debut, "brouillon"));
        Assert.Null(brouillon.PublieLe);
        Assert.Single(brouillon.Devoirs);

        var vueProf = await (await app.ClientConnecte(app.Enseignant).GetAsync($"{Seances}?du=2026-11-24&au=2026-11-24")).ReadAsync<SeancesService>();
        Assert.True(vueProf.Modifiable);
        Assert.Equal(brouillon.Id, vueProf.Cours.Single(c => c.Debut == debut).Seance!.Id);
        Assert.Null(await VueFamilleAsync(app.Eleve, debut));
        Assert.Null(await DevoirFamilleAsync(app.Parent, brouillon.Devoirs[0].Id));
        // The head teacher reads the class's published pages only.
        var vuePp = await (await app.ClientConnecte(app.ProfPrincipal).GetAsync($"{Seances}?du=2026-11-24&au=2026-11-24")).ReadAsync<SeancesService>();
        Assert.False(vuePp.Modifiable);
        Assert.DoesNotContain(vuePp.Cours, c => c.Seance?.Id == brouillon.Id);

        var publiee = await EcrireAsync(Page(debut, "maintenant", devoirs:
            [new { id = brouillon.Devoirs[0].Id, pourLe = "2026-11-27", consigne = "Exercice 2 p. 12", dureeMinutes = 25, aRendre = false, evaluation = true }]));
        Assert.Equal(brouillon.Id, publiee.Id);
        Assert.NotNull(publiee.PublieLe);
        Assert.Equal(brouillon.Devoirs[0].Id, publiee.Devoirs.Single().Id);

        var vue = await VueFamilleAsync(app.Eleve, debut);
        Assert.NotNull(vue);
        Assert.Equal("<p>Les fractions.</p>", vue.ContenuHtml);
        var devoir = await DevoirFamilleAsync(app.Parent, brouillon.Devoirs[0].Id);
        Assert.NotNull(devoir);
        Assert.Equal(25, devoir.Devoir.DureeMinutes);
        Assert.True(devoir.Devoir.Evaluation);
        Assert.Equal("Exercice 2 p. 12", devoir.Devoir.Consigne);
    }

    [Fact]
    public async Task Une_page_programmee_n_apparait_aux_familles_qu_a_son_heure()
    {
        var debut = Cours(2);
        var page = await EcrireAsync(Page(debut, "programmee", publieLe: CahierDeTextesApp.Maintenant.AddDays(2)));
        Assert.Null(await VueFamilleAsync(app.Eleve, debut));
        Assert.Null(await DevoirFamilleAsync(app.Eleve, page.Devoirs[0].Id));

        await EcrireAsync(Page(debut, "programmee", publieLe: CahierDeTextesApp.Maintenant.AddMinutes(-1), devoirs:
            [new { id = page.Devoirs[0].Id, pourLe = "2026-11-27", consigne = "Exercice 1 p. 12", dureeMinutes = 20, aRendre = true, evaluation = false }]));
        Assert.NotNull(await VueFamilleAsync(app.Eleve, debut));
        Assert.NotNull(await DevoirFamilleAsync(app.Eleve, page.Devoirs[0].Id));

        var sansDate = await app.ClientConnecte(app.Enseignant).PutAsJsonAsync(Seances, Page(debut, "programmee"));
        Assert.Equal(HttpStatusCode.BadRequest, sansDate.StatusCode);
    }

    [Fact]
    public async Task Le_texte_riche_est_nettoye_sur_le_serveur()
    {
        const string piege = """
            <p onclick="alert(1)">Bonjour <strong>classe</strong><script>alert('x')</script></p>
            <img src="x" onerror="alert(2)">
            <a href="javascript:alert(3)">piège</a> <a href="https://exemple.fr/cours" style="color:red">cours</a>
            <p style="background:url(javascript:alert(4)); width: expression(alert(5))">mise en forme</p>
            <iframe src="https://exemple.fr"></iframe><svg onload="alert(6)"></svg><a href="mailto:prof@exemple.fr">écrire</a>
            """;
        var page = await EcrireAsync(Page(Cours(3), contenu: piege, devoirs:
            [new { pourLe = "2026-11-27", consigne = "<b onmouseover=\"alert(7)\">Lire</b><script>alert(8)</script>", dureeMinutes = 10, aRendre = false, evaluation = false }]));

        var vue = (await VueFamilleAsync(app.Eleve, Cours(3)))!;
        foreach (var html in new[] { page.ContenuHtml, vue.ContenuHtml, vue.Devoirs[0].Consigne })
        {
            foreach (var interdit in new[] { "<script", "onerror", "onclick", "onload", "onmouseover", "javascript:", "style", "expression", "<iframe", "<svg", "<img", "alert(" })
            {
                Assert.DoesNotContain(interdit, html, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains("<strong>classe</strong>", vue.ContenuHtml);
        Assert.Contains("href=\"https://exemple.fr/cours\"", vue.ContenuHtml);
        Assert.Contains("rel=\"noopener noreferrer\"", vue.ContenuHtml);
        Assert.Contains("href=\"mailto:prof@exemple.fr\"", vue.ContenuHtml);
        Assert.Contains("Lire", vue.Devoirs[0].Consigne);
    }

    [Fact]
    public async Task Les_saisies_invalides_sont_refusees_en_francais()
    {
        var client = app.ClientConnecte(app.Enseignant);
        async Task RefuseAsync(object page, string champ)
        {
            var reponse = await client.PutAsJsonAsync(Seances, page);
            Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
            Assert.NotNull((await reponse.ReadJsonAsync())["errors"]![champ]);
        }

        await RefuseAsync(Page(Cours(4), liens: [new { url = "javascript:alert(1)", libelle = "x" }]), "liens[0].url");
        await RefuseAsync(Page(Cours(4), liens: [new { url = "ftp://exemple.fr/", libelle = "x" }]), "liens[0].url");
        await RefuseAsync(Page(Cours(4), devoirs: [new { pourLe = "2026-11-20", consigne = "Avant", dureeMinutes = 10, aRendre = false, evaluation = false }]),
            "devoirs[0].pourLe");
        await RefuseAsync(Page(Cours(4), devoirs: [new { pourLe = "2026-11-27", consigne = "<p> </p>", dureeMinutes = 10, aRendre = false, evaluation = false }]),
            "devoirs[0].consigne");
        await RefuseAsync(Page(Cours(4), devoirs: [new { pourLe = "2026-11-27", consigne = "Long", dureeMinutes = 9000, aRendre = false, evaluation = false }]),
            "devoirs[0].dureeMinutes");
        await RefuseAsync(Page(Cours(4), "tout-de-suite"), "publication");
        await RefuseAsync(Page(Cours(4), devoirs: [new { id = Guid.NewGuid(), pourLe = "2026-11-27", consigne = "x", dureeMinutes = 1, aRendre = false, evaluation = false }]),
            "devoirs[0].id");
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*)::int FROM scolarite.seance WHERE service_id = @s AND debut = @d",
            new { s = app.ServiceId, d = Cours(4) }));

        var lien = await EcrireAsync(Page(Cours(4), liens: [new { url = "https://www.lumni.fr/video", libelle = "" }]));
        Assert.Equal(new Lien("https://www.lumni.fr/video", "www.lumni.fr"), lien.Liens.Single());
    }

    [Theory]
    [InlineData("enseignant", true, true)]
    [InlineData("prof-principal", true, false)]
    [InlineData("direction", true, false)]
    [InlineData("cpe", true, false)]
    [InlineData("autre-enseignant", false, false)]
    [InlineData("eleve", false, false)]
    [InlineData("parent", false, false)]
    [InlineData("autre-parent", false, false)]
    public async Task Cote_enseignant_chacun_selon_son_role(string role, bool lit, bool ecrit)
    {
        var client = app.ClientConnecte(Qui(role));
        Assert.Equal(lit ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync(Seances)).StatusCode);
        Assert.Equal(lit ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/api/scolarite/services/{app.ServiceId}/charge-devoirs")).StatusCode);
        Assert.Equal(lit ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync($"/api/scolarite/classes/{app.ClasseId}/cahier-de-textes")).StatusCode);
        var ecriture = await client.PutAsJsonAsync(Seances, Page(Cours(30 + role.Length)));
        Assert.Equal(ecrit ? HttpStatusCode.OK : HttpStatusCode.NotFound, ecriture.StatusCode);
        if (!ecrit)
        {
            Assert.Equal("application/problem+json", ecriture.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("eleve", HttpStatusCode.OK)]
    [InlineData("parent", HttpStatusCode.OK)]
    [InlineData("enseignant", HttpStatusCode.OK)]
    [InlineData("cpe", HttpStatusCode.OK)]
    [InlineData("direction", HttpStatusCode.OK)]
    [InlineData("autre-enseignant", HttpStatusCode.NotFound)]
    [InlineData("autre-parent", HttpStatusCode.NotFound)]
    public async Task Cote_famille_les_autres_recoivent_404(string role, HttpStatusCode attendu)
    {
        var client = app.ClientConnecte(Qui(role));
        Assert.Equal(attendu, (await client.GetAsync(CahierEleveRoute(app.EleveId))).StatusCode);
        Assert.Equal(attendu, (await client.GetAsync(DevoirsRoute(app.EleveId))).StatusCode);
    }

    [Fact]
    public async Task L_eleve_coche_fait_le_responsable_le_voit_et_coche_vu_et_chaque_lecture_est_journalisee()
    {
        var page = await EcrireAsync(Page(Cours(5)));
        var devoirId = page.Devoirs[0].Id;
        var route = $"/api/scolarite/eleves/{app.EleveId}/devoirs/{devoirId}";
        var avant = await app.ScalarAsync<long>(
            "SELECT count(*) FROM identite.journal_acces WHERE eleve_id = @e AND quoi = 'ListerDevoirsEleve' AND domaine = 'travail_scolaire'", new { e = app.EleveId });

        // Only the pupil ticks « fait », only a guardian « vu »; another family's homework does not exist for them.
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.Parent).PutAsync($"{route}/fait", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.Enseignant).PutAsync($"{route}/fait", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.Eleve).PutAsync($"{route}/vu", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.AutreParent).PutAsync($"{route}/vu", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.AutreParent)
            .PutAsync($"/api/scolarite/eleves/{app.AutreEleveId}/devoirs/{devoirId}/vu", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte(app.Eleve).PutAsync($"{route}/fait", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte(app.Eleve).PutAsync($"{route}/fait", null)).StatusCode);
        var vuParLeParent = await DevoirFamilleAsync(app.Parent, devoirId);
        Assert.True(vuParLeParent!.Fait);
        Assert.False(vuParLeParent.Vu);

        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte(app.Parent).PutAsync($"{route}/vu", null)).StatusCode);
        var apres = (await DevoirFamilleAsync(app.Parent, devoirId))!;
        Assert.True(apres.Vu);
        Assert.True(apres.VuParMoi);
        var pourEleve = (await DevoirFamilleAsync(app.Eleve, devoirId))!;
        Assert.True(pourEleve.Vu);
        Assert.False(pourEleve.VuParMoi);

        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte(app.Eleve).DeleteAsync($"{route}/fait")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientConnecte(app.Parent).DeleteAsync($"{route}/vu")).StatusCode);
        var decoche = (await DevoirFamilleAsync(app.Parent, devoirId))!;
        Assert.False(decoche.Fait);
        Assert.False(decoche.Vu);

        Assert.Equal(avant + 4, await app.ScalarAsync<long>(
            "SELECT count(*) FROM identite.journal_acces WHERE eleve_id = @e AND quoi = 'ListerDevoirsEleve' AND domaine = 'travail_scolaire'",
            new { e = app.EleveId }));
        // Each change is logged, a repeated tick too (two ticks, one untick).
        Assert.Equal(3, await app.ScalarAsync<long>(
            "SELECT count(*) FROM identite.journal_acces WHERE eleve_id = @e AND quoi IN ('CocherDevoirFait', 'DecocherDevoirFait') AND action = 'modification'",
            new { e = app.EleveId }));
    }

    [Fact]
    public async Task Un_devoir_en_brouillon_ne_se_coche_pas()
    {
        var page = await EcrireAsync(Page(Cours(6), "brouillon"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.Eleve)
            .PutAsync($"/api/scolarite/eleves/{app.EleveId}/devoirs/{page.Devoirs[0].Id}/fait", null)).StatusCode);
    }

    [Fact]
    public async Task L_eleve_absent_voit_le_cours_manque()
    {
        var debut = Cours(7);
        await EcrireAsync(Page(debut));
        Assert.False((await VueFamilleAsync(app.Eleve, debut))!.CoursManque);

        await app.ExecuterAsync("""
            INSERT INTO viescolaire.appel (id, etablissement_id, service_id, debut, fin, cours, fait_par, fait_le, modifie_le)
            SELECT @appel, @etab, @service, @debut, @debut + interval '1 hour', 'Cahier de textes (test)', enseignant_id, @debut, @debut
            FROM scolarite.service_enseignement WHERE id = @service;
            INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, appel_id, saisie_par, saisie_le)
            SELECT gen_random_uuid(), @etab, @eleve, 'absence', @debut, @debut + interval '1 hour', '2026-11-24', 'apres_midi', @appel, fait_par, @debut
            FROM viescolaire.appel WHERE id = @appel;
            """, new { appel = Guid.NewGuid(), etab = app.EtablissementId, service = app.ServiceId, debut, eleve = app.EleveId });

        Assert.True((await VueFamilleAsync(app.Eleve, debut))!.CoursManque);
        Assert.True((await VueFamilleAsync(app.Parent, debut))!.CoursManque);
        var devoirs = await (await app.ClientConnecte(app.Eleve).GetAsync(DevoirsRoute(app.EleveId))).ReadAsync<DevoirsEleve>();
        Assert.Contains(devoirs.Jours.SelectMany(j => j.Devoirs), d => d.CoursManque && d.Devoir.SeanceId != null);
    }

    [Fact]
    public async Task Le_jour_propose_est_le_prochain_cours_et_la_charge_de_la_classe_compte_chaque_devoir()
    {
        // Monday 16 November, 8:00 Paris time: the next lesson of the service is on Thursday 19 November.
        var lundi = new DateTimeOffset(2026, 11, 16, 7, 0, 0, TimeSpan.Zero);
        var client = app.ClientConnecte(app.Enseignant);
        var route = $"/api/scolarite/services/{app.ServiceId}/charge-devoirs?apres={Uri.EscapeDataString(lundi.AddHours(1).ToString("O"))}";
        var avant = await (await client.GetAsync(route)).ReadAsync<ChargeDevoirs>();
        Assert.Equal(new DateOnly(2026, 11, 19), avant.PourLe);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 13, 0, 0, TimeSpan.Zero), avant.ProchainCours);

        var cours = await (await client.GetAsync($"{Seances}?du=2026-11-16&au=2026-11-19")).ReadAsync<SeancesService>();
        Assert.Equal([lundi, new DateTimeOffset(2026, 11, 19, 13, 0, 0, TimeSpan.Zero)], cours.Cours.Select(c => c.Debut).ToArray());

        await EcrireAsync(Page(lundi, devoirs:
        [
            new { pourLe = "2026-11-19", consigne = "Contrôle", dureeMinutes = 60, aRendre = false, evaluation = true },
            new { pourLe = "2026-11-19", consigne = "Exercice", dureeMinutes = 15, aRendre = true, evaluation = false },
        ]));
        var jour = (await (await client.GetAsync(route)).ReadAsync<ChargeDevoirs>()).Jours.Single(j => j.Jour == new DateOnly(2026, 11, 19));
        var avantJour = avant.Jours.SingleOrDefault(j => j.Jour == new DateOnly(2026, 11, 19)) ?? new ChargeJour(new DateOnly(2026, 11, 19), 0, 0, 0);
        Assert.Equal(avantJour with { Nombre = avantJour.Nombre + 2, Evaluations = avantJour.Evaluations + 1, Minutes = avantJour.Minutes + 75 }, jour);

        // A colleague of the class (the head teacher) sees the same load.
        var vuPp = (await (await app.ClientConnecte(app.ProfPrincipal).GetAsync(route)).ReadAsync<ChargeDevoirs>()).Jours.Single(j => j.Jour == jour.Jour);
        Assert.Equal(jour, vuPp);
        var classe = await (await app.ClientConnecte(app.ProfPrincipal)
            .GetAsync($"/api/scolarite/classes/{app.ClasseId}/cahier-de-textes?du=2026-11-16&au=2026-11-19")).ReadAsync<CahierClasse>();
        Assert.Contains(classe.Seances, s => s.Debut == lundi && s.ServiceId == app.ServiceId);
        Assert.Equal(jour, classe.Charge.Single(j => j.Jour == jour.Jour));
    }

    private static MultipartFormDataContent Fichier(byte[] contenu, string nom)
    {
        var formulaire = new MultipartFormDataContent();
        var fichier = new ByteArrayContent(contenu);
        fichier.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        formulaire.Add(fichier, "fichier", nom);
        return formulaire;
    }

    private static byte[] Zip(params string[] entrees)
    {
        using var memoire = new MemoryStream();
        using (var zip = new ZipArchive(memoire, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entree in entrees)
            {
                using var flux = zip.CreateEntry(entree).Open();
                flux.Write("<x/>"u8);
            }
        }

        return memoire.ToArray();
    }

    private static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    [Fact]
    public async Task Les_fichiers_sont_verifies_sur_leur_contenu_et_telecharges_par_les_seuls_lecteurs()
    {
        var page = await EcrireAsync(Page(Cours(8), "brouillon"));
        var route = $"{Seances}/{page.Id}/pieces-jointes";
        var prof = app.ClientConnecte(app.Enseignant);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.AutreEnseignant).PostAsync(route, Fichier(Pdf(), "cours.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await prof.PostAsync(route, Fichier("MZ\x90\0exécutable"u8.ToArray(), "cours.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await prof.PostAsync(route, Fichier(Zip("virus.exe"), "cours.docx"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await prof.PostAsync(route, Fichier([], "vide.pdf"))).StatusCode);
        var gros = new byte[10 * 1024 * 1024 + 1];
        Pdf().CopyTo(gros, 0);
        Assert.Equal(HttpStatusCode.BadRequest, (await prof.PostAsync(route, Fichier(gros, "gros.pdf"))).StatusCode);

        var docx = await (await prof.PostAsync(route, Fichier(Zip("[Content_Types].xml", "word/document.xml"), "fiche.bin"))).ReadAsync<PieceJointe>();
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.TypeContenu);
        Assert.Equal("fiche.docx", docx.Nom);
        var pdfReponse = await prof.PostAsync(route, Fichier(Pdf(), "../../Cours <1>.pdf"));
        Assert.Equal(HttpStatusCode.Created, pdfReponse.StatusCode);
        var pdf = await pdfReponse.ReadAsync<PieceJointe>();
        Assert.Equal("Cours _1_.pdf", pdf.Nom);
        var ole = await (await prof.PostAsync(route, Fichier([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "ancien.doc"))).ReadAsync<PieceJointe>();
        Assert.Equal("application/msword", ole.TypeContenu);

        var telechargement = $"/api/scolarite/pieces-jointes/{pdf.Id}";
        // A draft's file: its teacher only.
        Assert.Equal(HttpStatusCode.OK, (await prof.GetAsync(telechargement)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.Eleve).GetAsync(telechargement)).StatusCode);

        await EcrireAsync(Page(Cours(8), "maintenant"));
        foreach (var (qui, attendu) in new[]
                 {
                     (app.Eleve, HttpStatusCode.OK), (app.Parent, HttpStatusCode.OK), (app.ProfPrincipal, HttpStatusCode.OK), ("cpe", HttpStatusCode.OK),
                     ("direction", HttpStatusCode.OK), (app.AutreParent, HttpStatusCode.NotFound), (app.AutreEnseignant, HttpStatusCode.NotFound),
                 })
        {
            Assert.Equal(attendu, (await app.ClientConnecte(qui).GetAsync(telechargement)).StatusCode);
        }

        var reponse = await app.ClientConnecte(app.Parent).GetAsync(telechargement);
        Assert.Equal("application/pdf", reponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", reponse.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", reponse.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf(), await reponse.Content.ReadAsByteArrayAsync());

        var vue = (await VueFamilleAsync(app.Eleve, Cours(8)))!;
        Assert.Equal(3, vue.PiecesJointes.Length);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.AutreEnseignant).DeleteAsync($"{route}/{pdf.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await prof.DeleteAsync($"{route}/{pdf.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await prof.GetAsync(telechargement)).StatusCode);
        Assert.Equal(2, Directory.GetFiles(app.Dossier).Length);

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(app.ProfPrincipal).DeleteAsync($"{Seances}/{page.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await prof.DeleteAsync($"{Seances}/{page.Id}")).StatusCode);
        Assert.Empty(Directory.GetFiles(app.Dossier));
        Assert.Null(await VueFamilleAsync(app.Eleve, Cours(8)));
    }

    private string Qui(string role) => role switch
    {
        "enseignant" => app.Enseignant,
        "prof-principal" => app.ProfPrincipal,
        "autre-enseignant" => app.AutreEnseignant,
        "eleve" => app.Eleve,
        "parent" => app.Parent,
        "autre-parent" => app.AutreParent,
        _ => role,
    };
}
