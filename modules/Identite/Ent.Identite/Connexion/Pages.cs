using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ent.Identite.Connexion;

/// <summary>
/// The few pages the server itself renders (login, consent), in the product's look: plain HTML and one stylesheet,
/// no script, so they work on any phone and under the strict CSP. Every value is HTML-encoded.
/// </summary>
internal static class Pages
{
    public const string Feuille = "/connexion/style.css";

    // Accented letters stay as they are (the page is UTF-8); markup characters and quotes are encoded.
    private static readonly HtmlEncoder Encodeur = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string E(string? value) => Encodeur.Encode(value ?? string.Empty);

    /// <summary>The error at the top of a form, announced by screen readers; the fields point to it with aria-describedby.</summary>
    public static string Alerte(string? erreur) =>
        erreur is null ? string.Empty : $"""<p class="erreur" role="alert" id="erreur">{E(erreur)}</p>""";

    /// <summary>
    /// A page in the reader's language (<see cref="Langues.De"/>): <c>lang</c>, <c>dir</c>, the language picker in the
    /// header; the help desk (<see cref="SupportOptions"/>) at the bottom when <paramref name="support"/> is asked, or
    /// the page is an error (status 400 and above). Rendered when the result runs, so the frame reads the request itself.
    /// </summary>
    public static IResult Html(string titre, string contenu, int status = 200, bool support = false) =>
        new Page(titre, contenu, status, support || status >= 400);

    private sealed class Page(string titre, string contenu, int status, bool support) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var langue = Langues.De(http);
            var t = Textes.Pour(langue);
            var dir = Langues.DroiteAGauche(langue) ? " dir=\"rtl\"" : string.Empty;
            var aide = support ? Support(http, t) : string.Empty;
            return Results.Content($"""
                <!doctype html>
                <html lang="{langue}"{dir}>
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <meta name="color-scheme" content="light">
                  <title>{E(titre)} — Ent</title>
                  <link rel="stylesheet" href="{Feuille}">
                  <link rel="icon" type="image/svg+xml" href="/favicon.svg">
                </head>
                <body>
                  <header><a class="marque" href="/">Ent</a> <span>{t["cadre.sousTitre"]}</span>
                {Selecteur(http, langue, t)}
                  </header>
                  <main>
                    <h1>{E(titre)}</h1>
                {contenu}
                  </main>{aide}
                </body>
                </html>
                """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status).ExecuteAsync(http);
        }
    }

    /// <summary>Three plain links (no script: the CSP forbids it), each language named in itself.</summary>
    private static string Selecteur(HttpContext http, string courante, Textes t)
    {
        var liens = Langues.Toutes.Select(l =>
        {
            var actuelle = l.Code == courante ? " aria-current=\"true\"" : string.Empty;
            return $"<li><a href=\"{E(Langues.Adresse(http, l.Code))}\" lang=\"{l.Code}\" hreflang=\"{l.Code}\"{actuelle}>{E(l.Nom)}</a></li>";
        });
        return $"    <nav class=\"langues\" aria-label=\"{t.E("cadre.langues")}\"><ul>{string.Concat(liens)}</ul></nav>";
    }

    private static string Support(HttpContext http, Textes t)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<SupportOptions>>().Value;
        if (!options.Affiche)
        {
            return string.Empty;
        }

        var morceaux = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Telephone))
        {
            var numero = options.Telephone.Trim();
            var lien = $"""<a href="tel:{E(new string([.. numero.Where(c => char.IsAsciiDigit(c) || c == '+')]))}" dir="ltr">{E(numero)}</a>""";
            morceaux.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["support.telephone"], lien)
                         + (string.IsNullOrWhiteSpace(options.Horaires) ? string.Empty : " " + string.Format(System.Globalization.CultureInfo.InvariantCulture, t["support.horaires"], E(options.Horaires.Trim()))));
        }

        if (!string.IsNullOrWhiteSpace(options.Courriel))
        {
            var courriel = options.Courriel.Trim();
            morceaux.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, t["support.courriel"],
                $"""<a href="mailto:{E(courriel)}" dir="ltr">{E(courriel)}</a>"""));
        }

        return $"""

              <footer class="support"><p><strong>{t["support.titre"]}</strong> {string.Join(" ", morceaux)}</p></footer>
            """;
    }

    public const string Css = """
        *{box-sizing:border-box}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#f5f5f5}
        header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.75rem;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #767676}
        .marque{font-size:1.5rem;font-weight:700;color:#000091;text-decoration:none}
        main{max-width:28rem;margin-inline:auto;margin-block:0;padding:1rem;text-align:start}
        h1{font-size:1.5rem;margin:.5rem 0 1rem}
        form{display:flex;flex-direction:column;gap:1rem;background:#fff;border:1px solid #767676;border-radius:.5rem;padding:1rem}
        label{font-weight:600;display:block;margin-bottom:.25rem}
        input[type=text],input[type=password],input[type=email],input[type=tel]{width:100%;font-size:1rem;padding:.625rem;border:1px solid #3a3a3a;border-radius:.25rem}
        button{font-size:1rem;padding:.75rem 1rem;border:0;border-radius:.25rem;background:#000091;color:#fff;font-weight:600;cursor:pointer}
        button.secondaire,.bouton.secondaire{background:#fff;color:#000091;border:1px solid #000091}
        .bouton{display:block;text-align:center;font-size:1rem;padding:.75rem 1rem;border-radius:.25rem;background:#000091;color:#fff;font-weight:600;text-decoration:none}
        .ou{text-align:center;margin:1rem 0}
        fieldset{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:.5rem}
        legend{font-weight:600;margin-bottom:.5rem}
        .choix{display:flex;gap:.5rem;align-items:center}
        .choix label{margin:0}
        input[type=checkbox]{width:1.5rem;height:1.5rem;margin:0}
        :focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
        .erreur{border-inline-start:4px solid #ce0500;background:#fff;padding:.75rem;margin:0 0 1rem;color:#ce0500}
        .aide{color:#3a3a3a;font-size:.9rem}
        ul{padding-inline-start:1.25rem}
        .langues{margin-inline-start:auto}
        .langues ul{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;margin:0;padding:0}
        .langues a{color:#000091}
        .langues a[aria-current]{font-weight:700;text-decoration:none}
        .support{max-width:28rem;margin:0 auto;padding:0 1rem 1rem;text-align:start}
        .support a{color:#000091}
        code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;word-break:break-all;background:#fff;padding:0 .25rem}
        .codes{list-style:none;padding:0;font-size:1.125rem}
        a.bouton{display:inline-block;padding:.75rem 1rem;border-radius:.25rem;background:#000091;color:#fff;font-weight:600;text-decoration:none}
        """;
}
