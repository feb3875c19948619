using System.Text.RegularExpressions;
using Ent.Identite.Connexion;
using Microsoft.AspNetCore.Http;

namespace Ent.Identite.Tests.Langues;

/// <summary>The catalogues of the server's pages (issue 19): complete, with the same placeholders, really translated.</summary>
public sealed partial class CataloguesTests
{
    // Values that may stay as in French: names. None today; a translator adds the key here with the reason.
    private static readonly HashSet<string> Noms = [];

    [Fact]
    public void Every_language_has_exactly_the_french_keys()
    {
        var francais = Textes.Catalogues[Connexion.Langues.Francais];
        foreach (var (langue, catalogue) in Textes.Catalogues)
        {
            Assert.True(francais.Keys.Order().SequenceEqual(catalogue.Keys.Order()),
                $"« {langue} » : manquent {string.Join(", ", francais.Keys.Except(catalogue.Keys))} ; en trop {string.Join(", ", catalogue.Keys.Except(francais.Keys))}");
        }
    }

    [Fact]
    public void Every_translation_has_the_same_placeholders_no_markup_and_differs_from_french()
    {
        var francais = Textes.Catalogues[Connexion.Langues.Francais];
        foreach (var (langue, catalogue) in Textes.Catalogues.Where(c => c.Key != Connexion.Langues.Francais))
        {
            foreach (var (cle, valeur) in catalogue)
            {
                Assert.Equal(Trous(francais[cle]), Trous(valeur));
                Assert.False(valeur.Contains('<', StringComparison.Ordinal) || valeur.Contains('>', StringComparison.Ordinal), $"{langue}/{cle} : pas de balise");
                Assert.True(Noms.Contains(cle) || valeur != francais[cle], $"{langue}/{cle} n'est pas traduit");
                Assert.False(string.IsNullOrWhiteSpace(valeur), $"{langue}/{cle} est vide");
            }
        }
    }

    [Fact]
    public void Arabic_is_written_right_to_left_and_the_others_left_to_right()
    {
        Assert.True(Connexion.Langues.DroiteAGauche("ar"));
        Assert.False(Connexion.Langues.DroiteAGauche("fr"));
        Assert.False(Connexion.Langues.DroiteAGauche("en"));
        Assert.Equal(Textes.Catalogues.Keys.Order(), Connexion.Langues.Toutes.Select(l => l.Code).Order());
    }

    [Theory]
    [InlineData("//mechant.example/connexion")]
    [InlineData("/\\mechant.example")]
    [InlineData("/connexion\t/x")]
    public void The_pickers_address_is_never_another_site(string chemin)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = new PathString(chemin);
        http.Request.QueryString = new QueryString("?ReturnUrl=https%3A%2F%2Fmechant.example&langue=en");

        // Either the home page, or the same path with its dangerous characters percent-encoded: a local path either way.
        var adresse = Connexion.Langues.Adresse(http, "ar");
        Assert.StartsWith("/", adresse, StringComparison.Ordinal);
        Assert.False(adresse.StartsWith("//", StringComparison.Ordinal));
        Assert.DoesNotContain('\\', adresse);
        Assert.DoesNotContain(adresse, char.IsControl);
        Assert.False(Uri.TryCreate(adresse, UriKind.Absolute, out var absolue) && absolue.Scheme is "http" or "https");
    }

    [Fact]
    public void The_pickers_address_keeps_the_path_and_the_other_parameters()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = new PathString("/connect/authorize");
        http.Request.QueryString = new QueryString("?client_id=spa&langue=en&state=a%26b");

        Assert.Equal("/connect/authorize?client_id=spa&state=a%26b&langue=ar", Connexion.Langues.Adresse(http, "ar"));
        Assert.Equal("/connect/authorize?client_id=spa&state=a%26b", Connexion.Langues.Adresse(http, null));
    }

    private static string[] Trous(string valeur) => [.. Trou().Matches(valeur).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[0-9]+\}")]
    private static partial Regex Trou();
}
