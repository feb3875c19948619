using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Administration;

/// <summary>
/// POST /api/identite/etablissements/{uai}/personnes/{personneId}/reactivation — an administrator opens a closed account
/// again: active when it had been activated (its password still works), else back to « à activer » (the family activates
/// it with a code). An account that is not closed is left as it is.
/// </summary>
internal static class ReactiverCompteEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/personnes/{personneId:guid}/reactivation", Handle)
        .WithName("ReactiverCompte")
        .WithSummary("Réactive le compte désactivé d'une personne de l'établissement (direction et administrateurs locaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        UPDATE identite.compte
        SET etat = CASE WHEN mot_de_passe_hash IS NULL AND active_le IS NULL THEN 'a_activer' ELSE 'actif' END
        WHERE id = @compteId AND etat = 'desactive'
        """;

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(string uai, Guid personneId, HttpContext http,
        ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct) =>
        ActionCompte.ExecuterAsync(uai, personneId, utilisateur, annuaire, regles, db,
            async (conn, tx, compteId, _) =>
            {
                await conn.ExecuteAsync(new CommandDefinition(Sql, new { compteId }, tx, cancellationToken: ct));
                return null;
            },
            admin => journal.NoterAsync(admin, http, [personneId], ActionAcces.Modification, "ReactiverCompte", ct), ct);
}
