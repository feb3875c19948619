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
/// GET /api/viescolaire/etablissements/{uai}/appels-non-faits?date=YYYY-MM-DD — the vie scolaire desk's list of lessons
/// of the day that have started and whose roll call was not taken, with their teacher, so that the CPE can chase them.
/// </summary>
internal static class ListerAppelsNonFaitsEndpoint
{
    /// <summary>A lesson without its roll call.</summary>
    /// <param name="ServiceId">The teaching service.</param>
    /// <param name="Cours">« Mathématiques — Seconde 1 ».</param>
    /// <param name="Enseignant">The teacher's name.</param>
    /// <param name="Debut">Start.</param>
    /// <param name="Fin">End.</param>
    /// <param name="Salle">Room, if known.</param>
    internal sealed record AppelNonFait(Guid ServiceId, string Cours, string Enseignant, DateTimeOffset Debut, DateTimeOffset Fin, string? Salle);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/appels-non-faits", Handle)
        .WithName("ListerAppelsNonFaits")
        .WithSummary("Cours commencés dont l'appel n'a pas été fait (vie scolaire).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<AppelNonFait[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DateOnly? date, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IServicesEnseignement services,
        Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        var route = await annuaire.ResoudreUaiVieScolaireAsync(regles, uai, utilisateur.PersonneId, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement)
        {
            return route.Introuvable!;
        }

        var jour = date ?? horaires.Aujourdhui;
        await using var conn = await db.OpenConnectionAsync(ct);
        var creneaux = (await Creneaux.DuJourAsync(conn, jour, [], etablissement.Id, horaires, ct))
            .Where(c => !c.AppelFait && horaires.Instant(jour, c.Debut) <= horaires.Maintenant).ToList();
        var infos = (await services.TrouverAsync(creneaux.Select(c => c.ServiceId).Distinct().ToArray(), ct)).ToDictionary(s => s.Id);
        var enseignants = (await annuaire.TrouverPersonnesAsync(infos.Values.Select(s => s.EnseignantId).Distinct().ToArray(), ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        return TypedResults.Ok(creneaux.Where(c => infos.ContainsKey(c.ServiceId)).Select(c =>
        {
            var service = infos[c.ServiceId];
            return new AppelNonFait(c.ServiceId, FeuillesAppel.Cours(service), enseignants.GetValueOrDefault(service.EnseignantId, "—"),
                horaires.Instant(jour, c.Debut), horaires.Instant(jour, c.Fin), c.Salle);
        }).ToArray());
    }
}
