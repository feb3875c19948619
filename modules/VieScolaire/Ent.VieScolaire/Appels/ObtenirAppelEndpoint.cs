using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Appels;

/// <summary>
/// GET /api/viescolaire/services/{serviceId}/appel?debut=…&amp;fin=… — a lesson's roll call sheet, for its teacher or the
/// vie scolaire desk: the pupils by name, each present until marked otherwise.
/// </summary>
internal static class ObtenirAppelEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/services/{serviceId:guid}/appel", Handle)
        .WithName("ObtenirAppel")
        .WithSummary("Feuille d'appel d'un cours (ses élèves et leur état), pour son enseignant ou la vie scolaire.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<FeuilleAppel>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid serviceId, DateTimeOffset? debut, DateTimeOffset? fin, HttpContext http, ICurrentUser utilisateur, IServicesEnseignement services,
        IReglesAcces regles, IAnnuaire annuaire, IJournalAcces journal, IEmploiDuTemps edt, Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        if (debut?.ToUniversalTime() is not { } d)
        {
            return new Erreurs().Add("debut", "Indiquez le début du cours (date et heure).").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (await CoursAutorise.TrouverAsync(serviceId, personneId, d, services, regles, edt, horaires, ct) is not { } cours)
        {
            return Problemes.Introuvable("Aucun de vos cours ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var feuille = await FeuillesAppel.ChargerAsync(conn, cours.Service, d, fin?.ToUniversalTime() is { } f && f > d ? f : d.AddHours(1), cours.PeutModifier(d, horaires),
            services, annuaire, ct);
        await journal.NoterAsync(http, utilisateur, feuille.Eleves.Select(e => e.EleveId).ToArray(), Domaine.VieScolaire, ActionAcces.Lecture,
            "ObtenirAppel", ct);
        // The PAI flags tell a health fact: the pupils flagged are in the access log too (domain « sante »).
        await journal.NoterAsync(http, utilisateur, feuille.Eleves.Where(e => e.Pai).Select(e => e.EleveId).ToArray(), Domaine.Sante,
            ActionAcces.Lecture, "IndicateurPai", ct);
        return TypedResults.Ok(feuille);
    }
}
