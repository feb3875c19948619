using System.ComponentModel.DataAnnotations;
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
/// PUT /api/scolarite/etablissements/{uai}/semaines — the administrators state the letters of the current school year's
/// weeks: the list replaces the year's stated weeks (an empty list: none stated, the year alternates from week A on
/// 1 September). Stating the week after each holiday is enough; the weeks between follow. Answers the calendar.
/// </summary>
internal static class DeclarerSemainesEndpoint
{
    /// <summary>The weeks stated.</summary>
    /// <param name="Semaines">Each week stated (60 at most), by its Monday, within the school year.</param>
    internal sealed record DeclarationSemaines([property: MaxLength(60)] SemaineDeclaree[]? Semaines);

    /// <summary>A week stated.</summary>
    /// <param name="Lundi">Its Monday.</param>
    /// <param name="Semaine">"A" or "B".</param>
    internal sealed record SemaineDeclaree(DateOnly Lundi, string? Semaine);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/semaines", Handle)
        .WithName("DeclarerSemaines")
        .WithSummary("Déclare les semaines A et B de l'année scolaire (remplace les déclarations de l'année ; administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string RemplacerSql = """
        DELETE FROM scolarite.semaine_ab WHERE etablissement_id = @etablissementId AND lundi >= @debut AND lundi <= @fin;
        INSERT INTO scolarite.semaine_ab (etablissement_id, lundi, semaine)
        SELECT @etablissementId, l.lundi, l.semaine FROM unnest(@lundis, @lettres) AS l(lundi, semaine);
        """;

    private static async Task<Results<Ok<ListerSemainesEndpoint.CalendrierSemaines>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DeclarationSemaines demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
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

        var annee = AnneeScolaire.Courante(clock);
        var (debut, fin) = AnneeScolaire.Bornes(annee);
        var premierLundi = Semaines.Lundi(debut);
        var semaines = demande.Semaines ?? [];
        var erreurs = new Erreurs();
        for (var i = 0; i < semaines.Length; i++)
        {
            var s = semaines[i];
            erreurs
                .Require(s.Lundi.DayOfWeek == DayOfWeek.Monday, $"semaines[{i}].lundi", $"Le {s.Lundi:dd/MM/yyyy} n'est pas un lundi.")
                .Require(s.Lundi >= premierLundi && s.Lundi <= fin, $"semaines[{i}].lundi",
                    $"La semaine du {s.Lundi:dd/MM/yyyy} n'est pas de l'année scolaire {annee}.")
                .Require(s.Semaine is "A" or "B", $"semaines[{i}].semaine", "Une semaine est A ou B.");
        }

        erreurs.Require(semaines.Select(s => s.Lundi).Distinct().Count() == semaines.Length, "semaines", "Chaque semaine n'est déclarée qu'une fois.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition(RemplacerSql, new
            {
                etablissementId = etablissement.Id, debut = premierLundi, fin, lundis = semaines.Select(s => s.Lundi).ToArray(),
                lettres = semaines.Select(s => s.Semaine!).ToArray(),
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        return TypedResults.Ok(await ListerSemainesEndpoint.LireAsync(conn, etablissement.Id, annee, ct));
    }
}
