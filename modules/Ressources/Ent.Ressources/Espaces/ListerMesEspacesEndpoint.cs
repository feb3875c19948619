using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Ent.Ressources.Espaces;

/// <summary>
/// GET /api/ressources/me/espaces — my class workspaces this school year: a teacher's, the classes and groups they teach
/// (they write there); a pupil's, their class and groups; a legal guardian's, each child's; the direction's, every class
/// and group of its établissement (read only). Someone with none gets empty lists.
/// </summary>
internal static class ListerMesEspacesEndpoint
{
    /// <summary>A child's spaces, for their legal guardian.</summary>
    /// <param name="EleveId">The child.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Nom">Last name.</param>
    /// <param name="Espaces">Their class's and groups' spaces.</param>
    internal sealed record EspacesEnfant(Guid EleveId, string Prenom, string Nom, EspaceClasse[] Espaces);

    /// <summary>My spaces.</summary>
    /// <param name="Espaces">Mine (as a teacher, a pupil or the direction), classes then groups, by code.</param>
    /// <param name="Enfants">My children's, one entry per child (legal guardians).</param>
    internal sealed record MesEspaces(EspaceClasse[] Espaces, EspacesEnfant[] Enfants);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/espaces", Handle)
        .WithName("ListerMesEspacesClasse")
        .WithSummary("Mes espaces de classe de l'année : ceux des classes et groupes où j'enseigne, ma classe et mes groupes, ceux de mes enfants.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<MesEspaces>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, IDivisions divisions, IAnnuaire annuaire,
        ReglesEspaces regles, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var espaces = new Dictionary<Guid, EspaceClasse>();
        foreach (var d in await divisions.DeLEnseignantAsync(moi, ct))
        {
            espaces[d.Id] = new EspaceClasse(d.Id, d.Type, d.Code, d.Libelle, true);
        }

        foreach (var d in await DeLEleveAsync(moi, divisions, annuaire, ct))
        {
            espaces.TryAdd(d.Id, new EspaceClasse(d.Id, d.Type, d.Code, d.Libelle, false));
        }

        foreach (var etablissementId in await regles.EtablissementsDirigesAsync(moi, ct))
        {
            foreach (var d in await divisions.DeLEtablissementAsync(etablissementId, ct))
            {
                espaces.TryAdd(d.Id, new EspaceClasse(d.Id, d.Type, d.Code, d.Libelle, false));
            }
        }

        var enfants = new List<EspacesEnfant>();
        var legaux = await regles.EnfantsLegauxAsync(moi, ct);
        if (legaux.Count > 0)
        {
            foreach (var enfant in await annuaire.TrouverPersonnesAsync(legaux, ct))
            {
                enfants.Add(new EspacesEnfant(enfant.Id, enfant.Prenom, enfant.Nom,
                    [.. (await DeLEleveAsync(enfant.Id, divisions, annuaire, ct)).Select(d => new EspaceClasse(d.Id, d.Type, d.Code, d.Libelle, false))]));
            }
        }

        return TypedResults.Ok(new MesEspaces([.. espaces.Values.OrderBy(e => e.Type).ThenBy(e => e.Code, StringComparer.Ordinal)],
            [.. enfants.OrderBy(e => e.Prenom, StringComparer.CurrentCulture)]));
    }

    /// <summary>The pupil's class and groups this school year (none for someone who is no pupil).</summary>
    private static async Task<IEnumerable<DivisionInfo>> DeLEleveAsync(Guid eleveId, IDivisions divisions, IAnnuaire annuaire, CancellationToken ct)
    {
        var ids = (await divisions.DesElevesAsync([eleveId], ct)).Select(d => d.DivisionId).ToHashSet();
        if (ids.Count == 0 || await annuaire.TrouverEtablissementEleveAsync(eleveId, ct) is not { } etablissement)
        {
            return [];
        }

        return (await divisions.DeLEtablissementAsync(etablissement.Id, ct)).Where(d => ids.Contains(d.Id));
    }
}
