using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Ent.Kernel.Demo;
using Ent.Ressources.Gar;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Ent.Ressources.Tests.Gar;

/// <summary>
/// « Mes manuels et ressources » against the GAR's web service stand-in (WireMock.Net over mutual TLS, answers in the
/// documented format): the list, the GAR's errors, its slowness with and without a cached list, a GAR down; the opening
/// of a resource and the guardian's week list. Each test has its own pupil (the cache is per user).
/// </summary>
public sealed class GarWebServiceTests(GarApp app) : IClassFixture<GarApp>
{
    private const string Uai = DemoLycee.Uai;

    private sealed record Ressource(string IdRessource, string NomRessource, string NomEditeur, string? UrlVignette, string UrlAccesRessource,
        string? TypePresentation, string[] NiveauxEducatifs, string[] DomainesEnseignement);

    private sealed record MesRessources(string Uai, string Etablissement, bool GarActif, bool AJour, DateTimeOffset? ObtenueLe, string? Avertissement,
        Ressource[] Ressources);

    private sealed record Ouverture(string IdRessource, string NomRessource, string NomEditeur, DateTimeOffset OuverteLe);

    private sealed record Semaine(DateOnly Lundi, DateOnly Dimanche, Ouverture[] Ouvertures, string Conservation);

    private static string ListeGar(params (string Id, string Nom, string Acces)[] ressources) => System.Text.Json.JsonSerializer.Serialize(new
    {
        listeRessources = new
        {
            ressource = ressources.Select(r => new
            {
                idRessource = r.Id,
                idType = "ark",
                nomRessource = r.Nom,
                idEditeur = "ed-001",
                nomEditeur = "Éditions Démo",
                urlVignette = "https://vignettes.gar.test/" + Uri.EscapeDataString(r.Id) + ".png",
                typePresentation = new { code = "MAN", nom = "Manuel numérique" },
                typologieDocument = new[] { new { uri = "http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-005-num-024", nom = "manuel" } },
                niveauEducatif = new[] { new { uri = "http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-022-num-027", nom = "Seconde" } },
                domaineEnseignement = new[] { new { uri = "http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-015-num-1108", nom = "Mathématiques" } },
                urlAccesRessource = r.Acces,
                nomSourceEtiquetteGar = "Accessible via le GAR",
                distributeurTech = "Distributeur Démo",
                validateurTech = "Validateur Démo",
            }),
        },
    });

    /// <summary>The stand-in answers <paramref name="identifiant"/>'s path, only to Ent's client certificate.</summary>
    private void Repondre(Guid identifiant, int statut, string corps, TimeSpan? delai = null)
    {
        var reponse = Response.Create().WithCallback(requete => new WireMock.ResponseMessage
        {
            StatusCode = requete.ClientCertificate?.Thumbprint == app.EmpreinteClient ? statut : 403,
            BodyData = new WireMock.Util.BodyData
            {
                BodyAsString = requete.ClientCertificate?.Thumbprint == app.EmpreinteClient ? corps : """{"Erreur":{"Message":"Certificat client inconnu"}}""",
                DetectedBodyType = WireMock.Types.BodyType.String,
            },
            Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
        });
        if (delai is { } d)
        {
            reponse = reponse.WithDelay(d);
        }

        app.Gar.Given(Request.Create().WithPath($"/ressources/{GarApp.IdEnt}/{Uai}/{identifiant}").UsingGet()).AtPriority(1).RespondWith(reponse);
    }

    private async Task<HttpResponseMessage> MesRessourcesAsync(string login) =>
        await app.ClientConnecte(login).GetAsync("/api/ressources/me/ressources-numeriques");

