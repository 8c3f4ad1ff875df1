using System.Net.Http.Headers;
using System.Net.Http.Json;
using Enlace.Grains.Interfaces.Security;
using Enlace.Silo.Database;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Enlace.Tests.Gateway;

/// <summary>
/// A silo on its own PostgreSQL database and the gateway in front of it, over real HTTP handling.
/// Each connects as its least-privilege role (enlace_silo, enlace_gateway): every gateway test
/// also proves that the gateway's grants suffice for what it did.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    private readonly TimeProvider? _siloTime;

    /// <summary>The key the gateway signs development tokens with.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private IHost? _silo;

    /// <summary>A gateway in front of a silo on the system clock.</summary>
    public GatewayFixture()
    {
    }

    /// <summary>A gateway in front of a silo whose grains read the time from <paramref name="siloTime"/>.</summary>
    protected GatewayFixture(TimeProvider siloTime) => _siloTime = siloTime;

    /// <summary>The silo's services (its read-model data source, its grain factory).</summary>
    public IServiceProvider SiloServices => _silo!.Services;

    /// <summary>The gateway.</summary>
    public WebApplicationFactory<Program> Gateway { get; private set; } = null!;

    /// <summary>The database, as its owner (what tests use to arrange and inspect).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The database's name.</summary>
    public string Database { get; private set; } = "";

    /// <summary>Every log line the silo and the gateway wrote.</summary>
    public LogCapture Logs { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        ConnectionString = await server.CreateDatabaseAsync("gateway");
        Database = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        var silo = await server.AsRoleAsync(ConnectionString, DatabaseRoles.Silo);
        var gateway = await server.AsRoleAsync(ConnectionString, DatabaseRoles.Gateway);
        var cluster = _siloTime is null ? "gateway" : "gateway-clocked";
        _silo = await RealHosts.StartSiloAsync(silo, $"svc-{cluster}", $"cluster-{cluster}", Logs,
            services: _siloTime is null ? null : services => services.AddSingleton(_siloTime));
        Gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Workflow", gateway);
            web.UseSetting("Cluster:ServiceId", $"svc-{cluster}");
            web.UseSetting("Cluster:ClusterId", $"cluster-{cluster}");
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Auth:SigningKey", SigningKey);
            web.WithUnreachableBudgets();
            web.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace));
        });
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

    /// <summary>An HTTP client without credentials.</summary>
    public HttpClient Anonymous() => Gateway.CreateClient();

    /// <summary>An HTTP client signed in as <paramref name="caller"/> with a development token.</summary>
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

    private sealed record TokenBody(string Token);
}

/// <summary>The collection sharing <see cref="GatewayFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "gateway";
}
