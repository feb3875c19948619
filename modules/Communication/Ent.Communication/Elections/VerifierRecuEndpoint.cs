using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>
/// POST /api/communication/elections/{id}/recu — « mon bulletin est-il dans l'urne ? »: the receipt's hash looked up
/// in the urn. It says present or not, never the list (a receipt that showed the choice would let a voter prove their
/// vote to someone pressing them). For whoever sees the election; 404 for anyone else.
/// </summary>
internal static class VerifierRecuEndpoint
{
    /// <summary>The receipt given at the vote (dashes and case ignored).</summary>
    internal sealed record RecuVote([property: MaxLength(40)] string? Code);

    /// <summary>Whether a ballot with this receipt is in the urn (and so counted).</summary>
    internal sealed record VerificationRecu(bool Present);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/elections/{id:guid}/recu", Handle)
        .WithName("VerifierRecuElection")
        .WithSummary("Vérifie, avec le reçu de vote, que le bulletin est dans l'urne (sans dire pour quelle liste).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<VerificationRecu>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, RecuVote requete,
        ICurrentUser utilisateur, Scrutins scrutins, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await scrutins.OuvrirAsync(id, moi, ct) is not (_, _))
        {
            return Problemes.Introuvable(Scrutins.Introuvable(id));
        }

        if (requete.Code is not { } code || code.Count(char.IsLetterOrDigit) != 16)
        {
            return new Erreurs().Add("code", "Le reçu compte 16 lettres et chiffres (par exemple ABCD-EFGH-JKLM-NPQR).").ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var present = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM communication.election_urne WHERE election_id = @id AND empreinte_recu = @empreinte)",
            new { id, empreinte = Scrutins.Empreinte(id, code) }, cancellationToken: ct));
        return TypedResults.Ok(new VerificationRecu(present));
    }
}