    [Fact]
    public async Task The_list_comes_over_mutual_TLS_under_the_pupils_pseudonym_and_only_https_addresses_pass()
    {
        var identifiant = Guid.NewGuid();
        await app.IdentifiantGarAsync("eleve.011", identifiant);
        Repondre(identifiant, 200, ListeGar(("ark:/99999/maths2", "Maths Seconde", "https://gar.test/ressource/maths2"),
            ("ark:/99999/piege", "Piège", "javascript:alert(1)"), ("ark:/99999/francais2", "Français Seconde", "https://gar.test/ressource/fr2")));

        var reponse = await MesRessourcesAsync("eleve.011");

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var liste = await reponse.ReadAsync<MesRessources>();
        Assert.True(liste.GarActif);
        Assert.True(liste.AJour);
        Assert.Null(liste.Avertissement);
        Assert.Equal(Uai, liste.Uai);
        Assert.Equal(["Français Seconde", "Maths Seconde"], liste.Ressources.Select(r => r.NomRessource));
        var maths = liste.Ressources.Single(r => r.IdRessource == "ark:/99999/maths2");
        Assert.Equal("Manuel numérique", maths.TypePresentation);
        Assert.Equal(["Seconde"], maths.NiveauxEducatifs);
        Assert.Equal(["Mathématiques"], maths.DomainesEnseignement);
        Assert.StartsWith("https://vignettes.gar.test/", maths.UrlVignette, StringComparison.Ordinal);

        // The GAR saw the pseudonym, Ent's idENT and the UAI, over TLS with Ent's certificate; never the person's id.
        var vue = Assert.Single(app.Gar.LogEntries, e => e.RequestMessage.Path.EndsWith(identifiant.ToString(), StringComparison.Ordinal));
        Assert.Equal($"/ressources/{GarApp.IdEnt}/{Uai}/{identifiant}", vue.RequestMessage.Path);
        Assert.Equal(app.EmpreinteClient, vue.RequestMessage.ClientCertificate?.Thumbprint);
        Assert.DoesNotContain(DemoIds.Of("compte", "eleve.011").ToString(), vue.RequestMessage.AbsoluteUrl, StringComparison.OrdinalIgnoreCase);

        // Cached: a second screen within minutes does not call the GAR again.
        Assert.Equal(HttpStatusCode.OK, (await MesRessourcesAsync("eleve.011")).StatusCode);
        Assert.Single(app.Gar.LogEntries, e => e.RequestMessage.Path.EndsWith(identifiant.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_GARs_error_message_is_shown_in_a_french_problem()
    {
        var identifiant = Guid.NewGuid();
        await app.IdentifiantGarAsync("eleve.012", identifiant);
        Repondre(identifiant, 404, """{"Erreur":{"Message":"Aucune affectation pour cet utilisateur"}}""");

        var reponse = await MesRessourcesAsync("eleve.012");

        Assert.Equal(HttpStatusCode.BadGateway, reponse.StatusCode);
        var probleme = await reponse.ReadJsonAsync();
        Assert.Equal(ListerMesRessourcesEndpoint.TypeGarErreur, (string?)probleme["type"]);
        Assert.Contains("Aucune affectation pour cet utilisateur", (string?)probleme["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_GAR_down_without_a_list_at_hand_gets_a_clear_503()
    {
        var identifiant = Guid.NewGuid();
        await app.IdentifiantGarAsync("eleve.013", identifiant);
        Repondre(identifiant, 500, """{"Erreur":{"Message":"Erreur interne"}}""");

        var reponse = await MesRessourcesAsync("eleve.013");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, reponse.StatusCode);
        Assert.NotNull(reponse.Headers.RetryAfter);
        var probleme = await reponse.ReadJsonAsync();
        Assert.Equal(ListerMesRessourcesEndpoint.TypeGarIndisponible, (string?)probleme["type"]);
        Assert.Contains("ne répond pas", (string?)probleme["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_GAR_without_a_list_at_hand_gets_a_503_after_the_configured_wait_not_later()
    {
        var identifiant = Guid.NewGuid();
        await app.IdentifiantGarAsync("eleve.014", identifiant);
        Repondre(identifiant, 200, ListeGar(("ark:/99999/lent", "Lent", "https://gar.test/lent")), TimeSpan.FromSeconds(15));
        using var client = app.ClientConnecte("eleve.014");
        await app.JetonAsync("eleve.014");

        var chrono = Stopwatch.StartNew();
        var reponse = await client.GetAsync("/api/ressources/me/ressources-numeriques");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, reponse.StatusCode);
        Assert.InRange(chrono.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task A_slow_GAR_gets_the_list_served_as_it_was_at_once_with_a_word_and_the_late_answer_refreshes_it()
    {
        var identifiant = Guid.NewGuid();
        await app.IdentifiantGarAsync("eleve.015", identifiant);
        Repondre(identifiant, 200, ListeGar(("ark:/99999/ancien", "Ancien manuel", "https://gar.test/ancien")));
        Assert.Equal(HttpStatusCode.OK, (await MesRessourcesAsync("eleve.015")).StatusCode);

        // Six minutes on (the cache keeps a list 5 minutes; the pupil's access token lives 10), the cache is out of date, and
        // the GAR takes 3 s to answer a new list.
        app.Horloge.Avancer(TimeSpan.FromMinutes(6));
        Repondre(identifiant, 200, ListeGar(("ark:/99999/nouveau", "Nouveau manuel", "https://gar.test/nouveau")), TimeSpan.FromSeconds(3));
        var chrono = Stopwatch.StartNew();
        var reponsePerimee = await MesRessourcesAsync("eleve.015");
        Assert.True(reponsePerimee.StatusCode == HttpStatusCode.OK, await reponsePerimee.Content.ReadAsStringAsync());
        var perimee = await reponsePerimee.ReadAsync<MesRessources>();

        Assert.True(chrono.Elapsed < TimeSpan.FromSeconds(2.5), $"served in {chrono.Elapsed}");
        Assert.False(perimee.AJour);
        Assert.Contains("telle qu'elle était", perimee.Avertissement, StringComparison.Ordinal);
        Assert.Equal(["Ancien manuel"], perimee.Ressources.Select(r => r.NomRessource));

        // The GAR's late answer went on in the background and refreshed the cache.
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var fraiche = await (await MesRessourcesAsync("eleve.015")).ReadAsync<MesRessources>();
        Assert.True(fraiche.AJour);
        Assert.Equal(["Nouveau manuel"], fraiche.Ressources.Select(r => r.NomRessource));
    }

    [Fact]
    public async Task Without_Ents_client_certificate_or_with_a_server_from_another_authority_the_call_fails()
    {
        var url = app.Services.GetRequiredService<IOptions<GarOptions>>().Value.UrlWebService + "/ressources/x/y/z";
        var dossier = TestCluster.NewFolder("autre-autorite");
        File.WriteAllText(Path.Combine(dossier, "autre.pem"), Certificats.Autorite("Autre autorite").ExportCertificatePem());

        // No client certificate: the stand-in (like the GAR) refuses the handshake.
        using (var sansCertificat = new HttpClient(ClientGar.Gestionnaire(new GarOptions { AutoriteServeur = app.Services.GetRequiredService<IOptions<GarOptions>>().Value.AutoriteServeur })))
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => sansCertificat.GetAsync(url));
        }

        // A server whose certificate does not chain to the configured authority: Ent refuses it.
        var options = app.Services.GetRequiredService<IOptions<GarOptions>>().Value;
        using var autreAutorite = new HttpClient(ClientGar.Gestionnaire(new GarOptions
        {
            CertificatClient = options.CertificatClient, MotDePasseCertificatClient = options.MotDePasseCertificatClient,
            AutoriteServeur = Path.Combine(dossier, "autre.pem"),
        }));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => autreAutorite.GetAsync(url));
    }

    [Fact]
    public async Task A_pupil_opens_a_listed_resource_and_the_guardian_sees_it_in_the_weeks_list_not_another_family()
    {
        var identifiant = Guid.NewGuid();
        await app.IdentifiantGarAsync("eleve.001", identifiant);
        Repondre(identifiant, 200, ListeGar(("ark:/99999/svt", "SVT Seconde", "https://gar.test/ressource/svt")));
        using var eleve = app.ClientConnecte("eleve.001");
        Assert.Equal(HttpStatusCode.OK, (await eleve.GetAsync("/api/ressources/me/ressources-numeriques")).StatusCode);

        var inconnue = await eleve.PostAsJsonAsync("/api/ressources/me/ressources-numeriques/ouvertures", new { idRessource = "ark:/99999/autre" });
        Assert.Equal(HttpStatusCode.NotFound, inconnue.StatusCode);
        var vide = await eleve.PostAsJsonAsync("/api/ressources/me/ressources-numeriques/ouvertures", new { idRessource = "" });
        Assert.Equal(HttpStatusCode.BadRequest, vide.StatusCode);

        var ouverte = await eleve.PostAsJsonAsync("/api/ressources/me/ressources-numeriques/ouvertures", new { idRessource = "ark:/99999/svt" });
        Assert.Equal(HttpStatusCode.Created, ouverte.StatusCode);
        Assert.Equal("https://gar.test/ressource/svt", (string?)(await ouverte.ReadJsonAsync())["urlAccesRessource"]);

        var eleveId = DemoIds.Of("compte", "eleve.001");
        var semaine = await (await app.ClientConnecte("parent.001").GetAsync($"/api/ressources/eleves/{eleveId}/ressources-ouvertes")).ReadAsync<Semaine>();
        var o = Assert.Single(semaine.Ouvertures);
        Assert.Equal(("SVT Seconde", "Éditions Démo"), (o.NomRessource, o.NomEditeur));
        Assert.Equal(DayOfWeek.Monday, semaine.Lundi.DayOfWeek);
        Assert.Contains("année scolaire", semaine.Conservation, StringComparison.Ordinal);

        // The week before: nothing. Another family (parent.003, eleve.002's guardian; parent.002 is eleve.001's other one): 404. The read is in the pupil's access log.
        var avant = await (await app.ClientConnecte("parent.001").GetAsync(
            $"/api/ressources/eleves/{eleveId}/ressources-ouvertes?semaine={semaine.Lundi.AddDays(-3):yyyy-MM-dd}")).ReadAsync<Semaine>();
        Assert.Empty(avant.Ouvertures);
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.ClientConnecte("parent.003").GetAsync($"/api/ressources/eleves/{eleveId}/ressources-ouvertes")).StatusCode);
        var journal = await (await app.ClientConnecte("parent.001").GetAsync($"/api/identite/eleves/{eleveId}/journal-acces?taille=100")).Content.ReadAsStringAsync();
        Assert.Contains("ListerRessourcesOuvertes", journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_guardian_has_no_GAR_list_of_their_own()
    {
        var reponse = await MesRessourcesAsync("parent.001");
        Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
        Assert.Contains("réservées aux élèves", await reponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
