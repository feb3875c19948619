using Dapper;
using Ent.Communication.Contracts;
using Npgsql;

namespace Ent.Communication.Messages;

/// <summary>Writes messages into the outbox (communication.message_sortant); delivery is the worker's job.</summary>
internal sealed class Messagerie(NpgsqlDataSource db) : IMessagerie
{
    private const string Sql = """
        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, eleve_id, etablissement_id, categorie, lien)
        VALUES (@Id, @Canal, @Adresse, @PersonneId, @Sujet, @Texte, @CleIdempotence, @EleveId, @EtablissementId, @Categorie, @Lien)
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
        m.EleveId,
        m.EtablissementId,
        m.Categorie,
        m.Lien,
    };

    // LIKE with the prefix's own wildcards escaped: a key is plain text.
    private const string RetirerSql = """
        WITH retires AS (
            UPDATE communication.message_sortant SET statut = 'annule'
            WHERE cle_idempotence LIKE @motif AND statut = 'en_attente'
            RETURNING cle_idempotence)
        DELETE FROM communication.notification WHERE cle LIKE @motif AND lue_le IS NULL;
        SELECT cle_idempotence FROM communication.message_sortant
        WHERE cle_idempotence LIKE @motif AND statut IN ('envoye', 'remis');
        """;

    public async Task<IReadOnlyList<string>> RetirerAsync(string prefixeCle, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var motif = prefixeCle.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
        return (await connexion.QueryAsync<string>(new CommandDefinition(RetirerSql, new { motif }, transaction, cancellationToken: ct))).AsList();
    }
}
