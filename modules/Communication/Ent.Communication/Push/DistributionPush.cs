using System.Net;
using System.Text.Json;
using Dapper;
using Ent.Communication.Acheminement;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Push;

/// <summary>
/// Delivers one outbox push message to every device of its recipient, through each device's push service, with the
/// platform's VAPID signature (<c>Authorization: vapid t=…, k=…</c>) and the payload encrypted for that browser
/// (<c>aes128gcm</c>). The payload is small JSON <c>{ titre, texte, lien, cle }</c>: no more than the SMS says.
/// <list type="bullet">
/// <item>404/410: the device unsubscribed or expired — its subscription is deleted, the other devices still get it.</item>
/// <item>408/429/5xx, timeouts, network errors: the outbox's backoff, as for SMS — only when no device got it, so a
/// retry never shows the message twice on a device that had it (the service worker's tag, the key, would merge it anyway).</item>
/// <item>Any other 4xx (a payload refused, a bad signature): that device is skipped for this message.</item>
/// </list>
/// </summary>
internal sealed partial class DistributionPush(HttpClient http, NpgsqlDataSource db, ClesVapid cles, IOptions<PushOptions> options, TimeProvider clock,
    ILogger<DistributionPush> log) : IFournisseurPush
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Appareil(Guid Id, string Endpoint, string P256dh, string Auth);

    private sealed record Contenu(string Titre, string Texte, string? Lien, string Cle);

    private const string AppareilsSql = """
        SELECT id, endpoint, p256dh, auth FROM communication.abonnement_push WHERE personne_id = @personneId ORDER BY cree_le LIMIT 20
        """;

    private const string SuccesSql = "UPDATE communication.abonnement_push SET dernier_succes = @maintenant WHERE id = ANY(@ids)";

    private const string OublierSql = "DELETE FROM communication.abonnement_push WHERE id = @id";

    public bool Configure => options.Value.Actif;

    // Twenty devices at most, each bounded by the client's timeout.
    public TimeSpan EnvoiMax => TimeSpan.FromSeconds(Math.Max(1, options.Value.DelaiSecondes) * 2 + 1);

    public async Task<ResultatEnvoi> EnvoyerAsync(MessagePush message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<Appareil> appareils;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            appareils = (await conn.QueryAsync<Appareil>(new CommandDefinition(AppareilsSql, new { personneId = message.PersonneId }, cancellationToken: ct))).AsList();
        }

        if (appareils.Count == 0)
        {
            return new ResultatEnvoi.Refuse("Aucun appareil abonné aux notifications push");
        }

        var paire = await cles.ObtenirAsync(ct);
        using var vapid = new VapidAuthentication(paire.Publique, paire.Privee) { Subject = options.Value.Sujet };
        var client = new PushServiceClient(http) { AutoRetryAfter = false, DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid };
        var contenu = JsonSerializer.Serialize(new Contenu(message.Titre, message.Texte, message.Lien, message.Cle), Json);
        var reussis = new List<Guid>();
        var oublies = 0;
        string? report = null;
        string? refus = null;
        using var delai = CancellationTokenSource.CreateLinkedTokenSource(ct);
        delai.CancelAfter(EnvoiMax - TimeSpan.FromSeconds(1));
        foreach (var appareil in appareils)
        {
            var abonnement = new PushSubscription { Endpoint = appareil.Endpoint };
            abonnement.SetKey(PushEncryptionKeyName.P256DH, appareil.P256dh);
            abonnement.SetKey(PushEncryptionKeyName.Auth, appareil.Auth);
            var push = new PushMessage(contenu)
            {
                TimeToLive = options.Value.DureeVieSecondes,
                // An absence is time-sensitive (the family may call the school now); the rest is ordinary.
                Urgency = message.Categorie == "absence" ? PushMessageUrgency.High : PushMessageUrgency.Normal,
            };
            try
            {
                await client.RequestPushMessageDeliveryAsync(abonnement, push, vapid, VapidAuthenticationScheme.Vapid, delai.Token);
                reussis.Add(appareil.Id);
            }
            catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
                await conn.ExecuteAsync(new CommandDefinition(OublierSql, new { id = appareil.Id }, cancellationToken: CancellationToken.None));
                LogOublie(log, appareil.Id, (int)e.StatusCode);
                oublies++;
            }
            catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)e.StatusCode >= 500)
            {
                report = $"Service push : HTTP {(int)e.StatusCode}";
            }
            catch (PushServiceClientException e)
            {
                refus = $"Service push : HTTP {(int)e.StatusCode}";
                LogRefus(log, appareil.Id, (int)e.StatusCode);
            }
            catch (HttpRequestException e)
            {
                report = $"Service push injoignable : {e.HttpRequestError}";
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                report = "Service push : délai dépassé";
            }
        }

        if (reussis.Count > 0)
        {
            await using var conn = await db.OpenConnectionAsync(CancellationToken.None);
            await conn.ExecuteAsync(new CommandDefinition(SuccesSql, new { ids = reussis.ToArray(), maintenant = clock.GetUtcNow() },
                cancellationToken: CancellationToken.None));
            return new ResultatEnvoi.Accepte($"{reussis.Count} appareil(s)");
        }

        return report is not null ? new ResultatEnvoi.Reporte(report)
            : refus is not null ? new ResultatEnvoi.Refuse(refus)
            : new ResultatEnvoi.Refuse($"Plus aucun appareil abonné ({oublies} abonnement(s) expiré(s), supprimé(s))");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Push : l'abonnement {Id} a expiré (HTTP {Statut}), supprimé")]
    private static partial void LogOublie(ILogger logger, Guid id, int statut);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push : l'appareil {Id} a refusé le message (HTTP {Statut})")]
    private static partial void LogRefus(ILogger logger, Guid id, int statut);
}
