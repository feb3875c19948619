using AngleSharp.Dom;
using Ganss.Xss;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// The rich text of the cahier de textes (a lesson's content, a homework's instructions), sanitised on the server with
/// HtmlSanitizer whatever the editor sent: a small safe subset of HTML (paragraphs, emphasis, lists, links, small
/// headings, quotes, code), no attribute but a link's address (http, https or mailto), no style, no script, no event
/// handler. What is stored is what this class returns, so no script typed by anyone ever reaches another person's browser.
/// </summary>
internal static class TexteRiche
{
    private static readonly HashSet<string> SansContenu = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "textarea", "select", "head", "title",
    };

    private static readonly HtmlSanitizer Nettoyeur = Creer();

    private static HtmlSanitizer Creer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code", "pre",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            AllowedCssProperties = new HashSet<string>(),
        };
        // Text pasted from a word processor comes in div and span: their text is kept, the tags dropped. What is no text
        // (a script, a style sheet, an embedded object) goes with everything inside it.
        var nettoyeur = new HtmlSanitizer(options) { KeepChildNodes = true };
        nettoyeur.RemovingTag += (_, e) =>
        {
            if (SansContenu.Contains(e.Tag.LocalName))
            {
                e.Tag.InnerHtml = string.Empty;
            }
        };
        // A link leaves the ENT in a new tab that cannot reach back to it (window.opener) nor learn where it came from.
        nettoyeur.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } lien)
            {
                lien.SetAttribute("rel", "noopener noreferrer");
                lien.SetAttribute("target", "_blank");
            }
        };
        return nettoyeur;
    }

    /// <summary>The safe HTML of what was sent (an empty string for nothing but blanks).</summary>
    public static string Nettoyer(string? html) =>
        string.IsNullOrWhiteSpace(html) ? string.Empty : Nettoyeur.Sanitize(html).Trim();

    /// <summary>True when the safe HTML shows no text at all (e.g. « &lt;p&gt;&lt;br&gt;&lt;/p&gt; »).</summary>
    public static bool EstVide(string html) =>
        string.IsNullOrWhiteSpace(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>|&nbsp;", " "));
}
