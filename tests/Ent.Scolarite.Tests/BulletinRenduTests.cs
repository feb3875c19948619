using System.Net;
using System.Text.RegularExpressions;
using Ent.Scolarite.Bulletins;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Tokens;

namespace Ent.Scolarite.Tests;

/// <summary>
/// A report card rendered as PDF (read back with PdfPig, as a reader or an indexer would) and as HTML: what a family
/// reads must be there, in French figures, whatever the names, the length of the appraisals or the missing marks.
/// No database: the renderers take a <see cref="Bulletin"/> and nothing else.
/// </summary>
public sealed class BulletinRenduTests
{
    private const string AppreciationLongue =
        "Trimestre sérieux et régulier : Éloïse participe volontiers à l'oral, ses analyses sont pertinentes et " +
        "argumentées. Les méthodes sont acquises, mais la rédaction manque encore de rigueur dans les devoirs longs ; " +
        "il faudra soigner l'orthographe et la construction des paragraphes. Continuez ainsi en vous appuyant sur " +
        "les corrections détaillées, et n'hésitez pas à venir poser vos questions en fin de cours.";

    private static readonly DateTime EditeLe = new(2026, 12, 15, 13, 32, 0, DateTimeKind.Utc);

    private static readonly string[] Matieres =
    [
        "Français", "Mathématiques", "Histoire-géographie", "Anglais LV1", "Espagnol LV2", "Physique-chimie",
        "Sciences de la vie et de la Terre", "Sciences économiques et sociales", "Sciences numériques et technologie",
        "Éducation physique et sportive", "Enseignement moral et civique", "Accompagnement personnalisé",
    ];

    private static Bulletin Exemple(int matieres = 12, string? appreciation = AppreciationLongue) => new(
        Etablissement: "Lycée Jean-Baptiste-Say — Cité scolaire",
        AnneeScolaire: "2026-2027",
        Periode: "1er trimestre",
        Debut: new DateOnly(2026, 9, 1),
        Fin: new DateOnly(2026, 11, 29),
        Eleve: "Éloïse Dupré-Lefèvre",
        Classe: "Seconde 1",
        Lignes: Matieres.Take(matieres).Select((m, i) => new LigneBulletin(
            Matiere: m,
            Enseignant: i % 2 == 0 ? $"Mme Rousseau-N'Diaye {i}" : $"M. Lefèvre {i}",
            Coefficient: i == 3 ? 1.5m : i % 4 + 1,
            Moyenne: i == 9 ? null : 12.5m + i * 0.25m,
            MoyenneClasse: i == 9 ? null : 11.75m,
            Min: i == 9 ? null : 4m,
            Max: i == 9 ? null : 19.5m,
            Appreciation: i == 11 ? null : appreciation)).ToList(),
        MoyenneGenerale: 13.42m,
        MoyenneGeneraleClasse: 11.87m,
        MinGenerale: 6.05m,
        MaxGenerale: 17.9m,
        AppreciationGenerale: "Un très bon trimestre, mené avec constance. Il faut maintenant gagner en autonomie.",
        Decision: "Compliments du conseil de classe",
        EditeLe: EditeLe);

