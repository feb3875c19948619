using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ent.Communication.Moderation;

/// <summary>
/// The établissement named by {uai} for its messaging's administrators (its head and local administrators): 400 for a
/// malformed UAI; 404 alike for an unknown établissement and for anyone else, so that nobody learns more than they may.
/// </summary>
internal static class AdministrationMessagerie
{
    public sealed record Acces(EtablissementInfo? Etablissement, Guid PersonneId, ValidationProblem? Invalide, ProblemHttpResult? Introuvable);

    public static async Task<Acces> ResoudreAsync(string uai, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return new Acces(null, Guid.Empty, null, Problemes.SansPersonne());
        }

        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return new Acces(null, personneId, invalide, null);
        }

        if (route.Etablissement is not { } etablissement || !await regles.PeutAdministrerAsync(personneId, etablissement.Id, ct))
        {
            return new Acces(null, personneId, null, Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}."));
        }

        return new Acces(etablissement, personneId, null, null);
    }

    /// <summary>400 for a profile code messaging does not know.</summary>
    public static ValidationProblem? ProfilInvalide(string profil) =>
        Conversations.ProfilsMessagerie.Tous.Contains(profil)
            ? null
            : new Erreurs().Add("profil", "Le profil est eleve, responsable, enseignant, cpe, direction ou personnel.").ToProblem();

    /// <summary>The reason given, trimmed, or the field's error.</summary>
    public static string? Motif(string? motif, Erreurs erreurs)
    {
        var m = motif?.Trim();
        if (string.IsNullOrEmpty(m))
        {
            erreurs.Add("motif", "Indiquez la raison : elle est montrée aux personnes concernées.");
        }
        else if (m.Length > 500)
        {
            erreurs.Add("motif", "La raison fait 500 caractères au plus.");
        }

        return m;
    }
}
