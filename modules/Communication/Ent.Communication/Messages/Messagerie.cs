using Dapper;
using Ent.Communication.Contracts;
using Npgsql;

namespace Ent.Communication.Messages;

/// <summary>
/// Writes messages into the outbox (communication.message_sortant); delivery is the worker's job. A row is stamped with
/// the application's clock (queued and due now), the one the worker compares with: the database's own clock (the
/// columns' defaults) would disagree with a pinned clock in tests, and with a host whose clock drifts from the server's.
/// </summary>
internal sealed class Messagerie(NpgsqlDataSource db, TimeProvider clock) : IMessagerie
{
    private const string Sql = """
        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, eleve_id, etablissement_id, categorie, lien, cree_le,
             prochaine_tentative)
        VALUES (@Id, @Canal, @Adresse, @PersonneId, @Sujet, @Texte, @CleIdempotence, @EleveId, @EtablissementId, @Categorie, @Lien, @Maintenant,
                @Maintenant)
        ON CONFLICT (cle_idempotence) DO NOTHING
        """;

    public async Task PlanifierAsync(MessageSortant message, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, Parametres(message), cancellationToken: ct));
    }

    public Task PlanifierAsync(MessageSortant message, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct) =>
        connexion.ExecuteAsync(new CommandDefinition(Sql, Parametres(message), transaction, cancellationToken: ct));

    private const string PlusieursSql = """
        INSERT INTO communication.message_sortant
            (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, eleve_id, etablissement_id, categorie, lien, cree_le,
             prochaine_tentative)
        SELECT *, @Maintenant, @Maintenant
        FROM unnest(@Ids, @Canaux, @Adresses, @PersonneIds, @Sujets, @Textes, @Cles, @EleveIds, @EtablissementIds, @Categories, @Liens)
        ON CONFLICT (cle_idempotence) DO NOTHING
        """;

    public Task PlanifierAsync(IReadOnlyCollection<MessageSortant> messages, NpgsqlConnection connexion, NpgsqlTransaction transaction,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Count switch
        {
            0 => Task.CompletedTask,
            1 => PlanifierAsync(messages.First(), connexion, transaction, ct),
            _ => connexion.ExecuteAsync(new CommandDefinition(PlusieursSql, new
            {
                Ids = messages.Select(_ => Guid.CreateVersion7()).ToArray(),
                Canaux = messages.Select(m => Code(m.Canal)).ToArray(),
                Adresses = messages.Select(m => m.Adresse).ToArray(),
                PersonneIds = messages.Select(m => m.PersonneId).ToArray(),
                Sujets = messages.Select(m => m.Sujet).ToArray(),
                Textes = messages.Select(m => m.Texte).ToArray(),
                Cles = messages.Select(m => m.CleIdempotence).ToArray(),
                EleveIds = messages.Select(m => m.EleveId).ToArray(),
                EtablissementIds = messages.Select(m => m.EtablissementId).ToArray(),
                Categories = messages.Select(m => m.Categorie).ToArray(),
                Liens = messages.Select(m => m.Lien).ToArray(),
                Maintenant = clock.GetUtcNow(),
            }, transaction, cancellationToken: ct)),
        };
    }

    private static string Code(Canal canal) => canal switch { Canal.Sms => "sms", Canal.Courriel => "courriel", Canal.Push => "push", _ => "application" };

    private object Parametres(MessageSortant m) => new
    {
        Id = Guid.CreateVersion7(),
        Canal = Code(m.Canal),
        m.Adresse,
        m.PersonneId,
        m.Sujet,
        m.Texte,
        m.CleIdempotence,
        m.EleveId,
        m.EtablissementId,
        m.Categorie,
        m.Lien,
        Maintenant = clock.GetUtcNow(),
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
