using Ent.Communication.Audiences;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Ent.Communication.Annonces;

/// <summary>
/// GET /api/communication/etablissements/{uai}/annonces/audiences — what the caller may address in the établissement, for
/// the publication form: the whole établissement or not, the classes and groups, the profiles. 404 for anyone who may not
/// publish there.
/// </summary>
internal static class ObtenirAudiencesAnnonceEndpoint
{
    /// <summary>A class or group one may address.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Code">Code, e.g. 2NDE1.</param>
    /// <param name="Libelle">Name, e.g. « Seconde 1 ».</param>
    internal sealed record DivisionAudience(Guid Id, string Code, string Libelle);

    /// <summary>What the caller may address.</summary>
    /// <param name="Etablissement">The whole établissement.</param>
    /// <param name="Classes">Classes.</param>
    /// <param name="Groupes">Groups.</param>
    /// <param name="Profils">Profiles: familles, eleves, personnels.</param>
    internal sealed record AudiencesPossibles(bool Etablissement, DivisionAudience[] Classes, DivisionAudience[] Groupes, string[] Profils);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/annonces/audiences", Handle)
        .WithName("ObtenirAudiencesAnnonce")
        .WithSummary("Les publics auxquels je peux adresser une annonce dans l'établissement.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<AudiencesPossibles>, ValidationProblem, ProblemHttpResult>> Handle(string uai, ICurrentUser utilisateur,
        IAnnuaire annuaire, ResolutionAudience audiences, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        var possible = route.Etablissement is { } e ? await audiences.PossibleAsync(moi, e.Id, ct) : null;
        if (route.Etablissement is null || possible is null)
        {
            return route.Introuvable ?? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        var divisions = possible.Divisions;
        DivisionAudience[] De(string type) => [.. divisions.Where(d => d.Type == type).Select(d => new DivisionAudience(d.Id, d.Code, d.Libelle))];
        return TypedResults.Ok(new AudiencesPossibles(possible.Etablissement, De("classe"), De("groupe"), [.. possible.Profils]));
    }
}
