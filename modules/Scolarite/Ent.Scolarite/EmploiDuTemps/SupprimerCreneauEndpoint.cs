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
/// DELETE /api/scolarite/etablissements/{uai}/creneaux/{id} — the administrators remove a slot of the current school
/// year. Its lessons leave the timetable (past ones too: to end a slot from a date on, change its last day instead);
/// roll calls already taken are VieScolaire's and stay.
/// </summary>
internal static class SupprimerCreneauEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/etablissements/{uai}/creneaux/{id:guid}", Handle)
        .WithName("SupprimerCreneau")
        .WithSummary("Supprime un créneau de l'emploi du temps (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string SupprimerSql = """
        DELETE FROM scolarite.creneau c
        USING scolarite.service_enseignement s
        LEFT JOIN scolarite.classe cl ON cl.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE c.id = @id AND c.etablissement_id = @etablissementId AND s.id = c.service_id
          AND coalesce(cl.annee_scolaire, g.annee_scolaire) = @annee
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid id, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
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
        var supprimes = await conn.ExecuteAsync(new CommandDefinition(SupprimerSql,
            new { id, etablissementId = etablissement.Id, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct));
        return supprimes == 0
            ? Problemes.Introuvable("L'emploi du temps de l'établissement n'a aucun créneau de cet identifiant cette année.")
            : TypedResults.NoContent();
    }
}
