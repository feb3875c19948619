using System.Net;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.VieScolaire.Tests;

/// <summary>
/// The documents' folder cannot be written: here a file stands where the folder should be, which stops root too (the
/// tests run as root in CI, where a read-only mode would not).
/// </summary>
public sealed class StockageIndisponibleApp : EntApp
{
    public string Dossier { get; } = Path.Combine(TestCluster.NewFolder("documents-bloque"), "documents");

    public StockageIndisponibleApp() => File.WriteAllText(Dossier, "un fichier à la place du dossier");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:VieScolaire:Documents:Dossier"] = Dossier,
    };
}

/// <summary>Issue #12: an unwritable documents' folder answers 503 with its own problem type and fails readiness.</summary>
public sealed class StockageIndisponibleTests(StockageIndisponibleApp app) : IClassFixture<StockageIndisponibleApp>
{
    [Fact]
    public async Task An_upload_to_an_unwritable_folder_answers_a_503_storage_problem_and_stores_nothing()
    {
        var eleveId = await app.ScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE c.code = '2NDE1' ORDER BY i.eleve_id LIMIT 1
            """);
        var responsable = await app.ResponsableAsync(eleveId);
        var absenceId = Guid.NewGuid();
        var jour = DateTime.UtcNow.Date.AddDays(-2); // as JustificatifsTests makes them: a recent past day
        await using (var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, cours, saisie_par, saisie_le)
                SELECT @absenceId, e.id, @eleveId, 'absence', @debut, @debut + interval '55 minutes', @jour, 'matin', 'Mathématiques — 2NDE1',
                       (SELECT personne_id FROM identite.compte WHERE identifiant = 'cpe'), now()
                FROM identite.etablissement e WHERE e.uai = '0750000A'
                """, new { absenceId, eleveId, debut = new DateTimeOffset(jour.AddHours(8), TimeSpan.Zero), jour = DateOnly.FromDateTime(jour) });
        }

        var reponse = await app.ClientConnecte(responsable).PostAsync($"/api/viescolaire/eleves/{eleveId}/justificatifs",
            JustificatifsTests.Formulaire([absenceId], "maladie", document: (JustificatifsTests.Pdf, "certificat.pdf", "application/pdf")));

        var corps = await reponse.Content.ReadAsStringAsync();
        Assert.True(reponse.StatusCode == HttpStatusCode.ServiceUnavailable, corps);
        Assert.Equal("application/problem+json", reponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("urn:ent:probleme:stockage-indisponible", corps, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été enregistré", corps, StringComparison.Ordinal);
        Assert.True(reponse.Headers.RetryAfter is not null, "Retry-After is missing");
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM viescolaire.justificatif WHERE eleve_id = @eleveId", new { eleveId }));
        Assert.Equal("non_justifiee", await app.ScalarAsync<string>("SELECT statut FROM viescolaire.absence WHERE id = @absenceId", new { absenceId }));
    }

    [Fact]
    public async Task Readiness_says_503_while_the_documents_folder_cannot_be_written()
    {
        var reponse = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reponse.StatusCode);
    }
}
