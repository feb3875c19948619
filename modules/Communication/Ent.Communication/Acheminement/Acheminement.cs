using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Acheminement;

/// <summary>
/// Delivers the outbox (<c>communication.message_sortant</c>). Several instances may run it at once: a batch is claimed
/// with <c>FOR UPDATE SKIP LOCKED</c> and leased (its next try pushed past the lease), so each message is in one
/// instance's hands at a time; an instance that dies leaves its lease to expire and another retries. The idempotency key
/// travels to the provider, so a retry after a lost answer does not send twice. SMS are held during quiet hours
/// (20:00–07:00, the families' time); in-app messages become notifications at once.
/// </summary>
internal sealed partial class Acheminement(
    NpgsqlDataSource db, IFournisseurSms sms, IFournisseurCourriel courriel, TimeProvider clock, IOptions<AcheminementOptions> options,
    ILogger<Acheminement> log)
{
    internal sealed record Message(
        Guid Id, string Canal, string? Adresse, Guid? PersonneId, string Sujet, string Texte, string CleIdempotence, int Tentatives,
        Guid? EleveId, string Categorie, string? Lien);

    private const string ReclamerSql = """
        UPDATE communication.message_sortant m
        SET tentatives = m.tentatives + 1, prochaine_tentative = @maintenant + make_interval(secs => @bail)
        WHERE m.id IN (
            SELECT id FROM communication.message_sortant
            WHERE statut = 'en_attente' AND prochaine_tentative <= @maintenant AND canal = ANY(@canaux)
            ORDER BY prochaine_tentative
            LIMIT @lot
            FOR UPDATE SKIP LOCKED)
        RETURNING m.id, m.canal, m.adresse, m.personne_id, m.sujet, m.texte, m.cle_idempotence, m.tentatives, m.eleve_id, m.categorie, m.lien
        """;

    private const string ReporteSql = """
        UPDATE communication.message_sortant
        SET statut = CASE WHEN tentatives >= @max THEN 'echec' ELSE 'en_attente' END,
            prochaine_tentative = @maintenant + make_interval(secs => @attente), erreur = @raison
        WHERE id = @id AND statut = 'en_attente'
        """;

    private const string EchecSql = """
        UPDATE communication.message_sortant SET statut = 'echec', erreur = @raison WHERE id = @id AND statut = 'en_attente'
        """;

    // An in-app message becomes a notification, with the outbox's key: delivering it twice writes it once.
    private const string NotificationSql = """
        INSERT INTO communication.notification (id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, visible_le)
        VALUES (@id, @destinataire, @eleve, @categorie, @titre, @texte, @lien, @cle, @maintenant)
        ON CONFLICT (destinataire_id, cle) DO NOTHING
        """;

    // Looked up once: the check runs at every batch, every half second.
    private readonly TimeZoneInfo fuseau = TimeZoneInfo.FindSystemTimeZoneById(options.Value.FuseauHoraire);

    /// <summary>True between the end and the start of quiet hours (the families' local time): SMS may leave.</summary>
    public bool SmsPermis(DateTimeOffset maintenant)
    {
        var o = options.Value;
        var heure = TimeZoneInfo.ConvertTime(maintenant, fuseau).Hour;
        return o.DebutHeuresCalmes > o.FinHeuresCalmes
            ? heure >= o.FinHeuresCalmes && heure < o.DebutHeuresCalmes
            : heure >= o.FinHeuresCalmes || heure < o.DebutHeuresCalmes;
    }

    /// <summary>Claims and delivers one batch; returns how many messages were handled (0: nothing due).</summary>
    public async Task<int> TraiterLotAsync(CancellationToken ct)
    {
        var o = options.Value;
        var maintenant = clock.GetUtcNow();
        var canaux = new List<string> { "application" };
        if (sms.Configure && SmsPermis(maintenant))
        {
            canaux.Add("sms");
        }

        if (courriel.Configure)
        {
            canaux.Add("courriel");
        }

        List<Message> lot;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            lot = (await conn.QueryAsync<Message>(new CommandDefinition(ReclamerSql,
                new { maintenant, bail = (double)o.BailSecondes, canaux = canaux.ToArray(), lot = o.Lot }, cancellationToken: ct))).AsList();
        }

        // In-app messages of the batch become notifications in two statements, whatever their number (a roll call makes
        // as many as SMS: one INSERT and one UPDATE each were half the worker's round trips, issue #6).
        var nombre = lot.Count;
        var applications = lot.Where(m => m.Canal == "application").ToList();
        if (applications.Count > 1 && await NotifierLotAsync(applications))
        {
            lot = [.. lot.Where(m => m.Canal != "application")];
        }

        // Once claimed, a message is finished even when the host is stopping: an interrupted send is the one that could
        // reach the family twice. Shutdown waits for the batch (bounded by the providers' timeouts).
        var acceptes = new System.Collections.Concurrent.ConcurrentBag<(Guid Id, string? Reference)>();
        await Parallel.ForEachAsync(lot, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallelisme) },
            async (message, _) => await DelivrerAsync(message, acceptes, CancellationToken.None));
        // The messages that left, recorded together: a crash before this statement leaves them claimed, and the retry
        // after the lease carries the same idempotency key, which the gateway recognises.
        if (acceptes.ToArray() is { Length: > 0 } partis)
        {
            await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
            await conn.ExecuteAsync(new CommandDefinition(EnvoyesSql, new
            {
                ids = partis.Select(a => a.Id).ToArray(), references = partis.Select(a => a.Reference).ToArray(), maintenant = clock.GetUtcNow(),
            }));
        }

        return nombre;
    }

    // A message withdrawn while it was in flight did leave: the truth is recorded.
    private const string EnvoyesSql = """
        UPDATE communication.message_sortant m
        SET statut = 'envoye', envoye_le = @maintenant, reference_fournisseur = a.reference, erreur = NULL
        FROM unnest(@ids, @references) AS a(id, reference)
        WHERE m.id = a.id AND m.statut IN ('en_attente', 'annule')
        """;

    private const string NotificationsSql = """
        WITH lot AS (
            SELECT * FROM unnest(@ids, @notifications, @destinataires, @eleves, @categories, @titres, @textes, @liens, @cles)
                AS l(message_id, notification_id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle)
        ), notifiees AS (
            INSERT INTO communication.notification (id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, visible_le)
            SELECT notification_id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, @maintenant FROM lot
            ON CONFLICT (destinataire_id, cle) DO NOTHING
        )
        UPDATE communication.message_sortant m SET statut = 'envoye', envoye_le = @maintenant, erreur = NULL
        FROM lot WHERE m.id = lot.message_id AND m.statut IN ('en_attente', 'annule')
        """;

    /// <summary>Several in-app messages at once; false if the statement failed (then each is delivered on its own).</summary>
    private async Task<bool> NotifierLotAsync(List<Message> messages)
    {
        try
        {
            await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
            await conn.ExecuteAsync(new CommandDefinition(NotificationsSql, new
            {
                ids = messages.Select(m => m.Id).ToArray(),
                notifications = messages.Select(_ => Guid.CreateVersion7()).ToArray(),
                destinataires = messages.Select(m => m.PersonneId).ToArray(),
                eleves = messages.Select(m => m.EleveId).ToArray(),
                categories = messages.Select(m => m.Categorie).ToArray(),
                titres = messages.Select(m => m.Sujet).ToArray(),
                textes = messages.Select(m => m.Texte).ToArray(),
                liens = messages.Select(m => m.Lien).ToArray(),
                cles = messages.Select(m => m.CleIdempotence).ToArray(),
                maintenant = clock.GetUtcNow(),
            }));
            return true;
        }
        catch (NpgsqlException e)
        {
            LogLotNotifications(log, e, messages.Count);
            return false;
        }
    }

    private async Task DelivrerAsync(Message message, System.Collections.Concurrent.ConcurrentBag<(Guid Id, string? Reference)> acceptes,
        CancellationToken ct)
    {
        ResultatEnvoi resultat;
        try
        {
            resultat = message.Canal switch
            {
                "sms" => await sms.EnvoyerAsync(new Envoi(message.Adresse!, message.Sujet, message.Texte, message.CleIdempotence), ct),
                "courriel" => await courriel.EnvoyerAsync(new Envoi(message.Adresse!, message.Sujet, message.Texte, message.CleIdempotence), ct),
                _ => await NotifierAsync(message, ct),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogErreur(log, e, message.Id, message.Canal);
            resultat = new ResultatEnvoi.Reporte("Erreur inattendue lors de l'envoi");
        }

        if (resultat is ResultatEnvoi.Accepte accepte)
        {
            acceptes.Add((message.Id, accepte.Reference));
            return;
        }

        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        switch (resultat)
        {
            case ResultatEnvoi.Refuse refuse:
                LogRefus(log, message.Id, message.Canal, refuse.Raison);
                await conn.ExecuteAsync(new CommandDefinition(EchecSql, new { id = message.Id, raison = refuse.Raison }, cancellationToken: ct));
                break;
            case ResultatEnvoi.Reporte reporte:
                LogReport(log, message.Id, message.Canal, message.Tentatives, reporte.Raison);
                await conn.ExecuteAsync(new CommandDefinition(ReporteSql, new
                {
                    id = message.Id, maintenant, raison = reporte.Raison, max = options.Value.TentativesMax, attente = Attente(message.Tentatives),
                }, cancellationToken: ct));
                break;
        }
    }

    /// <summary>Backoff after the n-th failed try: 30 s, 1 min, 2 min, 4 min… capped at one hour.</summary>
    public static double Attente(int tentatives) => Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, tentatives - 1)));

    private async Task<ResultatEnvoi> NotifierAsync(Message message, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(NotificationSql, new
        {
            id = Guid.CreateVersion7(), destinataire = message.PersonneId, eleve = message.EleveId, categorie = message.Categorie,
            titre = message.Sujet, texte = message.Texte, lien = message.Lien, cle = message.CleIdempotence,
            maintenant = clock.GetUtcNow(),
        }, cancellationToken: ct));
        return new ResultatEnvoi.Accepte(null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acheminement : {Nombre} notification(s) écrites une à une après l'échec de l'écriture groupée")]
    private static partial void LogLotNotifications(ILogger logger, Exception e, int nombre);

    [LoggerMessage(Level = LogLevel.Error, Message = "Acheminement : erreur inattendue pour le message {Id} ({Canal})")]
    private static partial void LogErreur(ILogger logger, Exception e, Guid id, string canal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acheminement : message {Id} ({Canal}) refusé : {Raison}")]
    private static partial void LogRefus(ILogger logger, Guid id, string canal, string raison);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acheminement : message {Id} ({Canal}) reporté après l'essai {Tentatives} : {Raison}")]
    private static partial void LogReport(ILogger logger, Guid id, string canal, int tentatives, string raison);
}
