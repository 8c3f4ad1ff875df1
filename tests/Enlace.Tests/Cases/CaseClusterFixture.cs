using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Enlace.Tests.Cases;

/// <summary>One test cluster on its own PostgreSQL database, shared by the case tests, with a fake clock.</summary>
public sealed class CaseClusterFixture : IAsyncLifetime
{
    /// <summary>The clock of the silos: 1 March 2026, 12:00 UTC.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The database's connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A grain client.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        ConnectionString = await server.CreateDatabaseAsync("cases");
        Cluster = await EnlaceTestCluster.StartAsync(ConnectionString, "svc-cases", time: Time);
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Opens a trafficking case led by Peru with Bolivia as partner; returns its id and first answer.</summary>
    public async Task<(string Id, CaseResult Result)> OpenTraffickingCaseAsync(Caller? coordinator = null, string? idempotencyKey = null)
    {
        var id = $"c{Guid.NewGuid():N}";
        var result = await Client.GetGrain<ICaseGrain>(id).Open(new CommandContext(coordinator ?? Callers.Coordinator(), idempotencyKey), Samples.TraffickingCase());
        Assert.True(result.Outcome == CaseOutcome.Created, $"opening {id}: {result.Outcome} {result.Detail}");
        return (id, result);
    }

    /// <summary>The grain of case <paramref name="id"/>.</summary>
    public ICaseGrain Case(string id) => Client.GetGrain<ICaseGrain>(id);
}

/// <summary>The collection sharing <see cref="CaseClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class CaseCollection : ICollectionFixture<CaseClusterFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "cases";
}
