using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sante;

/// <summary>
/// GET /api/viescolaire/etablissements/{uai}/sante/passages?jour= — the infirmary's register of a day (today by
/// default): every visit with the pupil's name and class, in arrival order. The établissement's nurse only: anyone else,
/// the head included, gets 404 as for an unknown établissement. One access-log row per pupil listed.
/// </summary>
internal static class ListerPassagesJourEndpoint
{
    /// <summary>A day at the infirmary.</summary>
    /// <param name="Jour">The day.</param>
    /// <param name="Passages">Its visits, in arrival order.</param>
    internal sealed record PassagesJour(DateOnly Jour, IReadOnlyList<PassageJour> Passages);

    /// <summary>A visit, with the pupil.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Eleve">« Prénom Nom ».</param>
    /// <param name="Classe">Their class this year, e.g. 2NDE1.</param>
    /// <param name="Passage">The visit.</param>
    internal sealed record PassageJour(Guid EleveId, string Eleve, string? Classe, PassageInfirmerie Passage);

    private sealed record Ligne(Guid Id, Guid EleveId, DateTimeOffset Arrivee, DateTimeOffset? Depart, byte[] Donnees, bool FamillePrevenue);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/sante/passages", Handle)
        .WithName("ListerPassagesInfirmerieJour")
        .WithSummary("Registre de l'infirmerie d'un jour : les passages, avec l'élève et sa classe (infirmier·ère de l'établissement).")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id, eleve_id, arrivee, depart, donnees, famille_prevenue FROM viescolaire.passage_infirmerie
        WHERE etablissement_id = @etablissementId AND arrivee >= @debut AND arrivee < @fin
        ORDER BY arrivee, id LIMIT 500
        """;

    private static async Task<Results<Ok<PassagesJour>, ValidationProblem, ProblemHttpResult>> Handle(string uai, DateOnly? jour, HttpContext http,
        ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IServicesEnseignement services, IJournalAcces journal, CleSante cle,
        Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        var route = await annuaire.ResoudreUaiAsync(uai, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement || utilisateur.PersonneId is not { } personneId
            || !await regles.EstInfirmierAsync(personneId, etablissement.Id, ct))
        {
            return Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.");
        }

        var date = jour ?? horaires.Aujourdhui;
        List<Ligne> lignes;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            lignes = (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, new
            {
                etablissementId = etablissement.Id, debut = horaires.Instant(date, TimeOnly.MinValue), fin = horaires.Instant(date.AddDays(1), TimeOnly.MinValue),
            }, cancellationToken: ct))).AsList();
        }

        var eleves = lignes.Select(l => l.EleveId).Distinct().ToArray();
        var noms = (await annuaire.TrouverPersonnesAsync(eleves, ct)).ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        var classes = eleves.Length == 0 ? new Dictionary<Guid, string>() : await services.ClassesAsync(eleves, ct);
        await journal.NoterAsync(http, utilisateur, eleves, Domaine.Sante, ActionAcces.Lecture, "ListerPassagesInfirmerieJour", ct);
        return TypedResults.Ok(new PassagesJour(date, [.. lignes.Select(l => new PassageJour(l.EleveId, noms.GetValueOrDefault(l.EleveId, "Élève"),
            classes.GetValueOrDefault(l.EleveId), LectureSante.Passage(cle, l.Id, l.Arrivee, l.Depart, l.Donnees, l.FamillePrevenue)))]));
    }
}
