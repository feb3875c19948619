using System.Net;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests;

/// <summary>
/// The desk's pupil search (GET /api/identite/etablissements/{uai}/eleves?q=): by the start of the first name or surname,
/// accents and case ignored, 20 pupils at most with their class and legal guardians, for the CPE and the head only; each
/// pupil returned is logged. The demo lycée's names are read from the database, not assumed.
/// </summary>
public sealed class RechercheElevesTests(EntApp app) : IClassFixture<EntApp>
{
    private const string Route = "/api/identite/etablissements/0750000A/eleves";

    private async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, parametres))!;
    }

    [Fact]
    public async Task The_cpe_finds_a_pupil_by_the_start_of_names_whatever_the_accents_and_case_with_class_and_guardians()
    {
        // A demo pupil with a guardian; the query: the first name's first 3 letters, unaccented and upper-cased, then the
        // surname's first 2 letters.
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var (id, nom, prenom) = await conn.QueryFirstAsync<(Guid, string, string)>("""
                SELECT p.id, p.nom, p.prenom FROM identite.personne p JOIN identite.rattachement r ON r.personne_id = p.id AND r.profil = 'eleve'
                WHERE EXISTS (SELECT 1 FROM identite.lien_responsable l WHERE l.eleve_id = p.id AND l.legal)
                ORDER BY p.prenom ~ '[ÉÈéèëïçÀâ]' DESC, p.id LIMIT 1
                """);
        var q = $"{Sans(prenom)[..3].ToUpperInvariant()} {Sans(nom)[..2]}";

        var reponse = await app.ClientConnecte("cpe").GetAsync($"{Route}?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var eleves = (await reponse.ReadJsonAsync()).AsArray();
        var trouve = eleves.Single(e => (string?)e!["eleveId"] == id.ToString())!;
        Assert.Equal((nom, prenom), ((string?)trouve["nom"], (string?)trouve["prenom"]));
        Assert.False(string.IsNullOrEmpty((string?)trouve["classe"]));
        Assert.NotEmpty(trouve["responsables"]!.AsArray());
        Assert.All(trouve["responsables"]!.AsArray(), r => Assert.Matches("^(mere|pere|tuteur|autre)$", (string?)r!["lien"]));
        Assert.All(eleves, e => Assert.Contains(Sans(prenom)[..3], Sans((string)e!["prenom"]! + " " + (string)e["nom"]!), StringComparison.OrdinalIgnoreCase));

        // Each pupil returned is in the access log, as a read of identity data by the CPE.
        Assert.Equal(eleves.Count, await ScalarAsync<int>("""
            SELECT count(DISTINCT eleve_id)::int FROM identite.journal_acces
            WHERE quoi = 'RechercherEleves' AND domaine = 'identite' AND personne_id = (SELECT personne_id FROM identite.compte WHERE identifiant = 'cpe')
            """));
    }

    [Fact]
    public async Task Twenty_pupils_at_most_two_letters_at_least_and_nobody_else_than_the_desk()
    {
        var direction = app.ClientConnecte("direction");
        var reponse = await direction.GetAsync($"{Route}?q=e");
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        Assert.NotNull((await reponse.ReadJsonAsync())["errors"]!["q"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await direction.GetAsync(Route)).StatusCode);

        // The two letters that start the most first names: more than twenty pupils, or all of them when fewer.
        var lettres = await ScalarAsync<string>("""
            SELECT lower(left(p.prenom, 2)) FROM identite.personne p JOIN identite.rattachement r ON r.personne_id = p.id AND r.profil = 'eleve'
            GROUP BY 1 ORDER BY count(*) DESC LIMIT 1
            """);
        var nombreux = (await (await direction.GetAsync($"{Route}?q={lettres}")).ReadJsonAsync()).AsArray();
        Assert.Equal(Math.Min(20, await ScalarAsync<int>("""
            SELECT count(*)::int FROM identite.personne p JOIN identite.rattachement r ON r.personne_id = p.id AND r.profil = 'eleve'
            WHERE lower(p.nom || ' ' || p.prenom) ~ ('(^|[ ''-])' || @l)
            """, new { l = lettres })), nombreux.Count);

        // The nurse finds the pupil who walks into the infirmary (issue 18); teachers and families find no one.
        Assert.Equal(nombreux.Count, (await (await app.ClientConnecte("infirmerie").GetAsync($"{Route}?q={lettres}")).ReadJsonAsync()).AsArray().Count);
        foreach (var autre in new[] { "prof.01", "parent.001", "eleve.001" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte(autre).GetAsync($"{Route}?q={lettres}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await direction.GetAsync($"/api/identite/etablissements/pas-une-uai/eleves?q={lettres}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await direction.GetAsync($"/api/identite/etablissements/0990009Z/eleves?q={lettres}")).StatusCode);
    }

    private static string Sans(string texte) =>
        new(texte.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
}
