using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Identite.Tests.Acces;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests.Rgpd;

/// <summary>
/// The families' RGPD export through HTTP: asked, built in the background by the host's worker, downloaded as a zip that
/// holds every file the register's export page lists; the download is in the access log; nobody else's data, ever.
/// </summary>
public sealed partial class ExportRgpdTests(AccesApp app) : IClassFixture<AccesApp>
{
    private const string Route = "/api/identite/me/exports";

    // A file's line in docs/registre-des-traitements/export-rgpd.md: | `section/fichier.json` | contenu | enfant | soi |
    [GeneratedRegex(@"^\|\s*`(?<fichier>[^`]+)`\s*\|[^|]*\|\s*(?<enfant>[^|]*?)\s*\|\s*(?<soi>[^|]*?)\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex LigneFichier();

    private static List<(string Fichier, bool Enfant, bool Soi)> FichiersDocumentes() =>
        [.. LigneFichier().Matches(File.ReadAllText(Path.Combine(Http.RepositoryRoot(), "docs", "registre-des-traitements", "export-rgpd.md")))
            .Select(m => (m.Groups["fichier"].Value.TrimStart('.', '/'), m.Groups["enfant"].Value == "oui", m.Groups["soi"].Value is "oui" or "élève"))];

    private static async Task<(JsonNode Export, ZipArchive Zip)> ExporterAsync(HttpClient client, Guid? personne)
    {
        var demande = await client.PostAsJsonAsync(Route, new { personneId = personne });
        Assert.True(demande.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{demande.StatusCode} {await demande.Content.ReadAsStringAsync()}");
        var id = (string)(await demande.ReadJsonAsync())["id"]!;

        // Built by the host's worker, woken by the request: poll as the screen does.
        JsonNode? export = null;
        for (var essai = 0; essai < 240; essai++)
        {
            var liste = (await (await client.GetAsync(Route)).ReadJsonAsync()).AsArray();
            export = liste.Single(x => (string)x!["id"]! == id);
            if ((string)export!["etat"]! is "pret" or "echoue")
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal("pret", (string?)export!["etat"]);
        Assert.Equal(100, (int)export["progression"]!);
        var fichier = await client.GetAsync($"{Route}/{id}/fichier");
        Assert.Equal(HttpStatusCode.OK, fichier.StatusCode);
        Assert.Equal("application/zip", fichier.Content.Headers.ContentType?.MediaType);
        var zip = new ZipArchive(new MemoryStream(await fichier.Content.ReadAsByteArrayAsync()));
        return (export, zip);
    }

    private static JsonNode Json(ZipArchive zip, string chemin)
    {
        using var flux = (zip.GetEntry(chemin) ?? throw new Xunit.Sdk.XunitException($"{chemin} absent de l'export")).Open();
        return JsonNode.Parse(flux)!;
    }

    [Fact]
    public async Task A_guardian_downloads_their_childs_export_with_every_documented_file_and_the_download_is_logged()
    {
        var eleve = app.Personnes["élève"];
        var (export, zip) = await ExporterAsync(app.ClientDe("responsable légal"), eleve);

        var noms = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var attendus = FichiersDocumentes().Where(f => f.Enfant).Select(f => f.Fichier).ToList();
        Assert.True(attendus.Count >= 12, $"export-rgpd.md : {attendus.Count} fichiers");
        Assert.DoesNotContain(attendus, f => !noms.Contains(f));
        // Only the child's share: none of the guardian's own devices, applications or conversations.
        Assert.DoesNotContain("identite/appareils.json", noms);
        Assert.DoesNotContain("communication/conversations.json", noms);

        var manifeste = Json(zip, "export.json");
        Assert.Equal("ent-export-rgpd/1", (string?)manifeste["schema"]);
        Assert.Equal(eleve.ToString(), (string?)manifeste["personne"]!["id"]);
        Assert.True((bool)manifeste["personne"]!["eleve"]!);
        Assert.Equal(app.Personnes["responsable légal"].ToString(), (string?)manifeste["demandeur"]!["id"]);
        Assert.Equal(eleve.ToString(), (string?)Json(zip, "identite/personne.json")["personne"]!["id"]);

        // The demo's data is there: the pupil's grades, absences, and the justification's document itself (AccesApp's).
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var notes = await conn.ExecuteScalarAsync<int>("""
            SELECT count(*)::int FROM scolarite.note n JOIN scolarite.evaluation e ON e.id = n.evaluation_id
            WHERE n.eleve_id = @eleve AND (e.publication IS NULL OR e.publication <= current_date)
            """, new { eleve });
        Assert.True(notes > 0);
        Assert.Equal(notes, Json(zip, "scolarite/notes.json").AsArray().Count);
        var absences = await conn.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM viescolaire.absence WHERE eleve_id = @eleve AND annulee_le IS NULL", new { eleve });
        Assert.Equal(absences, Json(zip, "vie-scolaire/absences.json").AsArray().Count);
        var justificatifs = Json(zip, "vie-scolaire/justificatifs.json").AsArray();
        Assert.Contains(justificatifs, j => (string?)j!["id"] == app.Valeurs["{justificatif}"].ToString());
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith($"vie-scolaire/justificatifs/{app.Valeurs["{justificatif}"]:N}-", StringComparison.Ordinal));

        // The child's health record, for their legal guardian (issue 18): the PAI and its signed document (AccesApp's).
        Assert.Equal("Arachide", (string?)Json(zip, "sante/pai.json")["allergies"]);
        Assert.NotNull(zip.GetEntry("sante/pai.pdf"));

        // No secret of the account: neither the password's hash nor a second factor's.
        var personne = Json(zip, "identite/personne.json").ToJsonString();
        Assert.DoesNotContain("mot_de_passe", personne, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("motDePasse", personne, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", personne, StringComparison.OrdinalIgnoreCase);

        // The readable summary is a PDF.
        using (var pdf = zip.GetEntry("resume.pdf")!.Open())
        {
            var debut = new byte[5];
            await pdf.ReadExactlyAsync(debut);
            Assert.Equal("%PDF-"u8.ToArray(), debut);
        }

        // The download is in the pupil's access log.
        Assert.True(await conn.ExecuteScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM identite.journal_acces WHERE eleve_id = @eleve AND personne_id = @responsable AND quoi = 'TelechargerExportRgpd')
            """, new { eleve, responsable = app.Personnes["responsable légal"] }));
        Assert.NotNull(export["taille"]);
    }

    [Fact]
    public async Task A_guardian_downloads_their_own_export_with_every_documented_file()
    {
        var (_, zip) = await ExporterAsync(app.ClientDe("responsable légal"), null);

        var noms = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var attendus = FichiersDocumentes().Where(f => f.Soi && !f.Fichier.StartsWith("scolarite/", StringComparison.Ordinal)
            && !f.Fichier.StartsWith("vie-scolaire/", StringComparison.Ordinal) && !f.Fichier.StartsWith("sante/", StringComparison.Ordinal))
            .Select(f => f.Fichier).ToList();
        Assert.DoesNotContain(attendus, f => !noms.Contains(f));
        // A guardian is no pupil: no schooling of their own, no school health.
        Assert.DoesNotContain(noms, n => n.StartsWith("scolarite/", StringComparison.Ordinal));
        Assert.DoesNotContain(noms, n => n.StartsWith("sante/", StringComparison.Ordinal));
        Assert.False((bool)Json(zip, "export.json")["personne"]!["eleve"]!);
    }

    [Fact]
    public async Task A_member_of_staff_exports_their_own_data()
    {
        var (_, zip) = await ExporterAsync(app.ClientDe("cpe"), null);

        Assert.Equal(app.Personnes["cpe"].ToString(), (string?)Json(zip, "identite/personne.json")["personne"]!["id"]);
        Assert.NotNull(zip.GetEntry("journal-acces/mes-acces.json"));
    }

    [Theory]
    [InlineData("responsable d'un autre élève")]
    [InlineData("enseignant de la classe")]
    [InlineData("cpe")]
    [InlineData("direction")]
    [InlineData("autre élève")]
    public async Task Nobody_but_a_legal_guardian_asks_for_a_childs_export(string qui)
    {
        var reponse = await app.ClientDe(qui).PostAsJsonAsync(Route, new { personneId = app.Personnes["élève"] });

        Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
        Assert.Equal("urn:ent:probleme:introuvable", (string?)(await reponse.ReadJsonAsync())["type"]);
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        Assert.False(await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM identite.export_rgpd WHERE demandeur_id = @id AND personne_id <> @id)",
            new { id = app.Personnes[qui] }));
    }

    [Fact]
    public async Task A_minor_pupil_is_sent_to_their_guardians()
    {
        var reponse = await app.ClientDe("élève").PostAsJsonAsync(Route, new { });

        Assert.Equal(HttpStatusCode.Forbidden, reponse.StatusCode);
        Assert.Contains("responsables légaux", (string?)(await reponse.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_persons_export_and_an_expired_one_are_not_found()
    {
        var autre = await app.ClientDe("responsable d'un autre élève").GetAsync($"{Route}/{app.Valeurs["{export-rgpd}"]}/fichier");
        Assert.Equal(HttpStatusCode.NotFound, autre.StatusCode);
        var siens = await (await app.ClientDe("responsable d'un autre élève").GetAsync(Route)).ReadJsonAsync();
        Assert.DoesNotContain(siens.AsArray(), x => (string?)x!["id"] == app.Valeurs["{export-rgpd}"].ToString());

        var expire = Guid.NewGuid();
        await using (var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO identite.export_rgpd (id, demandeur_id, personne_id, etat, demande_le, termine_le, expire_le, contenu, taille)
                VALUES (@expire, @responsable, @responsable, 'pret', now() - interval '8 days', now() - interval '8 days', now() - interval '1 day', '\x504b0506'::bytea, 4)
                """, new { expire, responsable = app.Personnes["responsable légal"] });
        }

        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientDe("responsable légal").GetAsync($"{Route}/{expire}/fichier")).StatusCode);
    }

    [Fact]
    public async Task A_childs_export_is_not_downloaded_by_someone_no_longer_their_legal_guardian()
    {
        // Asked while a guardian, then custody changed: the row names them as asker, the access rules no longer do.
        var ancien = Guid.NewGuid();
        await using (var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO identite.export_rgpd (id, demandeur_id, personne_id, etat, demande_le, termine_le, expire_le, contenu, taille)
                VALUES (@ancien, @demandeur, @eleve, 'pret', now() - interval '1 hour', now() - interval '1 hour', now() + interval '6 days', '\x504b0506'::bytea, 4)
                """, new { ancien, demandeur = app.Personnes["responsable d'un autre élève"], eleve = app.Personnes["élève"] });
        }

        var reponse = await app.ClientDe("responsable d'un autre élève").GetAsync($"{Route}/{ancien}/fichier");

        Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
    }

    [Fact]
    public async Task An_export_being_built_is_answered_as_it_is_rather_than_started_twice()
    {
        var client = app.ClientDe("direction");
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var enCours = Guid.NewGuid();
        // Claimed by another host a minute ago: this host's worker leaves it alone.
        await conn.ExecuteAsync("""
            INSERT INTO identite.export_rgpd (id, demandeur_id, personne_id, etat, demande_le, commence_le, expire_le, sections_total)
            VALUES (@enCours, @moi, @moi, 'en_cours', now() - interval '1 minute', now() - interval '1 minute', now() + interval '7 days', 5)
            """, new { enCours, moi = app.Personnes["direction"] });

        var reponse = await client.PostAsJsonAsync(Route, new { });

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal(enCours.ToString(), (string?)(await reponse.ReadJsonAsync())["id"]);
        var telechargement = await client.GetAsync($"{Route}/{enCours}/fichier");
        Assert.Equal(HttpStatusCode.Conflict, telechargement.StatusCode);
        Assert.Contains("en cours de préparation", (string?)(await telechargement.ReadJsonAsync())["detail"], StringComparison.Ordinal);
    }
}
