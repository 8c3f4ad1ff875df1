using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Enlace.Silo.Notifications;

/// <summary>
/// Sends one notification e-mail per delivery over SMTP (MailKit). The Message-ID is derived from
/// the delivery id, so a message sent again after a crash carries the same Message-ID: receivers
/// and mail stores recognise the duplicate.
/// </summary>
public sealed class EmailChannel(NotificationOptions options)
{
    /// <summary>The Message-ID of <paramref name="deliveryId"/> (without angle brackets).</summary>
    public static string MessageId(string deliveryId, string from) =>
        $"{deliveryId}@{(MailboxAddress.TryParse(from, out var sender) && sender.Domain.Length > 0 ? sender.Domain : "enlace.invalid")}";

    /// <summary>Sends <paramref name="delivery"/>; SMTP 5xx answers are permanent, everything else is worth a retry.</summary>
    public async Task<DeliveryResult> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var smtp = options.Email.Smtp;
        var (subject, body) = NotificationMessages.Compose(delivery, options.BaseUrl);
        var message = new MimeMessage
        {
            MessageId = MessageId(delivery.Id, smtp.From),
            Subject = subject,
            Body = new TextPart("plain") { Text = body },
        };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(delivery.Recipient));
        message.Headers.Add("X-Enlace-Delivery", delivery.Id);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(HeaderId.ContentLanguage, delivery.Language == "en" ? "en" : "es");

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (smtp.User.Length > 0)
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return DeliveryResult.Sent;
        }
        catch (SmtpCommandException e)
        {
            var error = $"SMTP {(int)e.StatusCode} on {e.ErrorCode}";
            return (int)e.StatusCode >= 500 ? DeliveryResult.Permanent(error) : DeliveryResult.Retry(error);
        }
        catch (AuthenticationException)
        {
            return DeliveryResult.Retry("SMTP authentication failed");
        }
        catch (Exception e) when (e is SmtpProtocolException or ServiceNotConnectedException or IOException or System.Net.Sockets.SocketException
                                      or TimeoutException or SslHandshakeException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry($"SMTP connection: {e.GetType().Name}");
        }
    }
}
