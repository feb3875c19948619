using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// POST /api/communication/annonces/{id}/confirmation — a family confirms it read an announcement that asks it to
/// (« accusé de lecture »). Confirming again changes nothing (the first time stays). 404 for anyone it does not address;
/// 409 when it asks no confirmation of the caller (no acknowledgement asked, or the caller is not addressed as a family).
/// </summary>
internal static class ConfirmerLectureAnnonceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/annonces/{id:guid}/confirmation", Handle)
        .WithName("ConfirmerLectureAnnonce")
        .WithSummary("Confirme la lecture d'une annonce qui demande un accusé de lecture aux familles.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        WITH cible AS (
            SELECT a.accuse_lecture, d.profil FROM communication.annonce_destinataire d JOIN communication.annonce a ON a.id = d.annonce_id
            WHERE d.annonce_id = @id AND d.personne_id = @moi
              AND a.visible_du <= @maintenant AND (a.visible_au IS NULL OR a.visible_au > @maintenant) AND a.retiree_le IS NULL),
        confirmee AS (
            UPDATE communication.annonce_destinataire d
            SET confirmee_le = coalesce(d.confirmee_le, @maintenant), lue_le = coalesce(d.lue_le, @maintenant)
            FROM cible WHERE d.annonce_id = @id AND d.personne_id = @moi AND cible.accuse_lecture AND cible.profil = 'responsable'
            RETURNING 1)
        SELECT (SELECT count(*) FROM cible)::int AS adressee, (SELECT count(*) FROM confirmee)::int AS confirmee
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var (adressee, confirmee) = await conn.QuerySingleAsync<(int, int)>(new CommandDefinition(Sql,
            new { id, moi, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
        return (adressee, confirmee) switch
        {
            (0, _) => Problemes.Introuvable(SuiviAnnonce.Introuvable(id)),
            (_, 0) => Problemes.Conflit("Cette annonce ne vous demande pas d'accusé de lecture."),
            _ => TypedResults.NoContent(),
        };
    }
}
