using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.Notifications;
using Enlace.Grains.Victims;
using Npgsql;

namespace Enlace.Silo.Notifications;

/// <summary>
/// Delivers a notification to a webhook subscriber: a JSON body of system fields, signed
/// (<see cref="WebhookSignature"/>), to an <c>https</c> URL (or <c>http</c> to an allow-listed host).
/// Redirects are not followed, no proxy is used, and every address the host resolves to is checked
/// when the connection is made, so a name that points inside the network is refused (SSRF).
/// </summary>
public sealed class WebhookChannel : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly NpgsqlDataSource _database;
    private readonly IdentityVault _vault;
    private readonly NotificationOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    /// <summary>A channel over the subscribers in <paramref name="database"/>, their secrets opened by <paramref name="vault"/>.</summary>
    public WebhookChannel(NpgsqlDataSource database, IdentityVault vault, NotificationOptions options, TimeProvider time)
    {
        _database = database;
        _vault = vault;
        _options = options;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.Webhooks.Timeout,
            ConnectCallback = ConnectAsync,
        };
        _http = new HttpClient(handler) { Timeout = options.Webhooks.Timeout };
    }

    /// <summary>The JSON body of <paramref name="delivery"/>.</summary>
    public static string Body(Delivery delivery, string baseUrl) => JsonSerializer.Serialize(new
    {
        id = delivery.Id,
        @event = delivery.NotificationId,
        kind = delivery.Kind,
        sourceKind = delivery.SourceKind,
        sourceId = delivery.SourceId,
        reference = delivery.Reference,
        taskId = delivery.TaskId,
        agency = delivery.Agency,
        at = delivery.At.UtcDateTime,
        link = NotificationMessages.Link(delivery, baseUrl),
    }, Json);

    /// <summary>Calls the subscriber once: 2xx is delivered; 3xx and 4xx (but 408, 429) are refusals; the rest is retried.</summary>
    public async Task<DeliveryResult> SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        await using var read = _database.CreateCommand("SELECT url, sealed_secret, deleted_at IS NOT NULL FROM notify_webhooks WHERE id = @id");
        read.Parameters.AddWithValue("id", delivery.Recipient);
        string url;
        byte[] secret;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken) || reader.GetBoolean(2))
            {
                return DeliveryResult.Permanent("the subscriber was deleted");
            }

            url = reader.GetString(0);
            secret = _vault.OpenSecret(WebhookSecretGrain.Purpose, delivery.Recipient, reader.GetFieldValue<byte[]>(1));
        }

        if (WebhookUrls.Check(url, _options.Webhooks.AllowedHosts) is { } refused)
        {
            return DeliveryResult.Permanent(refused);
        }

        var body = Body(delivery, _options.BaseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id);
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Kind);
        request.Headers.UserAgent.ParseAdd("Enlace-Webhooks/1");
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => DeliveryResult.Sent,
                >= 300 and < 400 => DeliveryResult.Permanent($"HTTP {status}: redirects are not followed"),
                408 or 429 => DeliveryResult.Retry($"HTTP {status}"),
                >= 400 and < 500 => DeliveryResult.Permanent($"HTTP {status}"),
                _ => DeliveryResult.Retry($"HTTP {status}"),
            };
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refusal)
        {
            return DeliveryResult.Permanent(refusal.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Retry($"connection: {e.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry($"no answer within {_options.Webhooks.Timeout.TotalSeconds:0} s");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static AddressRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new AddressRefusedException($"'{host}' resolves to no address");
        }

        if (!_options.Webhooks.AllowPrivateAddresses && addresses.FirstOrDefault(a => !WebhookAddresses.IsPublic(a)) is { } inside)
        {
            throw new AddressRefusedException($"'{host}' resolves to {inside}, a private, loopback or link-local address (Notifications:Webhooks:AllowPrivateAddresses is off)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class AddressRefusedException(string message) : Exception(message);
}
