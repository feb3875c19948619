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
/// POST /api/identite/etablissements/{uai}/personnes/{personneId}/deblocage — an administrator lifts the lockout of a
/// person who failed to log in too often (five failures lock the login for 15 minutes, see Comptes): the failed attempts
/// of the login are forgotten, and an account set to « bloque » is active again. The person's password is unchanged.
/// </summary>
internal static class DebloquerCompteEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/personnes/{personneId:guid}/deblocage", Handle)
        .WithName("DebloquerCompte")
        .WithSummary("Lève le verrouillage du compte d'une personne de l'établissement après trop d'essais infructueux (direction et administrateurs locaux).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        DELETE FROM identite.tentative_connexion WHERE identifiant = @cle AND NOT reussie;
        UPDATE identite.compte SET etat = 'actif' WHERE id = @compteId AND etat = 'bloque';
        """;

    private static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(string uai, Guid personneId, HttpContext http,
        ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct) =>
        ActionCompte.ExecuterAsync(uai, personneId, utilisateur, annuaire, regles, db,
            async (conn, tx, compteId, identifiant) =>
            {
                await conn.ExecuteAsync(new CommandDefinition(Sql, new { cle = identifiant.Trim().ToLowerInvariant(), compteId }, tx, cancellationToken: ct));
                return null;
            },
            admin => journal.NoterAsync(admin, http, [personneId], ActionAcces.Modification, "DebloquerCompte", ct), ct);
}
