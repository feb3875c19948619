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
/// PUT /api/communication/elections/{id}/bureau — the polling desk's count of the ballots cast by post and in person,
/// entered by the direction after closing, before publication (again: replaces it). 409 when the election counts no
/// such votes, is not closed or is published; 404 for anyone but its direction. The desk's register is where double
/// votes (online and by post) are struck out: Ent counts what the desk enters.
/// </summary>
internal static class SaisirResultatsBureauEndpoint
{
    /// <summary>A list's votes at the desk.</summary>
    internal sealed record VoixListe(Guid ListeId, int Voix);

    /// <summary>The desk's count: voters, blank and spoilt ballots, each list's votes (votants = blancs et nuls + Σ voix).</summary>
    internal sealed record ResultatsBureau(int Votants, int BlancsNuls, [property: MaxLength(20)] VoixListe[]? Voix);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/elections/{id:guid}/bureau", Handle)
        .WithName("SaisirResultatsBureauElection")
        .WithSummary("Saisit le dépouillement du bureau de vote (votes par correspondance et à l'urne), après la clôture.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        UPDATE communication.election_liste l SET voix_bureau = v.voix
        FROM unnest(@listes, @voix) AS v (liste_id, voix) WHERE l.id = v.liste_id AND l.election_id = @id;
        UPDATE communication.election SET bureau_votants = @votants, bureau_blancs_nuls = @blancsNuls, bureau_saisi_le = @maintenant
        WHERE id = @id AND publiee_le IS NULL;
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(Guid id, ResultatsBureau requete,
        ICurrentUser utilisateur, Scrutins scrutins, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await scrutins.OuvrirAsync(id, moi, ct) is not (var election, var regard) || !regard.Gestionnaire)
        {
            return Problemes.Introuvable(Scrutins.Introuvable(id));
        }

        var maintenant = clock.GetUtcNow();
        if (!election.Correspondance)
        {
            return Problemes.Conflit("Cette élection ne compte que les votes en ligne : il n'y a pas de bureau à saisir.");
        }

        if (election.ScelleeLe is null || maintenant < election.Cloture)
        {
            return Problemes.Conflit("Le dépouillement du bureau se saisit après la clôture du scrutin.");
        }

        if (election.PublieeLe is not null)
        {
            return Problemes.Conflit("Les résultats sont publiés : le dépouillement ne se modifie plus.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var listes = (await conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM communication.election_liste WHERE election_id = @id", new { id }, cancellationToken: ct))).ToHashSet();
        var voix = requete.Voix ?? [];
        var erreurs = new Erreurs()
            .Require(requete.Votants is >= 0 and <= 100000, "votants", "Le nombre de votants va de 0 à 100 000.")
            .Require(requete.BlancsNuls >= 0, "blancsNuls", "Le nombre de bulletins blancs et nuls est positif ou nul.")
            .Require(voix.All(v => listes.Contains(v.ListeId)) && voix.Select(v => v.ListeId).Distinct().Count() == voix.Length, "voix",
                "Une ligne par liste de cette élection.")
            .Require(voix.All(v => v.Voix >= 0), "voix", "Le nombre de voix est positif ou nul.");
        if (!erreurs.Any && requete.BlancsNuls + voix.Sum(v => (long)v.Voix) != requete.Votants)
        {
            erreurs.Add("votants", "Les votants du bureau sont la somme des bulletins blancs et nuls et des voix des listes.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("UPDATE communication.election_liste SET voix_bureau = 0 WHERE election_id = @id",
            new { id }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            id,
            listes = voix.Select(v => v.ListeId).ToArray(),
            voix = voix.Select(v => v.Voix).ToArray(),
            votants = requete.Votants,
            blancsNuls = requete.BlancsNuls,
            maintenant,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
