using System.Collections.Concurrent;
using Enlace.Silo.Notifications;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Enlace.Tests.Notifications;

/// <summary>
/// A webhook subscriber on loopback (Kestrel) that verifies each call's signature the way the
/// documentation tells receivers to, answers 500 to the first <c>fail</c> calls, and can hold the
/// first call it accepts before answering.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/enlace/events";
    }

    /// <summary>The URL to register.</summary>
    public string Url { get; }

    /// <summary>Every call received, in order.</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Starts a receiver that checks signatures with <paramref name="secret"/>.</summary>
    public static async Task<WebhookReceiver> StartAsync(string secret, int fail = 0, TimeSpan? holdFirstAccepted = null)
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        var held = 0;
        app.MapPost("/enlace/events", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var valid = WebhookSignature.Verify(System.Text.Encoding.UTF8.GetBytes(secret), http.Request.Headers[WebhookSignature.Header], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            var number = Interlocked.Increment(ref receiver._calls);
            var status = number <= fail ? 500 : 204;
            receiver.Calls.Enqueue(new Call(http.Request.Headers[WebhookSignature.DeliveryHeader].ToString(), http.Request.Headers[WebhookSignature.EventHeader].ToString(), valid, body, status));
            if (status == 204 && holdFirstAccepted is { } hold && Interlocked.Exchange(ref held, 1) == 0)
            {
                await Task.Delay(hold, CancellationToken.None);
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    /// <summary>One call: its delivery id, event kind, whether the signature verified, the body and the status answered.</summary>
    public sealed record Call(string DeliveryId, string Kind, bool SignatureValid, string Body, int Status);
}
