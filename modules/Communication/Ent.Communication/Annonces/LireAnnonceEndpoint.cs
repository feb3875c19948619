using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// GET /api/communication/annonces/{id} — one announcement addressed to me, in its publication window; opening it marks
/// it read (the sender's follow-up counts it). Anyone it does not address gets 404.
/// </summary>
internal static class LireAnnonceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/annonces/{id:guid}", Handle)
        .WithName("LireAnnonce")
        .WithSummary("Une annonce qui m'est adressée ; l'ouvrir la marque comme lue.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        UPDATE communication.annonce_destinataire d SET lue_le = coalesce(d.lue_le, @maintenant)
        FROM communication.annonce a
        WHERE a.id = d.annonce_id AND d.annonce_id = @id AND d.personne_id = @moi
          AND a.visible_du <= @maintenant AND (a.visible_au IS NULL OR a.visible_au > @maintenant) AND a.retiree_le IS NULL
        RETURNING a.id, a.etablissement_id, a.auteur_id, a.titre, a.texte, a.visible_du, d.lue_le, a.accuse_lecture, d.profil, d.confirmee_le, a.modifiee_le
        """;

    private static async Task<Results<Ok<ListerMesAnnoncesEndpoint.AnnonceRecue>, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur,
        IAnnuaire annuaire, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        ListerMesAnnoncesEndpoint.Ligne? ligne;
        ILookup<Guid, PieceJointeAnnonce> pieces;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            ligne = await conn.QuerySingleOrDefaultAsync<ListerMesAnnoncesEndpoint.Ligne>(new CommandDefinition(Sql,
                new { id, moi, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
            pieces = await StockageAnnonces.DesAnnoncesAsync(conn, ligne is null ? [] : [ligne.Id], ct);
        }

        return ligne is null
            ? Problemes.Introuvable(SuiviAnnonce.Introuvable(id))
            : TypedResults.Ok((await AnnoncesRecues.HabillerAsync(annuaire, [ligne], pieces, ct))[0]);
    }
}
