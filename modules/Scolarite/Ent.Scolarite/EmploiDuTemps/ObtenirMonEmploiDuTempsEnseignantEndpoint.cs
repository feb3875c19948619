using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>A teacher's lessons for the days asked.</summary>
/// <param name="Du">First day shown.</param>
/// <param name="Au">Last day shown.</param>
/// <param name="Cours">Their services' lessons (a lesson another teacher takes is statut remplace with that teacher's
/// name) and the lessons they take for a colleague (statut remplace, enseignantPrevu the colleague).</param>
internal sealed record EmploiDuTempsEnseignant(DateOnly Du, DateOnly Au, IReadOnlyList<VueCours> Cours);

/// <summary>
/// GET /api/scolarite/enseignants/moi/emploi-du-temps?du=&amp;au= — the caller's lessons as a teacher (the current week by
/// default): their services', changes applied, and those they replace. No pupil is named. The roll call's state of a
/// day is VieScolaire's (GET /api/viescolaire/me/cours).
/// </summary>
internal static class ObtenirMonEmploiDuTempsEnseignantEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/enseignants/moi/emploi-du-temps", Handle)
        .WithName("ObtenirMonEmploiDuTempsEnseignant")
        .WithSummary("Mes cours d'enseignant du … au … (la semaine en cours par défaut), modifications et remplacements compris.");

    private static async Task<Results<Ok<EmploiDuTempsEnseignant>, ValidationProblem, ProblemHttpResult>> Handle(
        DateOnly? du, DateOnly? au, ICurrentUser utilisateur, IAnnuaire annuaire, IEmploiDuTemps emploiDuTemps, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        var (premier, dernier, invalide) = VuesEmploiDuTemps.Jours(du, au, clock);
        if (invalide is not null)
        {
            return invalide;
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var cours = await emploiDuTemps.DeLEnseignantAsync(personneId, premier, dernier, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(new EmploiDuTempsEnseignant(premier, dernier, await VuesEmploiDuTemps.DecrireAsync(cours, conn, annuaire, ct)));
    }
}
