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
/// POST /api/identite/etablissements/{uai}/personnes/{personneId}/desactivation — an administrator closes a person's
/// account: no login any more, and the sessions already open end at their next check (only an active account refreshes
/// its tokens). Nothing is deleted — grades, absences, messages and the access log keep naming the person — and
/// <see cref="ReactiverCompteEndpoint"/> opens it again. An administrator cannot close their own account (they would
/// lock themselves out of this very screen).
/// </summary>
internal static class DesactiverCompteEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/personnes/{personneId:guid}/desactivation", Handle)
        .WithName("DesactiverCompte")
        .WithSummary("Désactive le compte d'une personne de l'établissement, sans rien supprimer (direction et administrateurs locaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(string uai, Guid personneId, HttpContext http,
        ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct) =>
        ActionCompte.ExecuterAsync(uai, personneId, utilisateur, annuaire, regles, db,
            async (conn, tx, compteId, _) =>
            {
                if (personneId == utilisateur.PersonneId)
                {
                    return new Erreurs().Add("personneId", "Vous ne pouvez pas désactiver votre propre compte.").ToProblem();
                }

                await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.compte SET etat = 'desactive' WHERE id = @compteId",
                    new { compteId }, tx, cancellationToken: ct));
                return null;
            },
            admin => journal.NoterAsync(admin, http, [personneId], ActionAcces.Modification, "DesactiverCompte", ct), ct);
}