    /// <summary>
    /// The text of each page in drawing order (cell by cell, as a screen reader would read it, where PdfPig's words
    /// come line by line across the table), every run of white space made one space.
    /// </summary>
    private static List<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages()
            .Select(p => Regex.Replace(ContentOrderTextExtractor.GetText(p), @"\s+", " "))
            .ToList();
    }

    [Fact]
    public void Pdf_holds_the_pupil_every_subject_and_the_figures_in_French_format()
    {
        var pdf = BulletinPdf.Rendre(Exemple());
        var pages = Pages(pdf);
        var texte = string.Join(" ", pages);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.Contains("Éloïse Dupré-Lefèvre", pages[0], StringComparison.Ordinal);
        Assert.Contains("Seconde 1", pages[0], StringComparison.Ordinal);
        Assert.Contains("Lycée Jean-Baptiste-Say", pages[0], StringComparison.Ordinal);
        Assert.Contains("Bulletin du 1er trimestre", pages[0], StringComparison.Ordinal);
        Assert.Contains("Année scolaire 2026-2027", pages[0], StringComparison.Ordinal);
        Assert.Contains("Du 1er septembre 2026 au 29 novembre 2026", pages[0], StringComparison.Ordinal);

        // Each subject, in the report card's order.
        var position = -1;
        foreach (var matiere in Matieres)
        {
            var ici = texte.IndexOf(matiere, StringComparison.Ordinal);
            Assert.True(ici > position, $"« {matiere} » missing or out of order");
            position = ici;
        }

        // 12,50 for the first subject, 1,5 as a coefficient, « — » where the pupil has no average.
        Assert.Contains(" 12,50 ", texte, StringComparison.Ordinal);
        Assert.Contains(" 11,75 ", texte, StringComparison.Ordinal);
        Assert.Contains(" 19,50 ", texte, StringComparison.Ordinal);
        Assert.Contains(" 1,5 ", texte, StringComparison.Ordinal);
        Assert.Contains(" — ", texte, StringComparison.Ordinal);
        Assert.DoesNotContain("12.50", texte, StringComparison.Ordinal);

        // The general average line and what follows the table.
        Assert.Contains("Moyenne générale 13,42 11,87 6,05 17,90", texte, StringComparison.Ordinal);
        Assert.Contains("Appréciation générale du professeur principal", texte, StringComparison.Ordinal);
        Assert.Contains("gagner en autonomie", texte, StringComparison.Ordinal);
        Assert.Contains("Décision du conseil de classe Compliments du conseil de classe", texte, StringComparison.Ordinal);
        Assert.Contains("Édité le 15/12/2026 à 14:32", texte, StringComparison.Ordinal); // 13:32 UTC is 14:32 in Paris in December
    }

    [Fact]
    public void Long_pdf_breaks_pages_and_repeats_the_table_header()
    {
        var pages = Pages(BulletinPdf.Rendre(Exemple()));

        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1}/{pages.Count}", pages[i], StringComparison.Ordinal);
        }

        // The header row again at the top of the next page, before its first subject.
        Assert.StartsWith("(suite du tableau) Matière Enseignant", pages[1], StringComparison.Ordinal);
        var premiereMatiere = Matieres.Where(m => pages[1].Contains(m, StringComparison.Ordinal)).Min(m => pages[1].IndexOf(m, StringComparison.Ordinal));
        Assert.InRange(pages[1].IndexOf("Appréciation", StringComparison.Ordinal), 0, premiereMatiere);
        // No appraisal is cut by the page break: each one ends on the page it starts on.
        var fin = "en fin de cours.";
        Assert.Equal(11, pages.Sum(p => CountOf(p, fin)));
        Assert.All(pages, p => Assert.Equal(CountOf(p, "Trimestre sérieux"), CountOf(p, fin)));
    }

    [Fact]
    public void Short_pdf_fits_on_one_page_with_metadata()
    {
        using var document = PdfDocument.Open(BulletinPdf.Rendre(Exemple(matieres: 3, appreciation: "Bon travail.")));

        Assert.Equal(1, document.NumberOfPages);
        Assert.Equal("Bulletin du 1er trimestre 2026-2027 — Éloïse Dupré-Lefèvre", document.Information.Title);
        Assert.Equal("Lycée Jean-Baptiste-Say — Cité scolaire", document.Information.Author);
        Assert.True(document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out var langue));
        Assert.Equal("fr-FR", Assert.IsType<StringToken>(langue).Data);
    }

    [Fact]
    public void Pdf_renders_a_card_with_no_subject_and_no_average()
    {
        var vide = Exemple() with
        {
            Lignes = [],
            MoyenneGenerale = null,
            MoyenneGeneraleClasse = null,
            MinGenerale = null,
            MaxGenerale = null,
            AppreciationGenerale = null,
            Decision = null,
        };

        var texte = string.Join(" ", Pages(BulletinPdf.Rendre(vide)));

        Assert.Contains("Aucune matière sur la période.", texte, StringComparison.Ordinal);
        Assert.Contains("Moyenne générale — — — —", texte, StringComparison.Ordinal);
        Assert.DoesNotContain("Décision du conseil de classe", texte, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_wraps_a_word_wider_than_its_column_instead_of_overflowing()
    {
        var lien = "https://exemple.fr/" + new string('a', 300);
        var bulletin = Exemple(matieres: 1, appreciation: lien);

        var texte = string.Join("", Pages(BulletinPdf.Rendre(bulletin))).Replace(" ", "", StringComparison.Ordinal);

        Assert.Contains(lien, texte, StringComparison.Ordinal); // every character is there, over several lines
    }

    [Fact]
    public void Pdf_carries_a_row_taller_than_a_page_over_to_the_next_one()
    {
        var fleuve = string.Join(" ", Enumerable.Range(1, 120).Select(i => $"Phrase numéro {i} d'une appréciation sans fin."));
        var bulletin = Exemple(matieres: 2, appreciation: fleuve);

        var pages = Pages(BulletinPdf.Rendre(bulletin));
        var texte = string.Join(" ", pages);

        Assert.True(pages.Count >= 3, $"{pages.Count} page(s)");
        Assert.Contains("Phrase numéro 1 d'une", pages[0], StringComparison.Ordinal);
        Assert.Equal(2, CountOf(texte, "Phrase numéro 120 d'une appréciation sans fin."));
        Assert.Contains("Moyenne générale 13,42", texte, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_renders_from_several_threads_at_once()
    {
        // The font resolver is process-wide: requests rendering report cards at the same time must not trip on it.
        var pdfs = new byte[8][];
        Parallel.For(0, pdfs.Length, i => pdfs[i] = BulletinPdf.Rendre(Exemple(matieres: 4)));

        Assert.All(pdfs, pdf => Assert.Contains("Éloïse Dupré-Lefèvre", Pages(pdf)[0], StringComparison.Ordinal));
    }

    [Fact]
    public void Html_encodes_every_text_and_shows_the_figures()
    {
        var bulletin = Exemple(matieres: 4, appreciation: "<script>alert('x')</script> & « bien »") with
        {
            Eleve = "Éloïse <b>Dupré-Lefèvre</b>",
        };

        var html = BulletinHtml.Rendre(bulletin);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("Éloïse <b>Dupré-Lefèvre</b>"), html, StringComparison.Ordinal);

        var texte = WebUtility.HtmlDecode(html);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("<caption>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Appréciation</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Histoire-géographie<br>", texte, StringComparison.Ordinal);
        Assert.Contains("<td><strong>12,50</strong></td><td>11,75</td><td>4,00</td><td>19,50</td>", texte, StringComparison.Ordinal);
        Assert.Contains("<td>1,5</td>", texte, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Moyenne générale</th><td></td><td><strong>13,42</strong></td><td>11,87</td><td>6,05</td><td>17,90</td>", texte, StringComparison.Ordinal);
        Assert.Contains("Compliments du conseil de classe", texte, StringComparison.Ordinal);
        Assert.Contains("Édité le 15/12/2026 à 14:32", texte, StringComparison.Ordinal);
        Assert.DoesNotContain("style", html, StringComparison.OrdinalIgnoreCase); // the host's CSP has no 'unsafe-inline' for styles
    }

    [Theory]
    [InlineData("12.5", "12,50")]
    [InlineData("0", "0,00")]
    [InlineData("20", "20,00")]
    [InlineData("9.999", "10,00")]
    [InlineData(null, "—")]
    public void Averages_read_in_French(string? note, string attendu) =>
        Assert.Equal(attendu, BulletinFormat.Note(note is null ? null : decimal.Parse(note, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2", "2")]
    [InlineData("2.00", "2")]
    [InlineData("1.5", "1,5")]
    [InlineData("0.25", "0,25")]
    public void Coefficients_read_in_French(string coefficient, string attendu) =>
        Assert.Equal(attendu, BulletinFormat.Coefficient(decimal.Parse(coefficient, System.Globalization.CultureInfo.InvariantCulture)));

    private static int CountOf(string texte, string motif)
    {
        var n = 0;
        for (var i = texte.IndexOf(motif, StringComparison.Ordinal); i >= 0; i = texte.IndexOf(motif, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
