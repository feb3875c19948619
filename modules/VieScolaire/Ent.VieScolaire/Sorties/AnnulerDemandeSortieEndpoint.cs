using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sorties;

/// <summary>
/// POST /api/viescolaire/demandes-sortie/{id}/annulation — a legal guardian of the pupil (the one who signed or the other)
/// cancels a one-off exit request, as long as the vie scolaire desk has not handled it; after that, 409. The request stays,
/// marked cancelled, for the record. Anyone else gets 404.
/// </summary>
internal static class AnnulerDemandeSortieEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/demandes-sortie/{id:guid}/annulation", Handle)
        .WithName("AnnulerDemandeSortie")
        .WithSummary("Un responsable légal annule une demande de sortie exceptionnelle que la vie scolaire n'a pas encore traitée.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        UPDATE viescolaire.demande_sortie SET statut = 'annulee', annulee_par = @par, annulee_le = @maintenant WHERE id = @id
        """;

    private static async Task<Results<Ok<DemandeSortie>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IJournalAcces journal, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var demande = await LectureSorties.TrouverDemandeAsync(conn, id, ct);
        if (demande is null || !await LectureSorties.EstResponsableLegalAsync(annuaire, personneId, demande.EleveId, ct))
        {
            return Problemes.Introuvable("Aucune demande de sortie de vos enfants ne correspond à cette adresse.");
        }

        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            demande = (await LectureSorties.TrouverDemandeAsync(conn, id, ct, tx))!;
            if (demande.Statut != "en_attente")
            {
                return Problemes.Conflit(LectureSorties.DejaTraitee(demande));
            }

            await conn.ExecuteAsync(new CommandDefinition(Sql, new { id, par = personneId, maintenant = clock.GetUtcNow() }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        await journal.NoterAsync(http, utilisateur, demande.EleveId, Domaine.VieScolaire, ActionAcces.Modification, "AnnulerDemandeSortie", ct);
        return TypedResults.Ok(await LectureSorties.VueAsync((await LectureSorties.TrouverDemandeAsync(conn, id, ct))!, annuaire, ct));
    }
}
