using System.Globalization;
using System.Text;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Ent.Communication.Conversations;

/// <summary>
/// GET /api/communication/me/messagerie/destinataires — whom I may write to: exactly what the rules of my établissements
/// allow (the server checks the same when I send), people and groups; <c>q</c> filters by name. Nothing when my
/// messaging is suspended.
/// </summary>
internal static class ListerDestinatairesEndpoint
{
    /// <summary>Someone I may write to.</summary>
    /// <param name="Id">The person.</param>
    /// <param name="Nom">« Prénom Nom ».</param>
    /// <param name="Profil">eleve, responsable, enseignant, cpe, direction or personnel.</param>
    /// <param name="Qualite">How they stand to me: « Mathématiques (Léa) », « CPE (vie scolaire) »…</param>
    /// <param name="EtablissementId">Their établissement.</param>
    internal sealed record DestinatairePossible(Guid Id, string Nom, string Profil, [property: System.ComponentModel.DataAnnotations.MaxLength(1000)] string Qualite,
        Guid EtablissementId);

    /// <summary>A group I may write to at once.</summary>
    /// <param name="Id">Its id, to send.</param>
    /// <param name="Libelle">« Familles de Seconde 1 ».</param>
    /// <param name="Nombre">How many people it reaches.</param>
    /// <param name="EtablissementId">Its établissement.</param>
    internal sealed record GroupePossible(string Id, string Libelle, int Nombre, Guid EtablissementId);

    /// <summary>Whom I may write to.</summary>
    /// <param name="Personnes">People matching q (100 at most), by name.</param>
    /// <param name="Groupes">Groups matching q.</param>
    /// <param name="Tronque">True when more people match than listed: refine q.</param>
    internal sealed record DestinatairesPossibles(DestinatairePossible[] Personnes, GroupePossible[] Groupes, bool Tronque);

    private const int Max = 100;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/messagerie/destinataires", Handle)
        .WithName("ListerDestinatairesPossibles")
        .WithSummary("Les personnes et groupes à qui les règles de mes établissements me permettent d'écrire.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<DestinatairesPossibles>, ValidationProblem, ProblemHttpResult>> Handle(
        string? q, ICurrentUser utilisateur, ReglesMessagerie regles, CancellationToken ct)
    {
        if (q is { Length: > 100 })
        {
            return new Erreurs().Add("q", "La recherche fait 100 caractères au plus.").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var mots = Simplifier(q ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool Correspond(string texte)
        {
            var t = Simplifier(texte);
            return mots.All(m => t.Contains(m, StringComparison.Ordinal));
        }

        var etats = await regles.EtatsAsync(personneId, avecDestinataires: true, ct);
        var personnes = etats
            .SelectMany(e => e.Possibles.Personnes.Values.Select(p => new DestinatairePossible(p.Id, $"{p.Prenom} {p.Nom}", p.Profil, p.Qualite, e.EtablissementId)))
            .Where(p => Correspond($"{p.Nom} {p.Qualite}"))
            // The desk and the direction first, then the other staff and the teachers: the few a family or a teacher
            // writes to most; a teacher's pupils and families after them (and in groups).
            .OrderBy(p => p.Profil switch
            {
                ProfilsMessagerie.Cpe or ProfilsMessagerie.Direction => 0,
                ProfilsMessagerie.Personnel => 1,
                ProfilsMessagerie.Enseignant => 2,
                _ => 3,
            })
            .ThenBy(p => p.Nom, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), CompareOptions.IgnoreCase))
            .ToList();
        var groupes = etats
            .SelectMany(e => e.Possibles.Groupes.Select(g => new GroupePossible(g.Id, g.Libelle, g.Membres.Length, e.EtablissementId)))
            .Where(g => Correspond(g.Libelle))
            .ToArray();
        return TypedResults.Ok(new DestinatairesPossibles([.. personnes.Take(Max)], groupes, personnes.Count > Max));
    }

    /// <summary>Lower case without accents: « Hélène » is found by « helene ».</summary>
    private static string Simplifier(string texte)
    {
        var decompose = texte.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decompose.Length);
        foreach (var c in decompose)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
