using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ent.Identite.Contracts;

/// <summary>The établissement named by a route's {uai}, or the problem to answer instead (400 malformed, 404 unknown).</summary>
public sealed record EtablissementRoute(EtablissementInfo? Etablissement, ValidationProblem? Invalide, ProblemHttpResult? Introuvable);

public static class EtablissementRouteExtensions
{
    public static async Task<EtablissementRoute> ResoudreUaiAsync(this IAnnuaire annuaire, string uai, CancellationToken ct)
    {
        if (!Uai.IsValid(uai))
        {
            return new EtablissementRoute(null, new Erreurs().Add("uai", Uai.Message).ToProblem(), null);
        }

        var etablissement = await annuaire.TrouverEtablissementAsync(Uai.Normalize(uai), ct);
        return etablissement is null
            ? new EtablissementRoute(null, null, Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}."))
            : new EtablissementRoute(etablissement, null, null);
    }

    /// <summary>
    /// The établissement named by {uai} for its vie scolaire desk (CPE, head): 400 for a malformed UAI; 404 alike for an
    /// unknown établissement and for a caller who is not on its desk, so that nobody learns more than they may.
    /// </summary>
    public static async Task<EtablissementRoute> ResoudreUaiVieScolaireAsync(this IAnnuaire annuaire, IReglesAcces regles, string uai,
        Guid? personneId, CancellationToken ct)
    {
        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        return route.Etablissement is { } etablissement
               && (personneId is not { } personne || !await regles.PeutSuivreVieScolaireAsync(personne, etablissement.Id, ct))
            ? new EtablissementRoute(null, null, Problemes.Introuvable($"Aucun établissement n'a l'UAI {etablissement.Uai}."))
            : route;
    }
}
