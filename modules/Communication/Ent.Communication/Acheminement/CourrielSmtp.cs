using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.CircuitBreaker;

namespace Ent.Communication.Acheminement;

/// <summary>E-mail through SMTP (MailKit): one connection per message, plain text, the outbox key as Message-Id.</summary>
internal sealed class CourrielSmtp(IOptions<SmtpOptions> options) : IFournisseurCourriel
{
    public bool Configure => !string.IsNullOrWhiteSpace(options.Value.Hote);

    /// <summary>The longest one e-mail may take (connection, authentication, sending): a batch's deadline counts on it.</summary>
    public TimeSpan DelaiTotal => TimeSpan.FromSeconds(Math.Max(1, options.Value.DelaiSecondes));

    // The server's circuit breaker: after repeated failures, e-mails wait in the outbox without a connection each.
    private readonly ResiliencePipeline<ResultatEnvoi> disjoncteur = new ResiliencePipelineBuilder<ResultatEnvoi>()
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ResultatEnvoi>
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is ResultatEnvoi.Reporte),
            FailureRatio = 0.5, MinimumThroughput = 5, SamplingDuration = TimeSpan.FromSeconds(30), BreakDuration = TimeSpan.FromSeconds(15),
        })
        .Build();

    public async Task<ResultatEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(envoi);
        try
        {
            return await disjoncteur.ExecuteAsync(async t => await EnvoyerDirectementAsync(envoi, t), ct);
        }
        catch (BrokenCircuitException)
        {
            return new ResultatEnvoi.Reporte("Serveur de courriel en panne : envois suspendus quelques secondes (disjoncteur ouvert)");
        }
    }

    private async Task<ResultatEnvoi> EnvoyerDirectementAsync(Envoi envoi, CancellationToken ct)
    {
        var o = options.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.Expediteur));
        if (!MailboxAddress.TryParse(envoi.Adresse, out var destinataire))
        {
            return new ResultatEnvoi.Refuse("Adresse électronique invalide");
        }

        message.To.Add(destinataire);
        message.Subject = envoi.Sujet;
        // A stable Message-Id from the idempotency key: a server or a reader can tell a retried copy from a new message.
        message.MessageId = $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(envoi.Cle)))[..32]}@ent";
        message.Body = new TextPart("plain") { Text = envoi.Texte };

        using var client = new SmtpClient { Timeout = (int)DelaiTotal.TotalMilliseconds };
        using var delai = CancellationTokenSource.CreateLinkedTokenSource(ct);
        delai.CancelAfter(DelaiTotal);
        try
        {
            await client.ConnectAsync(o.Hote!, o.Port, o.Tls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, delai.Token);
            if (!string.IsNullOrEmpty(o.Utilisateur))
            {
                await client.AuthenticateAsync(o.Utilisateur, o.MotDePasse ?? "", delai.Token);
            }

            await client.SendAsync(message, delai.Token);
            try
            {
                await client.DisconnectAsync(true, delai.Token);
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or OperationCanceledException)
            {
                // Accepted already: a failed goodbye must not send the message again.
            }

            return new ResultatEnvoi.Accepte(message.MessageId);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return new ResultatEnvoi.Refuse($"Serveur de courriel : {(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or IOException
                                      or System.Net.Sockets.SocketException or AuthenticationException or OperationCanceledException
                                  && !ct.IsCancellationRequested)
        {
            return new ResultatEnvoi.Reporte($"Serveur de courriel : {e.Message}");
        }
    }
}
