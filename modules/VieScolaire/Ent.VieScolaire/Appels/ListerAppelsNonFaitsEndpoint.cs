using Dapper;
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
/// of the day (Scolarité's timetable, changes applied) that have started and whose roll call was not taken (a cancelled
/// lesson never counts; a moved one counts from its new start; a replaced one names its replacing teacher), with their teacher, so that the CPE can chase them
/// (POST …/appels-non-faits/{serviceId}/relance), and the reminder already sent, if any.
/// </summary>
internal static class ListerAppelsNonFaitsEndpoint
{
    /// <summary>A lesson without its roll call.</summary>
    /// <param name="ServiceId">The teaching service.</param>
    /// <param name="Cours">« Mathématiques — Seconde 1 ».</param>
    /// <param name="Matiere">The subject, « Mathématiques ».</param>
    /// <param name="Classe">The class or group, « Seconde 1 ».</param>
    /// <param name="EnseignantId">The teacher.</param>
    /// <param name="Enseignant">The teacher's name, « Prénom Nom ».</param>
    /// <param name="Debut">Start (the lesson's key with ServiceId, to remind the teacher).</param>
    /// <param name="Fin">End.</param>
    /// <param name="Salle">Room, if known.</param>
    /// <param name="Relance">The reminder sent to the teacher, if any.</param>
    internal sealed record AppelNonFait(Guid ServiceId, string Cours, string Matiere, string Classe, Guid EnseignantId, string Enseignant,
        DateTimeOffset Debut, DateTimeOffset Fin, string? Salle, RelanceAppel? Relance);

    /// <summary>A reminder sent to the teacher.</summary>
    /// <param name="Par">Who reminded, « Prénom Nom ».</param>
    /// <param name="Le">When.</param>
    internal sealed record RelanceAppel(string Par, DateTimeOffset Le);

    private const string RelancesSql = """
        SELECT service_id, debut, relance_par, relance_le FROM viescolaire.relance_appel
        WHERE etablissement_id = @etablissementId AND debut >= @debutJour AND debut < @finJour
        """;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/appels-non-faits", Handle)
        .WithName("ListerAppelsNonFaits")
        .WithSummary("Cours commencés dont l'appel n'a pas été fait (vie scolaire : CPE, direction), avec l'enseignant, la classe, la matière et la relance éventuelle.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<AppelNonFait[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DateOnly? date, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IServicesEnseignement services,
        IEmploiDuTemps edt, Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
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
        var creneaux = Creneaux.NonFaits(await Creneaux.DeLEtablissementAsync(edt, conn, etablissement.Id, jour, horaires, ct), horaires).ToList();
        var infos = (await services.TrouverAsync(creneaux.Select(c => c.ServiceId).Distinct().ToArray(), ct)).ToDictionary(s => s.Id);
        var relances = (await conn.QueryAsync<(Guid ServiceId, DateTimeOffset Debut, Guid Par, DateTimeOffset Le)>(new CommandDefinition(RelancesSql, new
        {
            etablissementId = etablissement.Id, debutJour = horaires.Instant(jour, TimeOnly.MinValue), finJour = horaires.Instant(jour.AddDays(1), TimeOnly.MinValue),
        }, cancellationToken: ct))).ToDictionary(r => (r.ServiceId, r.Debut));
        var noms = (await annuaire.TrouverPersonnesAsync(creneaux.Select(c => c.Cours.EnseignantId).Concat(relances.Values.Select(r => r.Par)).Distinct().ToArray(), ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        return TypedResults.Ok(creneaux.Where(c => infos.ContainsKey(c.ServiceId)).Select(c =>
        {
            var service = infos[c.ServiceId];
            var relance = relances.TryGetValue((c.ServiceId, c.Debut), out var r) ? new RelanceAppel(noms.GetValueOrDefault(r.Par, "—"), r.Le) : null;
            return new AppelNonFait(c.ServiceId, FeuillesAppel.Cours(service), service.Matiere, service.Division, c.Cours.EnseignantId,
                noms.GetValueOrDefault(c.Cours.EnseignantId, "—"), c.Debut, c.Fin, c.Salle, relance);
        }).ToArray());
    }
}
