using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/semaines — the week A / week B calendar of the current school year for the
/// administrators: every week (by its Monday) from the one holding 1 September to the one holding 31 August, its letter
/// as the timetable applies it (<see cref="Semaines"/>), and whether the établissement stated it.
/// </summary>
internal static class ListerSemainesEndpoint
{
    /// <summary>The school year's weeks.</summary>
    /// <param name="AnneeScolaire">e.g. 2026-2027.</param>
    /// <param name="Semaines">Its weeks, in order.</param>
    internal sealed record CalendrierSemaines(string AnneeScolaire, SemaineAb[] Semaines);

    /// <summary>A week.</summary>
    /// <param name="Lundi">Its Monday.</param>
    /// <param name="Semaine">"A" or "B".</param>
    /// <param name="Declaree">True when the établissement stated it; otherwise it follows the week before.</param>
    internal sealed record SemaineAb(DateOnly Lundi, string Semaine, bool Declaree);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/semaines", Handle)
        .WithName("ListerSemaines")
        .WithSummary("Calendrier des semaines A et B de l'année scolaire : la lettre de chaque semaine et si elle a été déclarée (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    internal const string DeclareesSql = "SELECT lundi, semaine FROM scolarite.semaine_ab WHERE etablissement_id = @etablissementId";

    private static async Task<Results<Ok<CalendrierSemaines>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, refus) = await Administration.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return refus!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await LireAsync(conn, etablissement.Id, AnneeScolaire.Courante(clock), ct));
    }

    internal static async Task<CalendrierSemaines> LireAsync(NpgsqlConnection conn, Guid etablissementId, string annee, CancellationToken ct)
    {
        var declarees = (await conn.QueryAsync<(DateOnly Lundi, string Semaine)>(new CommandDefinition(DeclareesSql, new { etablissementId },
            cancellationToken: ct))).ToDictionary(d => d.Lundi, d => d.Semaine[0]);
        return new CalendrierSemaines(annee, Calendrier(new Semaines(declarees), declarees, annee));
    }

    /// <summary>The weeks of a school year with their letters: pure, unit-tested.</summary>
    internal static SemaineAb[] Calendrier(Semaines semaines, IReadOnlyDictionary<DateOnly, char> declarees, string annee)
    {
        var (debut, fin) = AnneeScolaire.Bornes(annee);
        var liste = new List<SemaineAb>();
        for (var lundi = Semaines.Lundi(debut); lundi <= fin; lundi = lundi.AddDays(7))
        {
            // The week holding 1 September may start in August: its letter is read on its September days.
            var jour = lundi < debut ? debut : lundi;
            liste.Add(new SemaineAb(lundi, semaines.De(jour).ToString(), declarees.ContainsKey(lundi)));
        }

        return [.. liste];
    }
}
