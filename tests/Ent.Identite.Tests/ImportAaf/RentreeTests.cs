using Ent.Testing;

namespace Ent.Identite.Tests.ImportAaf;

/// <summary>
/// A rentrée import feeds the next school year: new classes, groups, enrolments and services for it; the current
/// year's stay exactly as they were, nothing deleted.
/// </summary>
public sealed class RentreeTests(EntApp app) : IClassFixture<EntApp>
{
    private const string ParAnnee = """
        SELECT c.annee_scolaire || ':' || count(DISTINCT c.id) || '/' || count(DISTINCT i.eleve_id) || '/'
            || (SELECT count(*) FROM scolarite.service_enseignement s JOIN scolarite.classe x ON x.id = s.classe_id WHERE x.annee_scolaire = c.annee_scolaire AND x.etablissement_id = e.id)
        FROM scolarite.classe c JOIN identite.etablissement e ON e.id = c.etablissement_id
        LEFT JOIN scolarite.inscription_classe i ON i.classe_id = c.id
        WHERE e.uai = '0931234L' GROUP BY c.annee_scolaire, e.id ORDER BY 1
        """;

    [Fact]
    public async Task The_rentree_creates_next_year_classes_and_keeps_this_year()
    {
        var normal = await app.ImporterAsync(AafExemple.Complet());
        var annee = normal.Import.AnneeScolaire;
        var suivante = $"{int.Parse(annee[..4], System.Globalization.CultureInfo.InvariantCulture) + 1}-{int.Parse(annee[5..], System.Globalization.CultureInfo.InvariantCulture) + 1}";
        Assert.Equal([$"{annee}:3/18/4"], await app.QueryAsync<string>(ParAnnee));

        var rentree = await app.ImporterAsync(AafExemple.Complet(), rentree: true);

        Assert.Equal("termine", rentree.Import.Etat);
        Assert.True(rentree.Import.Rentree);
        Assert.Equal(suivante, rentree.Import.AnneeScolaire);
        Assert.Equal((3, 0, 0), rentree.Compte("classes"));
        Assert.Equal((2, 0, 0), rentree.Compte("groupes"));
        Assert.Equal((24, 0, 0), rentree.Compte("inscriptions"));
        Assert.Equal((0, 0, 0), rentree.Compte("eleves"));
        Assert.Equal([$"{annee}:3/18/4", $"{suivante}:3/18/4"], await app.QueryAsync<string>(ParAnnee));
    }
}
