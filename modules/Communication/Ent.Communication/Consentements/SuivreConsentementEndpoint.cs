using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// GET /api/communication/consentements/{id}/suivi — a consent form pupil by pupil: who consents, who refused, who has
/// not answered, each guardian's signed answer. For its organiser, the direction and the vie scolaire desk; 404 for
/// anyone else. Names pupils and their guardians: the access log records the read.
/// </summary>
internal static class SuivreConsentementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/consentements/{id:guid}/suivi", Handle)
        .WithName("SuivreConsentement")
        .WithSummary("Le suivi d'une demande d'autorisation, élève par élève : accord, refus ou pas de réponse, et chaque signature.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<SuiviConsentementVue>, ProblemHttpResult>> Handle(Guid id, HttpContext http, ICurrentUser utilisateur,
        IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var consentement = await Consentement.TrouverAsync(conn, regles, moi, id, ct);
        if (consentement is null)
        {
            return Problemes.Introuvable(Consentement.Introuvable(id));
        }

        var suivi = await SuiviConsentement.ChargerAsync(conn, annuaire, consentement, ct);
        await journal.NoterAsync(http, utilisateur, [.. suivi.Lignes.Select(l => l.EleveId)], Domaine.VieScolaire, ActionAcces.Lecture, "SuivreConsentement", ct);
        return TypedResults.Ok(suivi);
    }
}
