using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Ent.Ressources.Gar;

/// <summary>
/// GET /api/ressources/me/ressources-numeriques — « Mes manuels et ressources »: the digital textbooks and resources the
/// GAR lists for me (pupil, teacher, documentalist, head), from a cache of a few minutes; the list as it was when the GAR
/// is slow or down, with a word saying so; a clear 503 when the GAR does not answer and nothing is at hand.
/// </summary>
internal static class ListerMesRessourcesEndpoint
{
    /// <summary>A digital resource.</summary>
    /// <param name="IdRessource">The GAR's id.</param>
    /// <param name="NomRessource">Title.</param>
    /// <param name="NomEditeur">Publisher.</param>
    /// <param name="UrlVignette">Cover picture (https), if any.</param>
    /// <param name="UrlAccesRessource">Where it opens, through the GAR (https).</param>
    /// <param name="TypePresentation">« Manuel numérique »…, if said.</param>
    /// <param name="NiveauxEducatifs">School levels.</param>
    /// <param name="DomainesEnseignement">Subjects.</param>
    internal sealed record RessourceNumerique(string IdRessource, string NomRessource, string NomEditeur, string? UrlVignette, string UrlAccesRessource,
        string? TypePresentation, string[] NiveauxEducatifs, string[] DomainesEnseignement);

    /// <summary>My resources.</summary>
    /// <param name="Uai">The établissement they come through.</param>
    /// <param name="Etablissement">Its name.</param>
    /// <param name="GarActif">False when this ENT is not connected to the GAR (then the list is empty).</param>
    /// <param name="AJour">False when the list is the one obtained earlier, the GAR being slow or down.</param>
    /// <param name="ObtenueLe">When the list was obtained from the GAR (UTC).</param>
    /// <param name="Avertissement">A sentence to show above the list, when there is something to say.</param>
    /// <param name="Ressources">The resources, by title.</param>
    internal sealed record MesRessources(string Uai, string Etablissement, bool GarActif, bool AJour, DateTimeOffset? ObtenueLe, string? Avertissement,
        RessourceNumerique[] Ressources);

    public const string TypeGarIndisponible = "urn:ent:probleme:gar-indisponible";
    public const string TypeGarErreur = "urn:ent:probleme:gar-erreur";

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/ressources-numeriques", Handle)
        .WithName("ListerMesRessourcesNumeriques")
        .WithSummary("Mes manuels et ressources numériques, listés par le GAR.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status502BadGateway)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal static ProblemHttpResult PasDeProfilGar() => Problemes.Introuvable(
        "Les ressources numériques du GAR sont réservées aux élèves et aux personnels d'un établissement : votre compte n'en a pas.");

    private static async Task<Results<Ok<MesRessources>, ProblemHttpResult>> Handle(HttpContext http, ICurrentUser utilisateur,
        UtilisateursGar utilisateurs, ClientGar gar, IOptions<GarOptions> options, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await utilisateurs.ProfilAsync(moi, null, ct) is not { } profil)
        {
            return PasDeProfilGar();
        }

        if (!options.Value.Actif)
        {
            return TypedResults.Ok(new MesRessources(profil.Etablissement.Uai, profil.Etablissement.Nom, false, true, null,
                "Cet ENT n'est pas encore relié au GAR : vos manuels numériques apparaîtront ici dès qu'il le sera.", []));
        }

        if (await utilisateurs.TrouverAsync(moi, profil.Etablissement.Id, ct) is not { } u)
        {
            return ListerMesRessourcesEndpoint.PasDeProfilGar();
        }

        switch (await gar.RessourcesAsync(u.Etablissement.Uai, u.Identifiant, ct))
        {
            case ReponseGar.Liste liste:
                var paris = TimeZoneInfo.ConvertTime(liste.ObtenueLe, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
                return TypedResults.Ok(new MesRessources(u.Etablissement.Uai, u.Etablissement.Nom, true, liste.AJour, liste.ObtenueLe,
                    liste.AJour ? null : $"Le GAR répond lentement ou pas du tout : voici votre liste telle qu'elle était le {paris:dd/MM/yyyy} à {paris:HH\\hmm}.",
                    [.. liste.Ressources.Select(r => new RessourceNumerique(r.IdRessource, r.NomRessource, r.NomEditeur, r.UrlVignette, r.UrlAccesRessource,
                        r.TypePresentation, r.NiveauxEducatifs, r.DomainesEnseignement))]));
            case ReponseGar.Erreur erreur:
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, type: TypeGarErreur, title: "Le GAR a refusé la demande",
                    detail: $"Le GAR (Gestionnaire d'accès aux ressources) n'a pas pu donner votre liste de ressources : « {erreur.Message} ». " +
                            "Si cela dure, signalez-le à votre établissement.");
            default:
                http.Response.Headers.RetryAfter = "60";
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, type: TypeGarIndisponible, title: "Le GAR ne répond pas",
                    detail: "Le GAR (Gestionnaire d'accès aux ressources), qui fournit les manuels numériques, ne répond pas pour le moment. " +
                            "Vos ressources ne peuvent pas être affichées : réessayez dans quelques minutes.");
        }
    }
}
