using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using static Ent.Identite.Tests.Activation.Activations;

namespace Ent.Identite.Tests.Activation;

/// <summary>The activation letters: one page per person, grouped by class, codes that work, and who may print them.</summary>
public sealed partial class LettresActivationTests(EntApp app) : IClassFixture<EntApp>
{
    private static readonly string Url = $"/api/identite/etablissements/{DemoLycee.Uai}/lettres-activation";

    private sealed record Page(string Texte, string? Code, string Identifiant);

    private static List<Page> Lire(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p =>
        {
            var texte = string.Join(' ', p.GetWords().Select(w => w.Text));
            return new Page(texte, CodeLettre().Match(texte) is { Success: true } m ? m.Value : null, Identifiant().Match(texte).Value);
        })];
    }

    [GeneratedRegex("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}")]
    private static partial Regex CodeLettre();

    [GeneratedRegex(@"\b(eleve|parent|prof)\.[0-9]+\b")]
    private static partial Regex Identifiant();

    /// <summary>Two pupils of one class (the first with a guardian) and one of another class, all to activate.</summary>
    private async Task<(string ClasseA, string ClasseB, string[] EnA, string Responsable, string EnB)> FamillesAsync()
    {
        var eleves = Enumerable.Range(1, 60).Select(i => $"eleve.{i:D3}").ToArray();
        var classes = await app.Services.GetRequiredService<IServicesEnseignement>()
            .ClassesAsync([.. eleves.Select(e => DemoIds.Of("compte", e))], CancellationToken.None);
        var parClasse = eleves.Where(e => classes.ContainsKey(DemoIds.Of("compte", e)))
            .GroupBy(e => classes[DemoIds.Of("compte", e)]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var a = parClasse[0];
        var b = parClasse[1];
        var enA = a.Take(2).ToArray();
        await using var conn = await app.BaseAsync();
        var responsable = await conn.QueryFirstAsync<string>("""
            SELECT c.identifiant FROM identite.lien_responsable l JOIN identite.compte c ON c.personne_id = l.responsable_id
            WHERE l.eleve_id = @eleve ORDER BY c.identifiant
            """, new { eleve = DemoIds.Of("compte", enA[0]) });
        await app.AActiverAsync([.. enA, responsable, b.First()]);
        return (a.Key, b.Key, enA, responsable, b.First());
    }

    [Fact]
    public async Task A_class_gets_one_page_per_person_each_family_together_with_codes_that_work_and_printing_again_replaces_them()
    {
        var (classeA, classeB, enA, responsable, enB) = await FamillesAsync();
        await app.AActiverAsync("prof.07");
        var direction = app.ClientConnecte(Direction);

        var reponse = await direction.GetAsync($"{Url}?classe={classeA}");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("application/pdf", reponse.Content.Headers.ContentType!.MediaType);
        var pages = Lire(await reponse.Content.ReadAsByteArrayAsync());

        // The class only: its two pupils, the first followed by their guardian; no staff, no other class.
        Assert.Equal(3, pages.Count);
        Assert.Equal(3, pages.Select(p => p.Identifiant).Distinct().Count());
        Assert.Equal(enA[0], pages[pages.FindIndex(p => p.Identifiant == responsable) - 1].Identifiant);
        Assert.Equal([.. enA, responsable], pages.Select(p => p.Identifiant).Order());
        Assert.All(pages, p => Assert.NotNull(p.Code));
        Assert.All(pages, p => Assert.Contains("http://localhost/activation", p.Texte, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.Contains(classeA, p.Texte, StringComparison.Ordinal));

        using var navigateur = new Navigateur(app);
        var premiere = pages[0];
        Assert.Equal(HttpStatusCode.OK, (await SaisirCodeAsync(navigateur, premiere.Identifiant, premiere.Code!)).Status);

        // The whole établissement: both classes in order, staff last; new codes, the class's earlier letters replaced.
        var tout = Lire(await direction.GetByteArrayAsync(Url));
        Assert.Equal(5, tout.Count);
        Assert.Equal("prof.07", tout[^1].Identifiant);
        Assert.Contains("Personnel", tout[^1].Texte, StringComparison.Ordinal);
        Assert.Equal(enB, tout[^2].Identifiant);
        Assert.Contains(classeB, tout[^2].Texte, StringComparison.Ordinal);
        var ancienne = await SaisirCodeAsync(navigateur, premiere.Identifiant, premiere.Code!);
        Assert.Contains("remplacé par un plus récent", ancienne.Page, StringComparison.Ordinal);
        var nouvelle = tout.Single(p => p.Identifiant == premiere.Identifiant);
        Assert.Equal(HttpStatusCode.OK, (await SaisirCodeAsync(navigateur, nouvelle.Identifiant, nouvelle.Code!)).Status);

        Assert.True(await app.ScalarAsync<int>("SELECT count(*) FROM identite.journal_acces WHERE quoi = 'ImprimerLettresActivation'") >= 3);
    }

    [Fact]
    public async Task Parents_teachers_and_another_etablissements_head_get_404_the_office_gets_the_letters()
    {
        await using (var conn = await app.BaseAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (@autre, '0750099Z', 'Lycée voisin', 'Paris');
                INSERT INTO identite.personne (id, nom, prenom) VALUES (@chef, 'Voisin', 'Chef'), (@secretaire, 'Bureau', 'Anne');
                INSERT INTO identite.compte (id, personne_id, identifiant, mot_de_passe_hash)
                SELECT gen_random_uuid(), p.id, p.identifiant, (SELECT mot_de_passe_hash FROM identite.compte WHERE identifiant = 'direction')
                FROM (VALUES (@chef, 'chef.voisin'), (@secretaire, 'secretariat.test')) AS p(id, identifiant);
                INSERT INTO identite.rattachement (personne_id, etablissement_id, profil, fonction) VALUES
                    (@chef, @autre, 'personnel', 'direction'),
                    (@secretaire, (SELECT id FROM identite.etablissement WHERE uai = @uai), 'personnel', 'secretariat');
                """, new { autre = Guid.NewGuid(), chef = Guid.NewGuid(), secretaire = Guid.NewGuid(), uai = DemoLycee.Uai });
        }

        foreach (var identifiant in new[] { "parent.001", "prof.01", "eleve.001", "cpe", "chef.voisin" })
        {
            var refus = await app.ClientConnecte(identifiant).GetAsync(Url);
            Assert.True(refus.StatusCode == HttpStatusCode.NotFound, $"{identifiant}: {refus.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("secretariat.test").GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Url)).StatusCode);
    }
}
