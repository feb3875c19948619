using Dapper;
using Ent.Identite.Connexion;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Moi;

/// <summary>
/// PUT /api/identite/me/langue — the connected person saves the language they read Ent in (issue 19): the SPA's picker
/// calls it, the server's pages use it once the person is known (when the browser has no choice of its own), and the
/// notification senders read it through <c>IAnnuaire.LanguesAsync</c>. Only one's own; a login never changes it.
/// </summary>
internal static class ChangerLangueEndpoint
{
    /// <summary>The language chosen.</summary>
    /// <param name="Langue">fr (French), en (English) or ar (Arabic).</param>
    internal sealed record ChangementLangue(string? Langue);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/me/langue", Handle)
        .WithName("ChangerLangue")
        .WithSummary("Enregistre la langue de la personne connectée (fr, en ou ar) : pages du serveur et messages qu'elle reçoit.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(ChangementLangue demande, ICurrentUser user,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        if (!Langues.Connue(demande.Langue))
        {
            return new Erreurs().Add("langue", "Langue inconnue : choisissez fr (français), en (anglais) ou ar (arabe).").ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var modifiees = await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE identite.personne SET langue = @langue WHERE id = @id AND efface_le IS NULL",
            new { id, langue = demande.Langue }, cancellationToken: ct));
        return modifiees == 0 ? Problemes.Introuvable("Cette personne n'existe plus.") : TypedResults.NoContent();
    }
}
