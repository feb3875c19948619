using System.IO.Compression;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Ressources.Gar;
using Ent.Ressources.Gar.Flux;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ent.Ressources.Tests.Gar;

/// <summary>
/// The GAR's affectation flux (GAR-ENT files) for the demo lycée, built through the direction's endpoint: every file
/// valid against the shipped schema; pupils by the pseudonym the SAML assertions use, in their class and groups;
/// teachers' class × subject pairs as their services; nothing the GAR has no use for (guardians, Ent's ids, dates of
/// birth); another établissement's pupil absent; who may download it; the daily deposit once across hosts.
/// </summary>
public sealed class FluxAffectationTests(GarApp app) : IClassFixture<GarApp>
{
    private const string Route = $"/api/ressources/etablissements/{DemoLycee.Uai}/gar/flux";
    private static readonly XNamespace Men = SchemaGar.Espace;

    private static Guid Id(string login) => DemoIds.Of("compte", login);

    private async Task<Dictionary<string, byte[]>> TelechargerAsync(string login = "direction")
    {
        using var client = app.ClientConnecte(login);
        var reponse = await client.GetAsync(Route);
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("application/zip", reponse.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await reponse.Content.ReadAsByteArrayAsync()));
        return zip.Entries.ToDictionary(e => e.Name, e =>
        {
            using var flux = e.Open();
            using var memoire = new MemoryStream();
            flux.CopyTo(memoire);
            return memoire.ToArray();
        });
    }

    private static XDocument Fichier(Dictionary<string, byte[]> fichiers, string type) =>
        XDocument.Load(new MemoryStream(fichiers.Single(f => f.Key.EndsWith($"_{type}_0000.xml", StringComparison.Ordinal)).Value));

    private async Task<string> PseudonymeAsync(string login)
    {
        // What the SAML assertion and the web service send for the person (UtilisateursGar.TrouverAsync).
        await using var scope = app.Services.CreateAsyncScope();
        var utilisateur = await scope.ServiceProvider.GetRequiredService<UtilisateursGar>().TrouverAsync(Id(login), null, CancellationToken.None);
        return utilisateur!.Identifiant.ToString();
    }

    [Fact]
    public async Task The_head_downloads_the_five_files_each_valid_against_the_schema()
    {
        var fichiers = await TelechargerAsync();

        Assert.Equal(["Eleve", "Enseignant", "Etab", "Groupe", "RespAff"],
            fichiers.Keys.Select(n => n.Split('_')[^2]).Order(StringComparer.Ordinal));
        Assert.All(fichiers.Keys, n => Assert.Matches($"^{GarApp.IdEnt}_GAR-ENT_Complet_[0-9]{{8}}_[0-9]{{6}}_[A-Za-z]+_0000\\.xml$", n));
        foreach (var (nom, contenu) in fichiers)
        {
            Assert.True(SchemaGar.Valider(contenu).Count == 0, $"{nom} : {string.Join(" ; ", SchemaGar.Valider(contenu))}");
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.UTF8.GetString(contenu), StringComparison.OrdinalIgnoreCase);
        }

        var etab = Fichier(fichiers, "Etab").Root!;
        Assert.Equal(DemoLycee.Uai, (string?)etab.Element(Men + "GAREtab")!.Element(Men + "GARStructureUAI"));
        Assert.Equal(DemoLycee.Nom, (string?)etab.Element(Men + "GAREtab")!.Element(Men + "GARStructureNomCourant"));
        Assert.NotEmpty(etab.Elements(Men + "GARMatiere"));

        // The head is an affectation manager, by the same pseudonym, with the e-mail the schema requires.
        var resp = Fichier(fichiers, "RespAff").Root!.Elements(Men + "GARRespAff").ToList();
        var direction = await PseudonymeAsync("direction");
        Assert.Contains(resp, r => (string?)r.Element(Men + "GARPersonIdentifiant") == direction);
        Assert.All(resp, r => Assert.NotEmpty(r.Elements(Men + "GARPersonMail")));

        // The download named every pupil: one access-log row each.
        await using var conn = await app.Db.OpenConnectionAsync();
        var eleves = Fichier(fichiers, "Eleve").Root!.Elements(Men + "GAREleve").Count();
        Assert.True(eleves > 0);
        Assert.True(await conn.ExecuteScalarAsync<int>(
            "SELECT count(DISTINCT eleve_id) FROM identite.journal_acces WHERE quoi = 'ObtenirFluxGar' AND personne_id = @moi",
            new { moi = Id("direction") }) >= eleves);
    }

    [Fact]
    public async Task A_pupil_appears_by_the_SAML_pseudonym_in_their_class_and_groups()
    {
        var fichiers = await TelechargerAsync();
        var pseudonyme = await PseudonymeAsync("eleve.051");

        var eleve = Fichier(fichiers, "Eleve").Root!.Elements(Men + "GAREleve")
            .Single(e => (string?)e.Element(Men + "GARPersonIdentifiant") == pseudonyme);
        Assert.Equal("National_elv", (string?)eleve.Element(Men + "GARPersonProfils")!.Element(Men + "GARPersonProfil"));
        Assert.Equal(DemoLycee.Uai, (string?)eleve.Element(Men + "GARPersonEtab"));

        await using var conn = await app.Db.OpenConnectionAsync();
        var attendues = (await conn.QueryAsync<(string Code, string Statut)>("""
            SELECT c.code, 'DIVISION' FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE i.eleve_id = @eleve AND c.annee_scolaire = @annee
            UNION ALL
            SELECT g.code, 'GROUPE' FROM scolarite.inscription_groupe i JOIN scolarite.groupe g ON g.id = i.groupe_id
            WHERE i.eleve_id = @eleve AND g.annee_scolaire = @annee
            """, new { eleve = Id("eleve.051"), annee = AnneeCourante() })).AsList();
        Assert.Contains(attendues, a => a.Statut == "DIVISION");

        var groupe = Fichier(fichiers, "Groupe").Root!;
        var siens = groupe.Elements(Men + "GARPersonGroupe")
            .Where(p => (string?)p.Element(Men + "GARPersonIdentifiant") == pseudonyme)
            .Select(p => (string)p.Element(Men + "GARGroupeCode")!).Order(StringComparer.Ordinal);
        Assert.Equal(attendues.Select(a => a.Code).Order(StringComparer.Ordinal), siens);
        var statuts = groupe.Elements(Men + "GARGroupe").ToDictionary(g => (string)g.Element(Men + "GARGroupeCode")!, g => (string)g.Element(Men + "GARGroupeStatut")!);
        Assert.All(attendues, a => Assert.Equal(a.Statut, statuts[a.Code]));
    }

    [Fact]
    public async Task A_teachers_class_and_group_subjects_are_their_services()
    {
        var fichiers = await TelechargerAsync();
        var pseudonyme = await PseudonymeAsync("prof.01");

        await using var conn = await app.Db.OpenConnectionAsync();
        var services = (await conn.QueryAsync<(string Element, string Division, string Matiere)>("""
            SELECT CASE WHEN s.classe_id IS NOT NULL THEN 'GAREnsClasseMatiere' ELSE 'GAREnsGroupeMatiere' END,
                   coalesce(c.code, g.code), coalesce(m.code_national, s.matiere_code)
            FROM scolarite.service_enseignement s
            LEFT JOIN scolarite.classe c ON c.id = s.classe_id
            LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
            LEFT JOIN scolarite.matiere m ON m.etablissement_id = coalesce(c.etablissement_id, g.etablissement_id) AND m.code = s.matiere_code
            WHERE s.enseignant_id = @prof AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
            """, new { prof = Id("prof.01"), annee = AnneeCourante() })).AsList();
        Assert.NotEmpty(services);

        var groupe = Fichier(fichiers, "Groupe").Root!;
        var envoyes = groupe.Elements().Where(e => e.Name == Men + "GAREnsClasseMatiere" || e.Name == Men + "GAREnsGroupeMatiere")
            .Where(e => (string?)e.Element(Men + "GARPersonIdentifiant") == pseudonyme)
            .SelectMany(e => e.Elements(Men + "GARMatiereCode").Select(m => (e.Name.LocalName, (string)e.Element(Men + "GARGroupeCode")!, (string)m)))
            .Order().ToList();
        Assert.Equal(services.Distinct().Order(), envoyes);

        // Every subject code sent is described in the établissement's file.
        var matieres = Fichier(fichiers, "Etab").Root!.Elements(Men + "GARMatiere").Select(m => (string)m.Element(Men + "GARMatiereCode")!).ToHashSet();
        Assert.All(envoyes, e => Assert.Contains(e.Item3, matieres));

        var enseignant = Fichier(fichiers, "Enseignant").Root!.Elements(Men + "GAREnseignant")
            .Single(e => (string?)e.Element(Men + "GARPersonIdentifiant") == pseudonyme);
        Assert.Equal("National_ens", (string?)enseignant.Element(Men + "GARPersonProfils")!.Element(Men + "GARPersonProfil"));
    }

    [Fact]
    public async Task No_guardian_no_Ent_id_and_no_more_about_a_pupil_than_the_schema_requires()
    {
        var fichiers = await TelechargerAsync();
        var texte = string.Concat(fichiers.Values.Select(Encoding.UTF8.GetString));

        await using var conn = await app.Db.OpenConnectionAsync();
        // No Ent id of anyone (person, établissement) in any file.
        var ids = (await conn.QueryAsync<Guid>("SELECT id FROM identite.personne UNION ALL SELECT id FROM identite.etablissement")).AsList();
        Assert.DoesNotContain(ids, id => texte.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
        // Guardians: no pseudonym was made for any of them, no GAR profile of theirs is sent.
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
            SELECT count(*) FROM ressources.gar_identifiant g
            WHERE EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = g.personne_id AND r.profil = 'responsable')
              AND NOT EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = g.personne_id AND r.profil <> 'responsable')
            """));
        var profils = fichiers.Values.SelectMany(f => XDocument.Load(new MemoryStream(f)).Descendants(Men + "GARPersonProfil")).Select(p => p.Value).ToHashSet();
        Assert.Subset(new HashSet<string> { "National_elv", "National_ens", "National_doc", "National_dir" }, profils);

        // A pupil: the pseudonym, profile, name and first name (required), the établissement; nothing optional.
        var eleve = Fichier(fichiers, "Eleve").Root!.Elements(Men + "GAREleve").First();
        Assert.Equal(["GARPersonIdentifiant", "GARPersonProfils", "GARPersonNom", "GARPersonPrenom", "GARPersonAutresPrenoms", "GARPersonEtab"],
            eleve.Elements().Select(e => e.Name.LocalName));
        var naissance = await conn.ExecuteScalarAsync<DateTime>("SELECT date_naissance FROM identite.personne WHERE id = @id", new { id = Id("eleve.051") });
        Assert.DoesNotContain(naissance.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), texte, StringComparison.Ordinal);
        var ine = await conn.ExecuteScalarAsync<string>("SELECT ine FROM identite.personne WHERE id = @id", new { id = Id("eleve.051") });
        Assert.DoesNotContain(ine!, texte, StringComparison.Ordinal);
        // Names only where the schema asks for them: the people files, never the groups' or the établissement's.
        foreach (var type in new[] { "Groupe", "Etab" })
        {
            Assert.DoesNotContain(Fichier(fichiers, type).Descendants(), e => e.Name.LocalName.StartsWith("GARPersonNom", StringComparison.Ordinal)
                                                                          || e.Name.LocalName.Contains("Prenom", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_pupil_of_another_etablissement_is_not_in_the_flux()
    {
        var autre = Guid.NewGuid();
        var eleve = Guid.NewGuid();
        await using (var conn = await app.Db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (@autre, '0990002Y', 'Lycée voisin', 'Paris');
                INSERT INTO identite.personne (id, nom, prenom) VALUES (@eleve, 'Voisinage', 'Apolline');
                INSERT INTO identite.compte (id, personne_id, identifiant, mot_de_passe_hash) VALUES (gen_random_uuid(), @eleve, 'eleve.voisin', 'x');
                INSERT INTO identite.rattachement (personne_id, etablissement_id, profil) VALUES (@eleve, @autre, 'eleve');
                """, new { autre, eleve });
        }

        var fichiers = await TelechargerAsync();

        var texte = string.Concat(fichiers.Values.Select(Encoding.UTF8.GetString));
        Assert.DoesNotContain("Voisinage", texte, StringComparison.Ordinal);
        Assert.DoesNotContain("0990002Y", texte, StringComparison.Ordinal);
        await using var lecture = await app.Db.OpenConnectionAsync();
        Assert.Equal(0, await lecture.ExecuteScalarAsync<int>("SELECT count(*) FROM ressources.gar_identifiant WHERE personne_id = @eleve", new { eleve }));
    }

    [Theory]
    [InlineData("admin.ent", HttpStatusCode.OK)]
    [InlineData("prof.01", HttpStatusCode.NotFound)]
    [InlineData("cpe", HttpStatusCode.NotFound)]
    [InlineData("parent.001", HttpStatusCode.NotFound)]
    [InlineData("eleve.051", HttpStatusCode.NotFound)]
    public async Task Only_the_etablissements_administrators_download_it(string login, HttpStatusCode attendu)
    {
        using var client = app.ClientConnecte(login);

        var reponse = await client.GetAsync(Route);

        Assert.Equal(attendu, reponse.StatusCode);
        if (attendu == HttpStatusCode.NotFound)
        {
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await reponse.ReadJsonAsync())["type"]);
        }
    }

    [Fact]
    public async Task An_unknown_or_malformed_UAI_is_404_or_400()
    {
        using var client = app.ClientConnecte("direction");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/ressources/etablissements/0990009Z/gar/flux")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/ressources/etablissements/pas-une-uai/gar/flux")).StatusCode);
    }

    [Fact]
    public async Task The_daily_flux_is_written_once_a_day_whatever_the_number_of_hosts()
    {
        var dossier = TestCluster.NewFolder("flux-gar");
        var options = app.Services.GetRequiredService<IOptions<GarOptions>>().Value;
        var reglage = Options.Create(new GarOptions
        {
            UrlWebService = options.UrlWebService,
            IdEnt = GarApp.IdEnt,
            DossierFlux = dossier,
            EtablissementsFlux = [DemoLycee.Uai],
        });
        ProductionFluxGar Hote() => new(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<Ent.Kernel.Database.EntDatabase>(), reglage, NullLogger<ProductionFluxGar>.Instance);
        // Now: the zips older than a week are cleared from the folder by the file's real date.
        var maintenant = DateTimeOffset.UtcNow;
        var jour = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenant, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);

        var prises = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Hote().ExecuterAsync(maintenant, CancellationToken.None))));

        Assert.Equal(1, prises.Sum());
        var zip = Assert.Single(Directory.GetFiles(dossier));
        Assert.Matches($"^{GarApp.IdEnt}_{DemoLycee.Uai}_[0-9]{{8}}_Complet\\.zip$", Path.GetFileName(zip));
        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Equal(5, archive.Entries.Count);
        }

        await using var conn = await app.Db.OpenConnectionAsync();
        var (fichier, erreur) = await conn.QuerySingleAsync<(string? Fichier, string? Erreur)>(
            "SELECT fichier, erreur FROM ressources.gar_flux WHERE jour = @jour AND uai = @uai", new { jour, uai = DemoLycee.Uai });
        Assert.Equal(Path.GetFileName(zip), fichier);
        Assert.Null(erreur);
        // Later the same day: nothing more.
        Assert.Equal(0, await Hote().ExecuterAsync(maintenant.AddMinutes(5), CancellationToken.None));
    }

    [Fact]
    public void A_document_the_schema_refuses_is_reported_line_by_line()
    {
        var valide = new XDocument(new XElement(Men + "GAR-ENT-Groupe", new XAttribute("Version", "1.0"),
            new XElement(Men + "GARGroupe",
                new XElement(Men + "GARGroupeCode", "2NDE1"), new XElement(Men + "GARStructureUAI", DemoLycee.Uai),
                new XElement(Men + "GARGroupeLibelle", "Seconde 1"), new XElement(Men + "GARGroupeStatut", "DIVISION"))));
        Assert.Empty(SchemaGar.Valider(GenerateurFluxGar.Ecrire(valide)));

        // A status the GAR does not know, a UAI that is none, a missing label, an element it does not know, no Version.
        var statut = new XDocument(valide);
        statut.Descendants(Men + "GARGroupeStatut").Single().Value = "CLASSE";
        var uai = new XDocument(valide);
        uai.Descendants(Men + "GARStructureUAI").Single().Value = "75";
        var libelle = new XDocument(valide);
        libelle.Descendants(Men + "GARGroupeLibelle").Single().Remove();
        var intrus = new XDocument(valide);
        intrus.Root!.Element(Men + "GARGroupe")!.Add(new XElement(Men + "GARPersonDateNaissance", "2010-01-01"));
        var version = new XDocument(valide);
        version.Root!.Attribute("Version")!.Remove();
        var racine = new XDocument(new XElement(Men + "GAR-ENT-Parent", new XAttribute("Version", "1.0")));

        foreach (var document in new[] { statut, uai, libelle, intrus, version, racine })
        {
            var erreurs = SchemaGar.Valider(GenerateurFluxGar.Ecrire(document));
            Assert.NotEmpty(erreurs);
            Assert.All(erreurs, e => Assert.StartsWith("ligne ", e, StringComparison.Ordinal));
        }

        Assert.NotEmpty(SchemaGar.Valider(Encoding.UTF8.GetBytes("<men:GAR-ENT-Groupe xmlns:men=\"http://data.education.fr/ns/gar\" Version=\"1.0\">")));
    }

    private static string AnneeCourante()
    {
        var maintenant = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var debut = maintenant.Month >= 9 ? maintenant.Year : maintenant.Year - 1;
        return $"{debut}-{debut + 1}";
    }
}

/// <summary>While the ENT is not connected to the GAR, the head gets a French 409 and no pseudonym is made.</summary>
public sealed class FluxAffectationGarInactifTests(EntApp app) : IClassFixture<EntApp>
{
    [Fact]
    public async Task The_head_gets_409_while_the_GAR_is_off()
    {
        using var client = app.ClientConnecte("direction");

        var reponse = await client.GetAsync($"/api/ressources/etablissements/{DemoLycee.Uai}/gar/flux");

        Assert.Equal(HttpStatusCode.Conflict, reponse.StatusCode);
        var probleme = await reponse.ReadJsonAsync();
        Assert.Equal("urn:ent:probleme:conflit", (string?)probleme["type"]);
        Assert.Contains("pas encore relié au GAR", (string?)probleme["detail"], StringComparison.Ordinal);
        using var autre = app.ClientConnecte("prof.01");
        Assert.Equal(HttpStatusCode.NotFound, (await autre.GetAsync($"/api/ressources/etablissements/{DemoLycee.Uai}/gar/flux")).StatusCode);
    }
}
