using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Elections;

/// <summary>
/// POST /api/communication/elections/{id}/publication — the head publishes the results to the families (again: 204, no
/// change). 409 before closing, or while the desk's count is awaited (an election that counts votes by post); 404 for
/// anyone but the établissement's direction. Every elector is told in the application.
/// </summary>
internal static class PublierResultatsElectionEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/elections/{id:guid}/publication", Handle)
        .WithName("PublierResultatsElection")
        .WithSummary("Publie les résultats de l'élection aux familles (après la clôture).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        UPDATE communication.election SET publiee_le = @maintenant, publiee_par = @moi WHERE id = @id AND publiee_le IS NULL;
        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien, prochaine_tentative, cree_le)
        SELECT gen_random_uuid(), 'application', NULL, e.personne_id, @sujet, @texte,
               'election:' || @id::text || ':' || e.personne_id::text || ':application', @etablissementId, 'election', @lien, @maintenant, @maintenant
        FROM communication.election_electeur e WHERE e.election_id = @id
        ON CONFLICT (cle_idempotence) DO NOTHING;
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, Scrutins scrutins,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
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
        if (election.ScelleeLe is null || maintenant < election.Cloture)
        {
            return Problemes.Conflit("Les résultats se publient après la clôture du scrutin.");
        }

        if (election.PublieeLe is not null)
        {
            return TypedResults.NoContent();
        }

        if (election.Correspondance && election.BureauSaisiLe is null)
        {
            return Problemes.Conflit("Saisissez d'abord le dépouillement du bureau de vote (votes par correspondance et à l'urne).");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            id,
            moi,
            maintenant,
            etablissementId = election.EtablissementId,
            sujet = "Résultats de l'élection",
            texte = $"Les résultats de « {election.Titre} » sont publiés.",
            lien = $"/elections/{id}",
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
