using Ent.Communication.Rgpd;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// A conversation is kept the school year of its last message and the next one: at the rentrée after that, it goes
/// with its participants, messages, the links to their attachments, the attachments no other message or draft uses
/// (rows, then files), the reports of its messages and the drafts replying to it. A conversation one of whose
/// messages was reported less than a year ago (treated, or filed and not treated yet) waits: the head may still need
/// it. Batched, idempotent; run once a day across hosts by Identité's scheduler.
/// </summary>
internal sealed class PurgeConversations(NpgsqlDataSource db, StockagePiecesJointesMessagerie stockage) : IPurgeRetention
{
    public string Nom => "communication.conversation";

    public string Duree => "l'année scolaire du dernier message et la suivante (un signalement de moins d'un an la retient)";

    private const string SqlRacines = """
        SELECT c.id FROM communication.conversation c
        WHERE c.dernier_message_le < @limite
          AND NOT EXISTS (
              SELECT 1 FROM communication.signalement s JOIN communication.message m ON m.id = s.message_id
              WHERE m.conversation_id = c.id AND coalesce(s.traite_le, s.signale_le) >= @limiteSignalement)
        ORDER BY c.dernier_message_le
        LIMIT 1000
        FOR UPDATE SKIP LOCKED
        """;

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParRacines.PurgerAsync(db, stockage, SqlRacines,
            new { limite = PurgeParLots.DebutRentree(maintenant, 1).ToUniversalTime(), limiteSignalement = maintenant.AddYears(-1) },
            async lot =>
            {
                // The same file may be attached to the messages of many conversations (one per family of a class):
                // known before its links go, deleted only when no message or draft names it any more.
                lot.Parametre("pieces", await lot.IdsAsync("""
                    SELECT DISTINCT mp.piece_jointe_id FROM communication.message_piece_jointe mp
                    JOIN communication.message m ON m.id = mp.message_id WHERE m.conversation_id = ANY(@ids)
                    """));
                await lot.SupprimerAsync("DELETE FROM communication.brouillon WHERE conversation_id = ANY(@ids)");
                await lot.SupprimerAsync("""
                    DELETE FROM communication.signalement s USING communication.message m
                    WHERE m.id = s.message_id AND m.conversation_id = ANY(@ids)
                    """);
                await lot.SupprimerAsync("""
                    DELETE FROM communication.message_piece_jointe mp USING communication.message m
                    WHERE m.id = mp.message_id AND m.conversation_id = ANY(@ids)
                    """);
                await lot.SupprimerAvecFichiersAsync("""
                    DELETE FROM communication.piece_jointe pj
                    WHERE pj.id = ANY(@pieces)
                      AND NOT EXISTS (SELECT 1 FROM communication.message_piece_jointe mp WHERE mp.piece_jointe_id = pj.id)
                      AND NOT EXISTS (SELECT 1 FROM communication.brouillon b WHERE pj.id = ANY(b.pieces_jointes))
                    RETURNING pj.nom_stockage
                    """);
                await lot.SupprimerAsync("DELETE FROM communication.message WHERE conversation_id = ANY(@ids)");
                await lot.SupprimerAsync("DELETE FROM communication.participant WHERE conversation_id = ANY(@ids)");
                await lot.SupprimerAsync("DELETE FROM communication.conversation WHERE id = ANY(@ids)");
            }, ct);
}

/// <summary>
/// A draft not modified for a year is deleted, with its attachments that no message and no other draft uses (rows,
/// then files). Batched, idempotent.
/// </summary>
internal sealed class PurgeBrouillons(NpgsqlDataSource db, StockagePiecesJointesMessagerie stockage) : IPurgeRetention
{
    public string Nom => "communication.brouillon";

    public string Duree => "1 an sans modification";

    private const string SqlRacines = """
        SELECT id FROM communication.brouillon WHERE modifie_le < @limite ORDER BY modifie_le LIMIT 1000 FOR UPDATE SKIP LOCKED
        """;

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParRacines.PurgerAsync(db, stockage, SqlRacines, new { limite = maintenant.AddYears(-1) },
            async lot =>
            {
                lot.Parametre("pieces", await lot.IdsAsync("""
                    SELECT DISTINCT unnest(pieces_jointes) FROM communication.brouillon WHERE id = ANY(@ids)
                    """));
                await lot.SupprimerAsync("DELETE FROM communication.brouillon WHERE id = ANY(@ids)");
                await lot.SupprimerAvecFichiersAsync("""
                    DELETE FROM communication.piece_jointe pj
                    WHERE pj.id = ANY(@pieces)
                      AND NOT EXISTS (SELECT 1 FROM communication.message_piece_jointe mp WHERE mp.piece_jointe_id = pj.id)
                      AND NOT EXISTS (SELECT 1 FROM communication.brouillon b WHERE pj.id = ANY(b.pieces_jointes))
                    RETURNING pj.nom_stockage
                    """);
            }, ct);
}
