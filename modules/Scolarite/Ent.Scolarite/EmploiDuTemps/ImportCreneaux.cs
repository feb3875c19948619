using System.Globalization;
using System.Text;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>
/// Reads a timetable exported as CSV, one line per weekly slot, columns in this order:
/// <c>jour;debut;fin;classe_ou_groupe;matiere;enseignant;salle;semaine;du;au</c>
/// <list type="bullet">
/// <item>jour: lundi … samedi (a capital, « Lun », accents or not), or 1 … 6;</item>
/// <item>debut, fin: 08:00, 8h, 8h30;</item>
/// <item>classe_ou_groupe: the code of a class or group of the current year (2NDE1, ESP2);</item>
/// <item>matiere: the subject's code (MATHS) or name (Mathématiques);</item>
/// <item>enseignant: the teacher as the directory names them, « NOM Prénom » or « Prénom NOM » (what EDT and UnDeuxTemps
///   print), or the surname alone, « M. NOM », when it is enough among the class's teachers of the subject; empty when the
///   class has one teacher of the subject;</item>
/// <item>salle, semaine (A, B or empty), du, au (2026-09-01 or 01/09/2026): optional.</item>
/// </list>
/// A first line starting with « jour » is a header. The separator is « ; » or « , » (the first line says which), a field
/// may be quoted ("…"); UTF-8 with or without BOM, else Windows-1252/Latin-1 (what a spreadsheet saves). Every error names
/// its line. Pure: the endpoint gives it the établissement's timetable (<see cref="GrilleEtablissement"/>).
/// </summary>
internal static class ImportCreneaux
{
    public const string Entete = "jour;debut;fin;classe_ou_groupe;matiere;enseignant;salle;semaine;du;au";

    /// <summary>At most this many errors are listed; the rest are counted.</summary>
    public const int ErreursMax = 100;

    /// <summary>A line read: its number in the file and its slot, ready to check.</summary>
    public sealed record LigneLue(int Numero, Occupation Creneau);

