using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Ressources.Gar.Flux;

/// <summary>
/// GET /api/ressources/etablissements/{uai}/gar/flux — the établissement's affectation flux for the GAR, built now, as
/// the zip the daily deposit writes: for its head and local administrators, to check what the GAR receives (anyone
/// else: 404). 409 while the ENT is not connected to the GAR. It names every pupil: the read is in the access log.
/// </summary>
internal static partial class ObtenirFluxGarEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/gar/flux", Handle)
        .WithName("ObtenirFluxGar")
        .WithSummary("Le flux d'affectation GAR de l'établissement, produit à l'instant (archive zip des fichiers GAR-ENT).")
        .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status500InternalServerError);

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Handle(string uai, HttpContext http,
        ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, GenerateurFluxGar generateur,
        IOptions<GarOptions> options, ILoggerFactory journaux, CancellationToken ct)
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

        if (route.Etablissement is not { } etablissement || !await regles.PeutAdministrerAsync(moi, etablissement.Id, ct))
        {
            return Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        if (!options.Value.Actif)
        {
            return Problemes.Conflit("Cet ENT n'est pas encore relié au GAR : aucun flux d'affectation n'est produit.");
        }

        FluxGar flux;
        try
        {
            flux = await generateur.ProduireAsync(etablissement, ct);
        }
        catch (FluxGarInvalideException e)
        {
            LogInvalide(journaux.CreateLogger(typeof(ObtenirFluxGarEndpoint)), etablissement.Uai, e.Fichier, string.Join(Environment.NewLine, e.Erreurs));
            return TypedResults.Problem(
                $"Le fichier {e.Fichier} n'est pas conforme au schéma GAR-ENT ; il n'est pas remis. Erreurs : {string.Join(" ; ", e.Erreurs.Take(10))}",
                statusCode: StatusCodes.Status500InternalServerError, title: "Flux GAR non conforme", type: "urn:ent:probleme:flux-gar-non-conforme");
        }

        await journal.NoterAsync(http, utilisateur, flux.Eleves, Domaine.Identite, ActionAcces.Lecture, "ObtenirFluxGar", ct);
        return TypedResults.File(flux.Archive(), "application/zip", flux.NomArchive);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Flux GAR de {Uai} non conforme au schéma GAR-ENT, rien n'est remis ; {Fichier} :\n{Erreurs}")]
    private static partial void LogInvalide(ILogger logger, string uai, string fichier, string erreurs);
}
