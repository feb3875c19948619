using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Acheminement;

/// <summary>
/// Delivers the outbox (<c>communication.message_sortant</c>), one channel at a time (SMS, e-mail and in-app each have
/// their own loop: a hung gateway delays only its own channel). Several instances may run it at once.
/// <list type="bullet">
/// <item>A batch is claimed with <c>FOR UPDATE SKIP LOCKED</c> under a claim id (<c>reclame_par</c>, new for every batch)
/// and a lease (its next try pushed past <c>BailSecondes</c>). Every later update of the message checks that claim id:
/// a worker whose lease was taken over changes nothing.</item>
/// <item>Each message is marked sent as soon as the provider accepts it (one UPDATE by primary key), so a crash loses at
/// most the sends in flight, not the batch.</item>
/// <item>A batch starts no send after its deadline (the lease minus the longest a send may take, see
/// <see cref="SmsOptions.DelaiSecondes"/>), nor once the host is stopping, nor after a failure of the provider in the
/// batch: the claims not used are released at once. So no lease expires while its send may still be in flight.</item>
/// <item>A failure backs off 30 s·2ⁿ (capped at <c>AttenteMaxSecondes</c>). The first success after failures makes the
/// channel's waiting messages due again; while nothing is due, one waiting message is tried every <c>SondeSecondes</c>
/// (a probe), so an outage ends for everyone within that time of the provider's return.</item>
/// <item>Failed for good: a refusal (4xx) at once; a message still failing <c>AbandonHeures</c> after it was queued (its
/// age, not its number of tries: an outage makes many tries that say nothing about the message). An absence SMS
/// (key <c>absence:…</c>) not sent on the day it was queued (the families' time) expires instead: <c>annule</c> with the
/// reason; its in-app notification stays.</item>
/// </list>
/// SMS and push messages (issue 19) are held during quiet hours (20:00–07:00, the families' time); an absence push not
/// sent on its day expires like its SMS. A provider that de-duplicates by the
/// <c>Idempotency-Key</c> header makes the rare resend harmless (a send cut by a crash), but nothing here relies on it.
/// </summary>
internal sealed partial class Acheminement(
    NpgsqlDataSource db, IFournisseurSms sms, IFournisseurCourriel courriel, TimeProvider clock, IOptions<AcheminementOptions> options,
    ILogger<Acheminement> log, IOptions<SmsOptions>? smsOptions = null, IOptions<SmtpOptions>? smtpOptions = null, IFournisseurPush? push = null)
{
    internal static readonly string[] Canaux = ["application", "sms", "courriel", "push"];

    internal sealed record Message(
        Guid Id, string Canal, string? Adresse, Guid? PersonneId, string Sujet, string Texte, string CleIdempotence, int Tentatives,
        Guid? EleveId, string Categorie, string? Lien, string Statut);

    // Claimable: due and not under someone's live lease; in a probe (@horizon far ahead) one message backing off after a
    // failure. An absence SMS or push queued before today (the families' time) is expired by the same statement.
    private const string ReclamerSql = """
        UPDATE communication.message_sortant m
        SET tentatives = m.tentatives + 1, prochaine_tentative = @maintenant + make_interval(secs => @bail), reclame_par = @jeton,
            statut = CASE WHEN m.canal IN ('sms', 'push') AND m.cle_idempotence LIKE 'absence:%' AND m.cree_le < @debutJour THEN 'annule' ELSE m.statut END,
            erreur = CASE WHEN m.canal IN ('sms', 'push') AND m.cle_idempotence LIKE 'absence:%' AND m.cree_le < @debutJour
                THEN 'Expiré : absence d''un jour précédent, non envoyée' ELSE m.erreur END
        WHERE m.id IN (
            SELECT id FROM communication.message_sortant
            WHERE statut = 'en_attente' AND canal = @canal AND prochaine_tentative <= @horizon
              AND (prochaine_tentative <= @maintenant OR (reclame_par IS NULL AND erreur IS NOT NULL))
            ORDER BY prochaine_tentative
            LIMIT @lot
            FOR UPDATE SKIP LOCKED)
        RETURNING m.id, m.canal, m.adresse, m.personne_id, m.sujet, m.texte, m.cle_idempotence, m.tentatives, m.eleve_id, m.categorie, m.lien,
            m.statut
        """;

    // An SMS or e-mail withdrawn while it was in flight did leave: the truth is recorded. An in-app message is delivered
    // by our own statement, which already checked it was not withdrawn (NotificationSql): a withdrawn one stays so.
    private const string EnvoyeSql = """
        UPDATE communication.message_sortant
        SET statut = 'envoye', envoye_le = @maintenant, reference_fournisseur = @reference, erreur = NULL
        WHERE id = @id AND reclame_par = @jeton AND (statut = 'en_attente' OR (statut = 'annule' AND canal <> 'application'))
        """;

    private const string ReporteSql = """
        UPDATE communication.message_sortant
        SET statut = CASE WHEN cree_le < @abandon THEN 'echec' ELSE 'en_attente' END, reclame_par = NULL,
            prochaine_tentative = @maintenant + make_interval(secs => @attente), erreur = @raison
        WHERE id = @id AND reclame_par = @jeton AND statut = 'en_attente'
        """;

    private const string EchecSql = """
        UPDATE communication.message_sortant SET statut = 'echec', erreur = @raison, reclame_par = NULL
        WHERE id = @id AND reclame_par = @jeton AND statut = 'en_attente'
        """;

    // Claims not used (deadline, stop, provider failing): due again at once, the try not counted.
    private const string LibererSql = """
        UPDATE communication.message_sortant
        SET reclame_par = NULL, tentatives = tentatives - 1, prochaine_tentative = @maintenant
        WHERE id = ANY(@ids) AND reclame_par = @jeton AND statut = 'en_attente'
        """;

    // The provider is back: what waits after a failure is due now (not what another worker holds under its lease).
    private const string ReprendreSql = """
        UPDATE communication.message_sortant SET prochaine_tentative = @maintenant
        WHERE statut = 'en_attente' AND canal = @canal AND reclame_par IS NULL AND prochaine_tentative > @maintenant AND erreur IS NOT NULL
        """;

    // An in-app message becomes a notification, with the outbox's key: delivering it twice writes it once. Marked sent
    // and written in one statement, and only if still waiting: a withdrawal (announcement, event) that came after the
    // claim wins — it waits for this row's lock and deletes what was written, or this statement sees it withdrawn.
    private const string NotificationSql = """
        WITH livre AS (
            UPDATE communication.message_sortant SET statut = 'envoye', envoye_le = @maintenant, erreur = NULL
            WHERE id = @message AND reclame_par = @jeton AND statut = 'en_attente'
            RETURNING id)
        INSERT INTO communication.notification (id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, visible_le)
        SELECT @id, @destinataire, @eleve, @categorie, @titre, @texte, @lien, @cle, @maintenant FROM livre
        ON CONFLICT (destinataire_id, cle) DO NOTHING
        """;

    // Looked up once: the check runs at every batch, every half second.
    private readonly TimeZoneInfo fuseau = TimeZoneInfo.FindSystemTimeZoneById(options.Value.FuseauHoraire);

    // Per channel: when this instance last probed, and whether it saw the provider fail since its last success.
    private readonly ConcurrentDictionary<string, DateTimeOffset> dernieresSondes = new();
    private readonly ConcurrentDictionary<string, bool> enEchec = new();

    /// <summary>The longest one send of a channel may take (the provider's total timeout, retries included) plus a margin.</summary>
    internal TimeSpan EnvoiMax(string canal) => canal switch
    {
        "sms" => PasserelleSmsJson.DelaiTotal(smsOptions?.Value.DelaiSecondes ?? new SmsOptions().DelaiSecondes) + TimeSpan.FromSeconds(1),
        "courriel" => TimeSpan.FromSeconds(Math.Max(1, smtpOptions?.Value.DelaiSecondes ?? new SmtpOptions().DelaiSecondes) + 1),
        "push" => (push?.EnvoiMax ?? TimeSpan.Zero) + TimeSpan.FromSeconds(1),
        _ => TimeSpan.FromSeconds(5),
    };

    /// <summary>True between the end and the start of quiet hours (the families' local time): SMS may leave.</summary>
    public bool SmsPermis(DateTimeOffset maintenant)
    {
        var o = options.Value;
        var heure = TimeZoneInfo.ConvertTime(maintenant, fuseau).Hour;
        return o.DebutHeuresCalmes > o.FinHeuresCalmes
            ? heure >= o.FinHeuresCalmes && heure < o.DebutHeuresCalmes
            : heure >= o.FinHeuresCalmes || heure < o.DebutHeuresCalmes;
    }

    /// <summary>Midnight of <paramref name="maintenant"/>'s day in the families' time, as an instant.</summary>
    public DateTimeOffset DebutJour(DateTimeOffset maintenant)
    {
        var local = TimeZoneInfo.ConvertTime(maintenant, fuseau);
        var minuit = local.Date;
        return new DateTimeOffset(minuit, fuseau.GetUtcOffset(minuit)).ToUniversalTime(); // Npgsql writes UTC instants only
    }

    /// <summary>Whether this instance may deliver this channel now (configured, and outside quiet hours for SMS and push).</summary>
    public bool CanalOuvert(string canal, DateTimeOffset maintenant) => canal switch
    {
        "sms" => sms.Configure && SmsPermis(maintenant),
        // Quiet hours hold a push as they hold an SMS: a phone that lights up at night is the same intrusion.
        "push" => push is { Configure: true } && SmsPermis(maintenant),
        "courriel" => courriel.Configure,
        _ => true,
    };

    /// <summary>Claims and delivers one batch of a channel; returns how many messages were handled (0: nothing due).</summary>
    public async Task<int> TraiterLotAsync(string canal, CancellationToken ct)
    {
        var o = options.Value;
        var debut = clock.GetUtcNow();
        if (!CanalOuvert(canal, debut))
        {
            return 0;
        }

        var jeton = Guid.CreateVersion7();
        var lot = await ReclamerAsync(canal, jeton, debut, debut, o.Lot, ct);
        var nombre = lot.Count;
        // Nothing due: after a failure, one waiting message probes the provider now and then.
        var sonde = TimeSpan.FromSeconds(o.SondeSecondes);
        if (nombre == 0 && canal != "application" && debut - dernieresSondes.GetValueOrDefault(canal) >= sonde)
        {
            dernieresSondes[canal] = debut;
            lot = await ReclamerAsync(canal, jeton, debut, debut.AddYears(100), 1, ct);
            nombre = lot.Count;
        }

        lot = [.. lot.Where(m => m.Statut == "en_attente")];
        if (lot.Count == 0)
        {
            return nombre;
        }

        if (canal == "application")
        {
            // In-app messages of the batch become notifications in one statement, whatever their number (a roll call
            // makes as many as SMS: one INSERT and one UPDATE each were half the worker's round trips, issue #6).
            if (lot.Count > 1 && await NotifierLotAsync(lot, jeton))
            {
                return nombre;
            }
        }

        // No send starts after the deadline: a send started before it ends (its total timeout) before the lease does.
        var echeance = debut + TimeSpan.FromSeconds(o.BailSecondes) - EnvoiMax(canal) - TimeSpan.FromSeconds(1);
        var enPanne = 0;
        var nonEnvoyes = new ConcurrentBag<Guid>();
        // Once started, a send is finished even when the host is stopping (an interrupted send is the one that could
        // reach the family twice); shutdown waits for the sends in flight, bounded by the provider's timeout.
        await Parallel.ForEachAsync(lot, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallelisme) }, async (message, _) =>
        {
            if (ct.IsCancellationRequested || Volatile.Read(ref enPanne) != 0 || clock.GetUtcNow() >= echeance)
            {
                nonEnvoyes.Add(message.Id);
                return;
            }

            if (!await DelivrerAsync(message, jeton, CancellationToken.None))
            {
                Interlocked.Exchange(ref enPanne, 1);
            }
        });

        if (!nonEnvoyes.IsEmpty)
        {
            await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
            await conn.ExecuteAsync(new CommandDefinition(LibererSql, new { ids = nonEnvoyes.ToArray(), jeton, maintenant = clock.GetUtcNow() }));
            LogLiberes(log, nonEnvoyes.Count, canal);
        }

        // A provider failing: the loop pauses before the next batch (its claims were released).
        return enPanne != 0 ? 0 : nombre;
    }

    private async Task<List<Message>> ReclamerAsync(string canal, Guid jeton, DateTimeOffset maintenant, DateTimeOffset horizon, int lot,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Message>(new CommandDefinition(ReclamerSql, new
        {
            maintenant, horizon, canal, lot, jeton, bail = (double)options.Value.BailSecondes, debutJour = DebutJour(maintenant),
        }, cancellationToken: ct))).AsList();
    }

    private const string NotificationsSql = """
        WITH lot AS (
            SELECT * FROM unnest(@ids, @notifications, @destinataires, @eleves, @categories, @titres, @textes, @liens, @cles)
                AS l(message_id, notification_id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle)
        ), livres AS (
            UPDATE communication.message_sortant m SET statut = 'envoye', envoye_le = @maintenant, erreur = NULL
            FROM lot WHERE m.id = lot.message_id AND m.reclame_par = @jeton AND m.statut = 'en_attente'
            RETURNING m.id
        )
        INSERT INTO communication.notification (id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, visible_le)
        SELECT notification_id, destinataire_id, eleve_id, categorie, titre, texte, lien, cle, @maintenant
        FROM lot JOIN livres ON livres.id = lot.message_id
        ON CONFLICT (destinataire_id, cle) DO NOTHING
        """;

    /// <summary>Several in-app messages at once; false if the statement failed (then each is delivered on its own).</summary>
    private async Task<bool> NotifierLotAsync(List<Message> messages, Guid jeton)
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
                jeton,
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

    /// <summary>Sends one message and records its fate at once; false when the provider is failing (try again later).</summary>
    private async Task<bool> DelivrerAsync(Message message, Guid jeton, CancellationToken ct)
    {
        ResultatEnvoi resultat;
        try
        {
            resultat = message.Canal switch
            {
                "sms" => await sms.EnvoyerAsync(new Envoi(message.Adresse!, message.Sujet, message.Texte, message.CleIdempotence), ct),
                "courriel" => await courriel.EnvoyerAsync(new Envoi(message.Adresse!, message.Sujet, message.Texte, message.CleIdempotence), ct),
                "push" => await push!.EnvoyerAsync(new MessagePush(message.PersonneId!.Value, message.Sujet, message.Texte, message.Lien,
                    message.CleIdempotence, message.Categorie), ct),
                _ => await NotifierAsync(message, jeton, ct),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogErreur(log, e, message.Id, message.Canal);
            resultat = new ResultatEnvoi.Reporte("Erreur inattendue lors de l'envoi");
        }

        var o = options.Value;
        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        switch (resultat)
        {
            case ResultatEnvoi.Accepte accepte:
                await conn.ExecuteAsync(new CommandDefinition(EnvoyeSql, new { id = message.Id, jeton, reference = accepte.Reference, maintenant },
                    cancellationToken: ct));
                // The first success after failures (here, or a message that had failed elsewhere): the others waiting
                // after a failure need not wait for their backoff.
                if (enEchec.TryRemove(message.Canal, out _) | message.Tentatives > 1)
                {
                    var repris = await conn.ExecuteAsync(new CommandDefinition(ReprendreSql, new { canal = message.Canal, maintenant },
                        cancellationToken: ct));
                    if (repris > 0)
                    {
                        LogReprise(log, message.Canal, repris);
                    }
                }

                return true;
            case ResultatEnvoi.Refuse refuse:
                LogRefus(log, message.Id, message.Canal, refuse.Raison);
                await conn.ExecuteAsync(new CommandDefinition(EchecSql, new { id = message.Id, jeton, raison = refuse.Raison }, cancellationToken: ct));
                return true;
            case ResultatEnvoi.Reporte reporte:
                LogReport(log, message.Id, message.Canal, message.Tentatives, reporte.Raison);
                enEchec[message.Canal] = true;
                await conn.ExecuteAsync(new CommandDefinition(ReporteSql, new
                {
                    id = message.Id, jeton, maintenant, raison = reporte.Raison, attente = Attente(message.Tentatives, o.AttenteMaxSecondes),
                    abandon = maintenant - TimeSpan.FromHours(o.AbandonHeures),
                }, cancellationToken: ct));
                return false;
            default:
                return true;
        }
    }

    /// <summary>Backoff after the n-th failed try: 30 s, 1 min, 2 min, 4 min… capped at <paramref name="max"/> seconds.</summary>
    public static double Attente(int tentatives, double max = 3600) => Math.Min(max, 30 * Math.Pow(2, Math.Clamp(tentatives - 1, 0, 20)));

    private async Task<ResultatEnvoi> NotifierAsync(Message message, Guid jeton, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(NotificationSql, new
        {
            id = Guid.CreateVersion7(), message = message.Id, jeton, destinataire = message.PersonneId, eleve = message.EleveId, categorie = message.Categorie,
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Acheminement : {Nombre} message(s) {Canal} rendus (échéance du lot, arrêt ou fournisseur en panne)")]
    private static partial void LogLiberes(ILogger logger, int nombre, string canal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acheminement ({Canal}) : le fournisseur répond de nouveau, {Nombre} message(s) en attente repris")]
    private static partial void LogReprise(ILogger logger, string canal, int nombre);
}
