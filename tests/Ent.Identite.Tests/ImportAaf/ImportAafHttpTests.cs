using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Ent.Testing;

namespace Ent.Identite.Tests.ImportAaf;

/// <summary>
/// The import through the API: an administrator uploads the zip, gets 202 and follows the import until it ends, with
/// the same counts as the command line; an établissement's head imports only their établissement; families and
/// teachers get 403; a zip that cannot be imported gets a French 400.
/// </summary>
public sealed class ImportAafHttpTests(EntApp app) : IClassFixture<EntApp>
{
    private static byte[] Zip(string dossier, Func<string, string>? nom = null)
    {
        using var memoire = new MemoryStream();
        using (var archive = new ZipArchive(memoire, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var fichier in Directory.GetFiles(dossier))
            {
                archive.CreateEntryFromFile(fichier, (nom ?? Path.GetFileName)(fichier));
            }
        }

        return memoire.ToArray();
    }

    private static MultipartFormDataContent Formulaire(byte[] zip, bool rentree = false)
    {
        var fichier = new ByteArrayContent(zip);
        fichier.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var formulaire = new MultipartFormDataContent { { fichier, "fichier", "export.zip" } };
        if (rentree)
        {
            formulaire.Add(new StringContent("true"), "rentree");
        }

        return formulaire;
    }

