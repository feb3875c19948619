using System.Text.RegularExpressions;

namespace Ent.Identite.Connexion;

/// <summary>
/// Ent:Support — the établissement's (or the region's) help desk, shown at the bottom of the login page and of the error
/// pages: « Besoin d'aide ? Appelez le … (horaires) ». Each setting is optional; none set, nothing is shown.
/// </summary>
internal sealed partial class SupportOptions
{
    public const string Section = "Ent:Support";

    /// <summary>A phone number as people dial it, e.g. « 01 23 45 67 89 ».</summary>
    public string? Telephone { get; set; }

    /// <summary>When someone answers, in French, e.g. « du lundi au vendredi, 8 h – 18 h ».</summary>
    public string? Horaires { get; set; }

    /// <summary>An e-mail address.</summary>
    public string? Courriel { get; set; }

    public bool Affiche => !string.IsNullOrWhiteSpace(Telephone) || !string.IsNullOrWhiteSpace(Courriel);

    public bool Valide() =>
        (string.IsNullOrWhiteSpace(Telephone) || FormeTelephone().IsMatch(Telephone))
        && (string.IsNullOrWhiteSpace(Courriel) || FormeCourriel().IsMatch(Courriel))
        && (Horaires ?? string.Empty).Length <= 200
        && (string.IsNullOrWhiteSpace(Horaires) || Affiche);

    public const string Erreur =
        "Ent:Support : Telephone est un numéro (chiffres, espaces, +, points, tirets, parenthèses), Courriel une adresse électronique, " +
        "Horaires 200 caractères au plus et seulement avec un téléphone ou un courriel.";

    [GeneratedRegex(@"^\+?[0-9][0-9 .()\-]{2,28}[0-9]$")]
    private static partial Regex FormeTelephone();

    [GeneratedRegex(@"^[^@\s<>""]{1,64}@[^@\s<>""]{1,190}\.[^@\s<>""]{2,}$")]
    private static partial Regex FormeCourriel();
}
