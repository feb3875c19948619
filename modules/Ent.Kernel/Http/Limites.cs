using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Ent.Kernel.Http;

/// <summary>
/// The size of every string and list the API reads or writes, in one place: the OpenAPI document declares it
/// (maxLength, maxItems) and <see cref="LimitesFilter"/> enforces it on every request body of the modules' routes, so the
/// two never disagree. A property's own <c>[MaxLength]</c> / <c>[StringLength]</c> / <c>[Range]</c> wins; otherwise the
/// convention below, by property name, taken from the database's CHECK constraints or from the domain; otherwise
/// <see cref="TexteParDefaut"/> characters and <see cref="ListeParDefaut"/> items.
/// </summary>
public static class Limites
{
    /// <summary>A string the table does not know: free text of a request is refused beyond this.</summary>
    public const int TexteParDefaut = 1000;

    /// <summary>A list the table does not know: a request is refused beyond this many items.</summary>
    public const int ListeParDefaut = 500;

    /// <summary>ISO 8601 date and time with offset and fraction, with room to spare (System.Text.Json refuses longer).</summary>
    public const int DateHeure = 64;

    // Property name → maximum length. Source in the comment: a CHECK of the named column, or the domain.
    private static readonly Dictionary<string, int> Textes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Nom"] = 100, ["Prenom"] = 100,                       // domain: the national directories' names (≤ 100)
        ["Libelle"] = 200, ["MatiereLibelle"] = 200, ["MotifLibelle"] = 200, ["Matiere"] = 200, // libelle BETWEEN 1 AND 200
        ["Titre"] = 200,                                       // titre BETWEEN 1 AND 200
        ["NomOriginal"] = 200,                                 // nom_original BETWEEN 1 AND 200
        ["Code"] = 20, ["MatiereCode"] = 20, ["MotifCode"] = 40, // classe/matiere code ≤ 20; motif code ^[a-z_]{2,40}$
        ["CodeNational"] = 6,                                  // ^[0-9]{6}$
        ["Uai"] = 8,                                           // ^[0-9]{7}[A-Z]$
        ["Cours"] = 300, ["Salle"] = 40,                       // cours ≤ 300, salle ≤ 40
        ["Classe"] = 200, ["Etablissement"] = 200, ["Eleve"] = 201, ["Enseignant"] = 201, // a libelle, a nom; « Prénom Nom »
        ["Commentaire"] = 1000, ["Attestation"] = 1000, ["AppreciationGenerale"] = 1000, // ≤ 1000
        ["Appreciation"] = 600,                                // appreciation texte BETWEEN 1 AND 600
        ["Motif"] = 500, ["Raison"] = 500, ["RaisonRefus"] = 500, ["Erreur"] = 500, // ≤ 500
        ["Sujet"] = 255, ["Quoi"] = 100,                       // sujet ≤ 255, quoi BETWEEN 1 AND 100
        ["Email"] = 254,                                       // RFC 5321: a forward path holds at most 254 characters
        ["Mobile"] = 20,                                       // « +33 6 12 34 56 78 » as typed; E.164 (≤ 16) as stored
        ["Destinataire"] = 254,                                // an e-mail address or a mobile number
        ["Academie"] = 100, ["Commune"] = 100,                 // domain: the national directory of établissements
        ["Url"] = 2000, ["Lien"] = 2000,                       // https:// links and in-app paths
        ["Reference"] = 200,                                   // the SMS gateway's message id (checked ≤ 200)
        ["Secret"] = 64, ["Uri"] = 2000,                       // TOTP secret (Base32) and its otpauth:// URI
        ["CodesSecours"] = 20,                                 // one-time recovery codes
        ["Instance"] = 2000, ["Title"] = 200, ["Detail"] = 2000, ["Type"] = 100, // problem details
        ["AnneeScolaire"] = 9,                                 // « 2026-2027 »
        ["HeureSortie"] = 5, ["HeureRetour"] = 5,              // « HH:mm »
        ["Actuel"] = 256, ["Nouveau"] = 256,                   // passwords: long passphrases, not megabytes to hash
        ["Qui"] = 201, ["Qualite"] = 50, ["Application"] = 200, // « Prénom Nom », a role, a client_id ≤ 200
        ["Adresse"] = 254,                                     // an e-mail address, a phone number or an IP address
        ["Fonction"] = 100, ["Profil"] = 50, ["TypeContenu"] = 100,
        ["Description"] = 1000, ["Texte"] = 1000,              // notification texte ≤ 1000; others declare theirs
    };

    // Property name → maximum items.
    private static readonly Dictionary<string, int> Listes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CodesSecours"] = 20,
        ["Domaines"] = 5,                                      // domaine IN (five values)
        ["Periodes"] = 3,                                      // trimestres or semestres
        ["Profils"] = 10,
    };

    /// <summary>The maximum length of a string property.</summary>
    public static int LongueurMax(PropertyInfo property) =>
        property.GetCustomAttribute<MaxLengthAttribute>()?.Length
        ?? property.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength
        ?? (Textes.TryGetValue(property.Name, out var max) ? max : TexteParDefaut);

    /// <summary>The maximum length of a string known only by its JSON name (a query or route parameter).</summary>
    public static int LongueurMax(string nom) => Textes.TryGetValue(nom, out var max) ? max : TexteParDefaut;

    /// <summary>The maximum number of items of a list property.</summary>
    public static int ElementsMax(PropertyInfo property) =>
        property.GetCustomAttribute<MaxLengthAttribute>()?.Length
        ?? (Listes.TryGetValue(property.Name, out var max) ? max : ListeParDefaut);

    /// <summary>True when a list's bound comes from its attribute or the domain, not from the request default.</summary>
    public static bool ElementsMaxConnu(PropertyInfo property) =>
        property.GetCustomAttribute<MaxLengthAttribute>() is not null || Listes.ContainsKey(property.Name);

    /// <summary>The items of a list property's elements are strings of this length at most.</summary>
    public static int LongueurMaxElement(PropertyInfo property) =>
        Textes.TryGetValue(property.Name, out var max) ? max : TexteParDefaut;

    /// <summary>Checks a bound request (and the records it holds): every string and list within its limit. Adds one
    /// French error per field beyond it. A <c>[Range]</c> only documents the range its endpoint checks, with the
    /// endpoint's own message.</summary>
    /// <summary>The endpoint's own words for its limit (<c>[MaxLength(2, ErrorMessage = "…")]</c>), when it has some.</summary>
    private static string? MessagePropre(PropertyInfo property) => property.GetCustomAttribute<MaxLengthAttribute>()?.ErrorMessage;

    public static void Verifier(object? valeur, string prefixe, Erreurs erreurs, int profondeur = 0)
    {
        if (valeur is null || profondeur > 4)
        {
            return;
        }

        foreach (var property in Proprietes(valeur.GetType()))
        {
            var champ = prefixe + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var v = property.GetValue(valeur);
            switch (v)
            {
                case null:
                    break;
                case string s when s.Length > LongueurMax(property):
                    erreurs.Add(champ, MessagePropre(property) ?? $"Ce texte dépasse {LongueurMax(property)} caractères.");
                    break;
                case string:
                    break;
                case IFormFile:
                    break;
                case ICollection liste:
                    if (liste.Count > ElementsMax(property))
                    {
                        erreurs.Add(champ, MessagePropre(property) ?? $"Cette liste dépasse {ElementsMax(property)} éléments.");
                        break;
                    }

                    var i = 0;
                    foreach (var element in liste)
                    {
                        if (element is string t && t.Length > LongueurMaxElement(property))
                        {
                            erreurs.Add($"{champ}[{i}]", $"Ce texte dépasse {LongueurMaxElement(property)} caractères.");
                        }
                        else if (element is not null && EstRequete(element.GetType()))
                        {
                            Verifier(element, $"{champ}[{i}].", erreurs, profondeur + 1);
                        }

                        i++;
                    }

                    break;
                default:
                    if (EstRequete(v.GetType()))
                    {
                        Verifier(v, champ + ".", erreurs, profondeur + 1);
                    }

                    break;
            }
        }
    }

    /// <summary>A request record of Ent's modules (not a service, nor a framework type such as HttpContext).</summary>
    public static bool EstRequete(Type type) =>
        type.IsClass && type.Assembly.GetName().Name?.StartsWith("Ent.", StringComparison.Ordinal) == true
        && type.GetMethod("<Clone>$") is not null;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> Cache = new();

    private static PropertyInfo[] Proprietes(Type type) => Cache.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead).ToArray());
}

/// <summary>
/// Every request body of the modules' routes within the limits of <see cref="Limites"/>, before the endpoint runs:
/// beyond them the caller gets a French 400 naming the field, whatever the endpoint itself checks.
/// </summary>
public sealed class LimitesFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var erreurs = new Erreurs();
        foreach (var argument in context.Arguments)
        {
            if (argument is not null && Limites.EstRequete(argument.GetType()))
            {
                Limites.Verifier(argument, string.Empty, erreurs);
            }
        }

        return erreurs.Any ? erreurs.ToProblem() : await next(context);
    }
}