    private static async Task<JsonNode> SuivreAsync(HttpClient client, Uri adresse)
    {
        for (var i = 0; i < 300; i++)
        {
            var import = await (await client.GetAsync(adresse)).ReadJsonAsync();
            if ((string?)import["etat"] is "termine" or "refuse" or "echoue")
            {
                return import;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("L'import ne s'est pas terminé en 60 s.");
    }

    private static (int, int, int) Compte(JsonNode import, string sorte) =>
        ((int)import["resume"]![sorte]!["crees"]!, (int)import["resume"]![sorte]!["modifies"]!, (int)import["resume"]![sorte]!["desactives"]!);

    [Fact]
    public async Task Families_and_teachers_may_neither_import_nor_see_imports()
    {
        foreach (var qui in new[] { "parent.001", "prof.01", "eleve.001", "cpe" })
        {
            var client = app.ClientConnecte(qui);
            var reponse = await client.PostAsync("/api/identite/imports", Formulaire(Zip(AafExemple.Complet())));
            Assert.Equal(HttpStatusCode.Forbidden, reponse.StatusCode);
            Assert.Equal("Accès refusé", (string?)(await reponse.ReadJsonAsync())["title"]);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/identite/imports")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/identite/imports/{Guid.NewGuid()}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_head_imports_their_etablissement_only_then_a_region_administrator_imports_the_example()
    {
        var direction = app.ClientConnecte("direction");

        // The demo lycée's head: the example's établissement is not theirs, its entries are set aside.
        var refus = await direction.PostAsync("/api/identite/imports", Formulaire(Zip(AafExemple.Complet())));
        Assert.Equal(HttpStatusCode.Accepted, refus.StatusCode);
        var horsPerimetre = await SuivreAsync(direction, refus.Headers.Location!);
        Assert.Equal("termine", (string?)horsPerimetre["etat"]);
        Assert.Contains("hors de votre périmètre", (string?)horsPerimetre["rejets"]![0]!["motif"], StringComparison.Ordinal);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*)::int FROM identite.etablissement WHERE uai = '0931234L'"));

        // A zip that cannot be imported: 400 with the reason, at once.
        var slip = await direction.PostAsync("/api/identite/imports", Formulaire(Zip(AafExemple.Complet(), f => "../" + Path.GetFileName(f))));
        Assert.Equal(HttpStatusCode.BadRequest, slip.StatusCode);
        Assert.Contains("sort de son dossier", (string?)(await slip.ReadJsonAsync())["detail"], StringComparison.Ordinal);
        var pasZip = await direction.PostAsync("/api/identite/imports", Formulaire("pas un zip"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, pasZip.StatusCode);
        Assert.Contains("zip", (string?)(await pasZip.ReadJsonAsync())["detail"], StringComparison.Ordinal);
        var sansFichier = await direction.PostAsync("/api/identite/imports", new MultipartFormDataContent { { new StringContent("true"), "rentree" } });
        Assert.Equal(HttpStatusCode.BadRequest, sansFichier.StatusCode);
        Assert.NotNull((await sansFichier.ReadJsonAsync())["errors"]!["fichier"]);

        // The same person made a region administrator imports every établissement of the files.
        await app.ExecuteAsync("INSERT INTO identite.administrateur_region (personne_id) SELECT personne_id FROM identite.compte WHERE identifiant = 'direction'");
        var reponse = await direction.PostAsync("/api/identite/imports", Formulaire(Zip(AafExemple.Complet())));
        Assert.Equal(HttpStatusCode.Accepted, reponse.StatusCode);
        var id = (string?)(await reponse.ReadJsonAsync())["id"];
        Assert.Equal($"/api/identite/imports/{id}", reponse.Headers.Location!.OriginalString);

        var import = await SuivreAsync(direction, reponse.Headers.Location!);

        Assert.Equal("termine", (string?)import["etat"]);
        Assert.Equal("televersement", (string?)import["source"]);
        Assert.Equal("2026-09-01", (string?)import["dateExport"]);
        Assert.Empty(import["rejets"]!.AsArray());
        Assert.Equal((1, 0, 0), Compte(import, "etablissements"));
        Assert.Equal((18, 0, 0), Compte(import, "eleves"));
        Assert.Equal((31, 0, 0), Compte(import, "responsables"));
        Assert.Equal((6, 0, 0), Compte(import, "personnels"));
        Assert.Equal((32, 0, 0), Compte(import, "liens"));
        Assert.Equal((3, 0, 0), Compte(import, "classes"));
        Assert.Equal((2, 0, 0), Compte(import, "groupes"));
        Assert.Equal((6, 0, 0), Compte(import, "matieres"));
        Assert.Equal((6, 0, 0), Compte(import, "services"));
        Assert.Equal((1, 0, 0), Compte(import, "professeursPrincipaux"));
        Assert.Equal((int?)import["entreesTotal"], (int?)import["entreesTraitees"]);

        // The history, newest first; one établissement's with uai.
        var historique = (await (await direction.GetAsync("/api/identite/imports")).ReadJsonAsync()).AsArray();
        Assert.Equal(id, (string?)historique[0]!["id"]);
        Assert.Equal(4, historique.Count);
        Assert.Equal(0, (int)historique[0]!["rejets"]!);
        Assert.Equal(HttpStatusCode.OK, (await direction.GetAsync("/api/identite/imports?uai=0931234L")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await direction.GetAsync("/api/identite/imports?uai=nimporte")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await direction.GetAsync($"/api/identite/imports/{Guid.NewGuid()}")).StatusCode);
    }
}

/// <summary>An upload limit small enough for the example's zip.</summary>
public sealed class EntAppPetitTeleversement : EntApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:ImportAaf:TailleMaxTeleversementOctets"] = "4096",
    };
}

/// <summary>A zip beyond the upload limit gets a French 413, and no import is recorded.</summary>
public sealed class ImportAafTropGrosTests(EntAppPetitTeleversement app) : IClassFixture<EntAppPetitTeleversement>
{
    [Fact]
    public async Task A_zip_beyond_the_upload_limit_gets_413()
    {
        using var memoire = new MemoryStream();
        using (var archive = new ZipArchive(memoire, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var fichier in Directory.GetFiles(AafExemple.Complet()))
            {
                archive.CreateEntryFromFile(fichier, Path.GetFileName(fichier));
            }
        }

        var contenu = new ByteArrayContent(memoire.ToArray());
        contenu.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var reponse = await app.ClientConnecte("direction").PostAsync("/api/identite/imports",
            new MultipartFormDataContent { { contenu, "fichier", "export.zip" } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reponse.StatusCode);
        Assert.Contains("TailleMaxTeleversementOctets", (string?)(await reponse.ReadJsonAsync())["detail"], StringComparison.Ordinal);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*)::int FROM identite.import_aaf"));
    }
}
