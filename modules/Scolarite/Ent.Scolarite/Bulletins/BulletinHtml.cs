using System.Globalization;
using System.Text;
using static System.Net.WebUtility;

namespace Ent.Scolarite.Bulletins;

/// <summary>
/// A report card as a standalone, printable HTML page: the same content as the PDF, for screen readers and for
/// browsers. The host's CSP (<c>style-src 'self'</c>, no inline script) forbids inline styles, so the page has none:
/// the markup carries the meaning (a captioned table with row and column headers) and the browser's defaults the
/// looks; <c>border="1"</c> on the table is HTML, not CSS, and keeps the grid when printed.
/// </summary>
internal static class BulletinHtml
{
    public static string Rendre(Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var b = bulletin;
        var titre = BulletinFormat.Titre(b);
        var html = new StringBuilder(8 * 1024);

        html.Append($"""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(titre)} {E(b.AnneeScolaire)} — {E(b.Eleve)}</title>
            </head>
            <body>
            <header>
            <p><strong>{E(b.Etablissement)}</strong><br>Année scolaire {E(b.AnneeScolaire)}</p>
            <h1>{E(titre)}</h1>
            <p>{E(BulletinFormat.Dates(b))}</p>
            <dl>
            <dt>Élève</dt><dd>{E(b.Eleve)}</dd>
            <dt>Classe</dt><dd>{E(b.Classe)}</dd>
            </dl>
            </header>
            <main>
            <table border="1">
            <caption>Résultats par matière, moyennes sur 20 (« {BulletinFormat.SansNote} » : pas de moyenne sur la période)</caption>
            <thead>
            <tr><th scope="col">Matière et enseignant</th><th scope="col">Coef.</th><th scope="col">Moyenne élève</th><th scope="col">Moyenne classe</th><th scope="col">Min</th><th scope="col">Max</th><th scope="col">Appréciation</th></tr>
            </thead>
            <tbody>

            """);

        foreach (var l in b.Lignes)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><th scope=\"row\">{E(l.Matiere)}<br><small>{E(l.Enseignant)}</small></th>" +
                $"<td>{BulletinFormat.Coefficient(l.Coefficient)}</td><td><strong>{BulletinFormat.Note(l.Moyenne)}</strong></td>" +
                $"<td>{BulletinFormat.Note(l.MoyenneClasse)}</td><td>{BulletinFormat.Note(l.Min)}</td><td>{BulletinFormat.Note(l.Max)}</td>" +
                $"<td>{Paragraphe(l.Appreciation)}</td></tr>\n");
        }

        html.Append($"""
            </tbody>
            <tfoot>
            <tr><th scope="row">Moyenne générale</th><td></td><td><strong>{BulletinFormat.Note(b.MoyenneGenerale)}</strong></td><td>{BulletinFormat.Note(b.MoyenneGeneraleClasse)}</td><td>{BulletinFormat.Note(b.MinGenerale)}</td><td>{BulletinFormat.Note(b.MaxGenerale)}</td><td></td></tr>
            </tfoot>
            </table>

            """);

        if (!string.IsNullOrWhiteSpace(b.AppreciationGenerale))
        {
            html.Append($"""
                <section aria-labelledby="appreciation-generale">
                <h2 id="appreciation-generale">Appréciation générale du professeur principal</h2>
                <p>{Paragraphe(b.AppreciationGenerale)}</p>
                </section>

                """);
        }

        if (!string.IsNullOrWhiteSpace(b.Decision))
        {
            html.Append($"""
                <section aria-labelledby="decision">
                <h2 id="decision">Décision du conseil de classe</h2>
                <p>{Paragraphe(b.Decision)}</p>
                </section>

                """);
        }

        var editeLe = DateTime.SpecifyKind(b.EditeLe, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        html.Append($"""
            </main>
            <footer>
            <p><time datetime="{editeLe}">{E(BulletinFormat.EditeLe(b.EditeLe))}</time></p>
            </footer>
            </body>
            </html>

            """);
        return html.ToString();
    }

    private static string E(string texte) => HtmlEncode(texte);

    /// <summary>Encoded text whose line breaks stay line breaks.</summary>
    private static string Paragraphe(string? texte) =>
        texte is null ? "" : string.Join("<br>", texte.Trim().ReplaceLineEndings("\n").Split('\n').Select(HtmlEncode));
}
