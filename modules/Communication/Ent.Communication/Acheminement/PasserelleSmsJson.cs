using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Acheminement;

/// <summary>
/// The generic JSON SMS gateway: <c>POST {Url}messages</c> with <c>{ "from", "to", "text", "reference" }</c>, a bearer
/// API key and an <c>Idempotency-Key</c> header (the outbox's key). 2xx → sent (the answer's <c>id</c> kept);
/// 408/429/5xx, timeouts, network errors and an open circuit → tried again later by the outbox; any other 4xx → refused
/// for good. Inside one try, Polly retries at once only what certainly did not send: a connection that failed, a 5xx or a
/// 429 answer. A timeout is never retried at once (the gateway may have the message and be slow: a quick re-POST was how
/// a slow gateway got 85 POSTs for 29 messages); it goes to the outbox's backoff. A circuit breaker stops calling a
/// gateway that keeps failing (see <c>CommunicationModule</c>).
/// </summary>
internal sealed class PasserelleSmsJson(HttpClient http, IOptions<SmsOptions> options) : IFournisseurSms
{
    private sealed record Requete(string From, string To, string Text, string Reference);

    private sealed record Reponse(string? Id);

    public bool Configure => options.Value.Url is not null;

    /// <summary>The longest one send may take, quick retries included (the pipeline's total timeout).</summary>
    public static TimeSpan DelaiTotal(int delaiSecondes) => TimeSpan.FromSeconds(2 * Math.Max(1, delaiSecondes));

    public async Task<ResultatEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct)
    {
        var o = options.Value;
        using var requete = new HttpRequestMessage(HttpMethod.Post, new Uri(o.Url!, "messages"))
        {
            Content = JsonContent.Create(new Requete(o.Expediteur, envoi.Adresse, envoi.Texte, envoi.Cle)),
        };
        requete.Headers.Add("Idempotency-Key", envoi.Cle);
        if (o.Cle is { Length: > 0 } cle)
        {
            requete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cle);
        }

        try
        {
            using var reponse = await http.SendAsync(requete, ct);
            if (reponse.IsSuccessStatusCode)
            {
                var corps = reponse.Content.Headers.ContentLength is 0 ? null : await TryReadAsync(reponse, ct);
                return new ResultatEnvoi.Accepte(corps?.Id);
            }

            var raison = $"Passerelle SMS : HTTP {(int)reponse.StatusCode}";
            return reponse.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)reponse.StatusCode >= 500
                ? new ResultatEnvoi.Reporte(raison)
                : new ResultatEnvoi.Refuse(raison);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            return new ResultatEnvoi.Reporte("Passerelle SMS en panne : appels suspendus quelques secondes (disjoncteur ouvert)");
        }
        catch (HttpRequestException e)
        {
            return new ResultatEnvoi.Reporte($"Passerelle SMS injoignable : {e.Message}");
        }
        catch (Exception e) when (e is TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            return new ResultatEnvoi.Reporte("Passerelle SMS : délai dépassé");
        }
    }

    private static async Task<Reponse?> TryReadAsync(HttpResponseMessage reponse, CancellationToken ct)
    {
        try
        {
            return await reponse.Content.ReadFromJsonAsync<Reponse>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
