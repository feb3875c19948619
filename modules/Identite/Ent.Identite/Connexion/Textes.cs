using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ent.Identite.Connexion;

/// <summary>
/// The words of the server's pages, one catalogue per language (<c>Connexion/Textes/{fr,en,ar}.json</c>, embedded), keyed
/// by stable ids; placeholders are <c>{0}</c>, <c>{1}</c>. Values are plain text (no markup: the pages put links and
/// emphasis around them) and are encoded where they go into an attribute; a value missing from a translation falls
/// back to French, though the tests require every catalogue to have every key.
/// </summary>
internal sealed class Textes
{
    public static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Catalogues =
        Langues.Toutes.ToFrozenDictionary(l => l.Code, l => Charger(l.Code));

    private readonly FrozenDictionary<string, string> valeurs;

    private Textes(string langue)
    {
        Langue = langue;
        valeurs = Catalogues[langue];
    }

    private static readonly FrozenDictionary<string, Textes> ParLangue = Langues.Toutes.ToFrozenDictionary(l => l.Code, l => new Textes(l.Code));

    public string Langue { get; }

    /// <summary>The words for the page being rendered (<see cref="Langues.De"/>).</summary>
    public static Textes De(HttpContext http) => ParLangue[Langues.De(http)];

    public static Textes Pour(string langue) => ParLangue[Langues.Connue(langue) ? langue : Langues.Francais];

    public string this[string cle] => valeurs.TryGetValue(cle, out var valeur) ? valeur : Catalogues[Langues.Francais][cle];

    public bool Existe(string cle) => valeurs.ContainsKey(cle);

    /// <summary>A text with its placeholders filled (the arguments as given: encode them first if they go into markup).</summary>
    public string F(string cle, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, this[cle], arguments);

    /// <summary>The text, HTML-encoded (for an attribute, or where a value could hold « &lt; »).</summary>
    public string E(string cle) => Pages.E(this[cle]);

    private static FrozenDictionary<string, string> Charger(string langue)
    {
        using var flux = typeof(Textes).Assembly.GetManifestResourceStream($"Ent.Identite.Connexion.Textes.{langue}.json")
                         ?? throw new InvalidOperationException($"The catalogue of the pages in « {langue} » is not embedded.");
        return (JsonSerializer.Deserialize<Dictionary<string, string>>(flux)
                ?? throw new InvalidOperationException($"The catalogue « {langue} » is empty.")).ToFrozenDictionary();
    }
}