    /// <summary>The text of a file: UTF-8 (its BOM dropped), or Windows-1252/Latin-1 when it is not valid UTF-8.</summary>
    public static string Decoder(byte[] octets)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(octets).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(octets);
        }
    }

    /// <summary>
    /// The slots of the file, each checked against the établissement's services and the period replaced
    /// (<paramref name="du"/>–<paramref name="au"/>: a line without dates holds for the whole period; with dates, they must lie
    /// within it), and against the other lines (no overlap); or the errors, « Ligne 12 : … ».
    /// </summary>
    public static (List<LigneLue> Lignes, List<string> Erreurs) Lire(string texte, GrilleEtablissement grille, DateOnly du, DateOnly au)
    {
        var lignes = new List<LigneLue>();
        var erreurs = new List<string>();
        var brutes = texte.Split('\n');
        var separateur = ';';
        var premiere = true;
        for (var i = 0; i < brutes.Length; i++)
        {
            var numero = i + 1;
            var brute = brutes[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(brute))
            {
                continue;
            }

            if (premiere)
            {
                separateur = brute.Contains(';') ? ';' : ',';
                premiere = false;
                if (Normaliser(Champs(brute, separateur)[0]) == "jour")
                {
                    continue;
                }
            }

            var champs = Champs(brute, separateur);
            string? Erreur(string message) => $"Ligne {numero} : {message}";
            if (champs.Count < 5)
            {
                erreurs.Add(Erreur($"{champs.Count} colonne(s) lue(s), il en faut au moins 5 ({Entete}).")!);
                continue;
            }

            string Champ(int n) => n < champs.Count ? champs[n].Trim() : "";
            var messages = new List<string>();
            var jour = Jour(Champ(0));
            if (jour is null)
            {
                messages.Add($"le jour « {Champ(0)} » n'est pas reconnu (lundi … samedi, ou 1 … 6)");
            }

            var debut = GrilleEtablissement.LireHeure(Champ(1));
            var fin = GrilleEtablissement.LireHeure(Champ(2));
            if (debut is null)
            {
                messages.Add($"l'heure de début « {Champ(1)} » n'est pas reconnue (par exemple 08:00 ou 8h)");
            }

            if (fin is null)
            {
                messages.Add($"l'heure de fin « {Champ(2)} » n'est pas reconnue (par exemple 08:55 ou 8h55)");
            }
            else if (debut is not null && fin <= debut)
            {
                messages.Add("l'heure de fin doit suivre l'heure de début");
            }

            var service = Service(grille, Champ(3), Champ(4), Champ(5), messages);
            var salle = Champ(6).Length == 0 ? null : Champ(6);
            if (salle is { Length: > 40 })
            {
                messages.Add("le nom de la salle fait 40 caractères au plus");
            }

            var semaine = Champ(7).ToUpperInvariant() switch
            {
                "" => "",
                "A" or "SEMAINE A" or "SA" => "A",
                "B" or "SEMAINE B" or "SB" => "B",
                _ => null,
            };
            if (semaine is null)
            {
                messages.Add($"la semaine « {Champ(7)} » vaut A, B, ou rien (toutes les semaines)");
            }

            var valideDu = Champ(8).Length == 0 ? du : Date(Champ(8));
            var valideAu = Champ(9).Length == 0 ? au : Date(Champ(9));
            if (valideDu is null || valideAu is null)
            {
                messages.Add("les dates de validité s'écrivent 2026-09-01 ou 01/09/2026");
            }
            else if (valideDu < du || valideAu > au)
            {
                messages.Add($"les dates de validité sortent de la période importée (du {du:dd/MM/yyyy} au {au:dd/MM/yyyy})");
            }
            else if (valideAu < valideDu)
            {
                messages.Add("la fin de validité doit suivre son début");
            }

            if (messages.Count > 0)
            {
                erreurs.Add(Erreur(string.Join(" ; ", messages))!);
                continue;
            }

            var creneau = new Occupation(Guid.CreateVersion7(), service!.Id, (short)jour!.Value, debut!.Value, fin!.Value, salle,
                semaine!.Length == 0 ? null : semaine, valideDu!.Value, valideAu!.Value);
            if (lignes.FirstOrDefault(l => grille.Conflit(creneau, l.Creneau) is not null) is { } autre)
            {
                erreurs.Add(Erreur($"ce créneau chevauche celui de la ligne {autre.Numero} ({grille.Decrire(autre.Creneau)}) : " +
                                   $"{grille.Conflit(creneau, autre.Creneau)}")!);
                continue;
            }

            lignes.Add(new LigneLue(numero, creneau));
        }

        if (premiere)
        {
            erreurs.Add($"Le fichier est vide : une ligne par créneau, colonnes {Entete}.");
        }

        return (lignes, erreurs);
    }

    /// <summary>The service named by a line: the class or group, the subject, then the teacher among its teachers.</summary>
    private static ServiceEdt? Service(GrilleEtablissement grille, string division, string matiere, string enseignant, List<string> messages)
    {
        var code = division.ToUpperInvariant();
        var deLaDivision = grille.Services.Values.Where(s => s.Division.Equals(code, StringComparison.OrdinalIgnoreCase)).ToList();
        if (division.Length == 0 || deLaDivision.Count == 0)
        {
            messages.Add(division.Length == 0
                ? "indiquez la classe ou le groupe"
                : $"aucune classe ni aucun groupe « {division} » n'a de service d'enseignement cette année");
            return null;
        }

        var cle = Normaliser(matiere);
        var candidats = deLaDivision.Where(s => Normaliser(s.MatiereCode) == cle || Normaliser(s.MatiereLibelle) == cle).ToList();
        if (candidats.Count == 0)
        {
            messages.Add($"{code} n'a pas de service de la matière « {matiere} »");
            return null;
        }

        var libelle = candidats[0].MatiereLibelle;
        if (enseignant.Length == 0)
        {
            if (candidats.Count == 1)
            {
                return candidats[0];
            }

            messages.Add($"plusieurs enseignants enseignent {libelle} en {code} : indiquez lequel");
            return null;
        }

        var mots = Mots(enseignant);
        var trouves = candidats.Where(s => grille.Enseignants.TryGetValue(s.EnseignantId, out var p)
                                           && (Mots($"{p.Nom} {p.Prenom}").SetEquals(mots) || Mots(p.Nom).SetEquals(mots))).ToList();
        if (trouves.Count == 1)
        {
            return trouves[0];
        }

        var qui = string.Join(", ", candidats.Select(s => grille.Enseignants.TryGetValue(s.EnseignantId, out var p) ? $"{p.Nom} {p.Prenom}" : "?"));
        messages.Add(trouves.Count == 0
            ? $"l'enseignant « {enseignant} » n'enseigne pas {libelle} en {code} (selon les services : {qui})"
            : $"« {enseignant} » désigne plusieurs enseignants de {libelle} en {code} : écrivez le nom et le prénom");
        return null;
    }

    /// <summary>The words of a name, without accents, case, civility nor initials: « M. DUPONT J. » → {dupont}.</summary>
    private static HashSet<string> Mots(string nom) =>
        [.. Normaliser(nom).Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Where(m => m is not ("m." or "m" or "mme" or "mme." or "mlle" or "mlle." or "mr" or "mr.") && !(m.Length <= 2 && m.EndsWith('.')))];

    /// <summary>Lower case, accents dropped, spaces trimmed.</summary>
    public static string Normaliser(string texte)
    {
        var decompose = texte.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decompose.Length);
        foreach (var c in decompose)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>lundi … samedi (or their first three letters), or 1 … 6.</summary>
    public static int? Jour(string texte)
    {
        var t = Normaliser(texte);
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n is >= 1 and <= 6 ? n : null;
        }

        if (t.Length < 3)
        {
            return null;
        }

        var i = Array.FindIndex(GrilleEtablissement.NomsJours, j => j.StartsWith(t.TrimEnd('.'), StringComparison.Ordinal));
        return i is >= 0 and <= 5 ? i + 1 : null;
    }

    private static DateOnly? Date(string texte) =>
        DateOnly.TryParseExact(texte.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;

    /// <summary>The fields of a line; a field in double quotes may hold the separator, and "" for a quote.</summary>
    public static List<string> Champs(string ligne, char separateur)
    {
        var champs = new List<string>();
        var courant = new StringBuilder();
        var entreGuillemets = false;
        for (var i = 0; i < ligne.Length; i++)
        {
            var c = ligne[i];
            if (entreGuillemets)
            {
                if (c == '"' && i + 1 < ligne.Length && ligne[i + 1] == '"')
                {
                    courant.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    entreGuillemets = false;
                }
                else
                {
                    courant.Append(c);
                }
            }
            else if (c == '"')
            {
                entreGuillemets = true;
            }
            else if (c == separateur)
            {
                champs.Add(courant.ToString());
                courant.Clear();
            }
            else
            {
                courant.Append(c);
            }
        }

        champs.Add(courant.ToString());
        return champs;
    }
}
