using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ent.Communication.Acheminement;

/// <summary>E-mail through SMTP (MailKit): one connection per message, plain text, the outbox key as Message-Id.</summary>
internal sealed class CourrielSmtp(IOptions<SmtpOptions> options) : IFournisseurCourriel
{
    public bool Configure => !string.IsNullOrWhiteSpace(options.Value.Hote);

    public async Task<ResultatEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct)
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

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(o.Hote!, o.Port, o.Tls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(o.Utilisateur))
            {
                await client.AuthenticateAsync(o.Utilisateur, o.MotDePasse ?? "", ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
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
