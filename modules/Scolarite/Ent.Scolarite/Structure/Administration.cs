using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ent.Scolarite.Structure;

/// <summary>
/// The établissement named by a route's {uai}, when the caller administers it (its head or a local administrator, as
/// Identité's access rules say); otherwise the answer to give instead. An unknown établissement and one the caller does
/// not run get the same 404: the structure of a school is managed only by those who run it.
/// </summary>
internal sealed record Administration(EtablissementInfo? Etablissement, ValidationProblem? Invalide, ProblemHttpResult? Refus)
{
    public static async Task<Administration> VerifierAsync(string uai, ICurrentUser utilisateur, IAnnuaire annuaire,
        IReglesAcces regles, CancellationToken ct)
    {
        var (etablissement, invalide, _) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return new Administration(null, invalide, null);
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return new Administration(null, null, Problemes.SansPersonne());
        }

        return etablissement is not null && await regles.PeutAdministrerAsync(personneId, etablissement.Id, ct)
            ? new Administration(etablissement, null, null)
            : new Administration(null, null,
                Problemes.Introuvable($"Vous n'administrez aucun établissement d'UAI {Uai.Normalize(uai)}."));
    }
}
