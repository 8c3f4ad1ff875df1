using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Enlace.Grains.Interfaces.Security;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans;

namespace Enlace.Tests.Operations;

/// <summary>
/// A silo and the gateway as their programs build them, tracing on, with the in-memory
/// exporter added to both hosts' OpenTelemetry providers: every span and metric they export.
/// </summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> SiloSettings = new()
    {
        ["Telemetry:Tracing"] = "true",
        ["ReadModel:SweepInterval"] = "00:00:01",
    };

    private IHost? _silo;

    /// <summary>The gateway.</summary>
    public WebApplicationFactory<Program> Gateway { get; private set; } = null!;

    /// <summary>Every span either host exported (a span both hosts listen to appears twice).</summary>
    public Locked<Activity> Spans { get; } = new();

    /// <summary>The silo's metrics at the latest <see cref="FlushMetrics"/>.</summary>
    public Locked<MetricSnapshot> SiloMetrics { get; } = new();

    /// <summary>The gateway's metrics at the latest <see cref="FlushMetrics"/>.</summary>
    public Locked<MetricSnapshot> GatewayMetrics { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("telemetry");
        _silo = await RealHosts.StartSiloAsync(connectionString, "svc-telemetry", "cluster-telemetry", settings: SiloSettings, services: services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(SiloMetrics));
        });
        Gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Workflow", connectionString);
            web.UseSetting("Cluster:ServiceId", "svc-telemetry");
            web.UseSetting("Cluster:ClusterId", "cluster-telemetry");
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Auth:SigningKey", GatewayFixture.SigningKey);
            web.WithUnreachableBudgets();
            web.UseSetting("Telemetry:Tracing", "true");
            web.ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
                services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(GatewayMetrics));
            });
        });
        _ = Gateway.Server;
    }

    /// <summary>Exports what both hosts' meters hold now (cumulative totals) into the snapshot lists.</summary>
    public void FlushMetrics()
    {
        SiloMetrics.Clear();
        GatewayMetrics.Clear();
        Assert.True(_silo!.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "the silo's metrics flush");
        // The gateway's Prometheus reader cannot be flushed (it is pulled), so this says false; the in-memory one is flushed.
        Gateway.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
    }

    /// <summary>The silo's grains, for what no route starts (a referral with an acknowledgement deadline of seconds).</summary>
    public IGrainFactory Grains => _silo!.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Ends the spans still being exported (the exporter is called when a span stops).</summary>
    public void FlushSpans()
    {
        _silo!.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        Gateway.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
    }

    /// <summary>An HTTP client signed in as <paramref name="caller"/>.</summary>
    public async Task<HttpClient> ClientFor(Caller caller)
    {
        var http = Gateway.CreateClient();
        var response = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new
        {
            sub = caller.UserId,
            name = caller.Name,
            roles = caller.Roles,
            agency = caller.Agency,
            countries = caller.Countries,
        });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }
    }

    private sealed record TokenBody(string Token);
}

/// <summary>A list the exporters may add to from any thread.</summary>
public sealed class Locked<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    /// <inheritdoc />
    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <summary>A copy of the items now.</summary>
    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    /// <inheritdoc />
    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    /// <inheritdoc />
    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    /// <inheritdoc />
    public bool Contains(T item) => Snapshot().Contains(item);

    /// <inheritdoc />
    public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The collection sharing <see cref="TelemetryFixture"/>. Meters and activity sources are process-wide,
/// so these tests run alone: another collection's silo would add its commands to the counts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "telemetry";
}
