using Dapper;
using Ent.Communication.Contracts;
using Npgsql;

namespace Ent.Communication.Messages;

/// <summary>Writes messages into the outbox (communication.message_sortant); delivery is the worker's job.</summary>
internal sealed class Messagerie(NpgsqlDataSource db) : IMessagerie
{
    private const string Sql = """
        INSERT INTO communication.message_sortant (id, canal, adresse, personne_id, sujet, texte, cle_idempotence)
        VALUES (@Id, @Canal, @Adresse, @PersonneId, @Sujet, @Texte, @CleIdempotence)
        ON CONFLICT (cle_idempotence) DO NOTHING
        """;

    public async Task PlanifierAsync(MessageSortant message, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, Parametres(message), cancellationToken: ct));
    }

    public Task PlanifierAsync(MessageSortant message, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct) =>
        connexion.ExecuteAsync(new CommandDefinition(Sql, Parametres(message), transaction, cancellationToken: ct));

    private static object Parametres(MessageSortant m) => new
    {
        Id = Guid.CreateVersion7(),
        Canal = m.Canal switch { Canal.Sms => "sms", Canal.Courriel => "courriel", _ => "application" },
        m.Adresse,
        m.PersonneId,
        m.Sujet,
        m.Texte,
        m.CleIdempotence,
    };
}
