using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Bench.Chaos;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enlace.Tests.Reliability;

/// <summary>
/// The short form of the fault suite: a chaos run against real silo and gateway processes
/// (kill -9 of silos, a gateway restart, PostgreSQL stopped for 20 s under load), the
/// first-write race through HTTP, and two activations of one case writing at once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests
{
    [Fact]
    public async Task KilledSilosARestartedGatewayAndAStoppedDatabaseLoseAndDuplicateNothing()
    {
        var server = await PostgresServer.StartPrivateAsync();
        var connectionString = server.ConnectionString("chaos");
        var (silo, gateway) = BuildOutput.Find();
        var report = await ChaosRun.RunAsync(new ChaosOptions
        {
            ConnectionString = connectionString,
            SiloDirectory = silo,
            GatewayDirectory = gateway,
            Duration = TimeSpan.FromSeconds(80),
            Silos = 3,
            Clients = 8,
            Cases = 12,
            GatewayRestartEvery = TimeSpan.FromSeconds(30),
            DatabaseOutageAt = TimeSpan.FromSeconds(45),
            OutageLength = TimeSpan.FromSeconds(20),
            StopDatabase = server.StopServerAsync,
            StartDatabase = server.StartServerAsync,
            GatewayPort = Ports.Free(),
            FirstPort = Ports.Free(),
            Log = _ => { },
        });
        var summary = report.Markdown();

        Assert.True(report.Acknowledged > 50, summary);
        Assert.True(report.SilosKilled + report.SilosStarted >= 3, summary);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);
        Assert.Equal(report.Cases, report.ChainsVerified);
        Assert.Equal(report.Cases, report.ReadModelEqual);
        Assert.True(report.Refusals.IsEmpty, summary);
        Assert.True(report.InternalServerErrors == 0, summary);
        Assert.True(report.ServerErrors.IsEmpty, summary);

        // During the outage the gateway said when to come back, and came back by itself.
        Assert.True(report.Statuses.GetValueOrDefault("503 with Retry-After") > 0, summary);
        Assert.False(report.Statuses.ContainsKey("503 without Retry-After"), summary);
        Assert.True(report.RecoverySeconds is <= 15, summary);
        Assert.True(report.Passed, summary);
    }

    [Fact]
    public async Task FiftyConcurrentCreationsWithOneKeyMakeOneCase()
    {
        await using var fixture = new GatewayFixture();
        await fixture.InitializeAsync();
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var title = $"carrera-{Guid.NewGuid():N}"[..20];
        var body = new { workflowId = "trafficking-case", title, summary = "Cincuenta intentos a la vez", leadCountry = "PE" };
        var key = Guid.NewGuid().ToString("N");

        async Task<(HttpStatusCode Status, string? Id)> CreateAsync()
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await coordinator.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    // The first request with this key is still running: retry as a client would.
                    await Task.Delay(100);
                    continue;
                }

                var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                return (response.StatusCode, response.IsSuccessStatusCode ? json.GetProperty("id").GetString() : json.ToString());
            }
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(CreateAsync)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Single(results.Select(r => r.Id).Distinct());
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var count = database.CreateCommand("SELECT count(*)::int FROM rm_cases WHERE title = $1");
        count.Parameters.AddWithValue(title);
        Assert.Equal(1, (int)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task OfTwoActivationsOfOneCaseTheStaleWriteIsRefusedAndReEvaluatedNeverMerged()
    {
        // Two clusters over one storage: each activates the same case, as happens for a
        // moment when membership changes.
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("duplicate");
        using var siloA = await RealHosts.StartSiloAsync(connectionString, "svc-duplicate", "cluster-a");
        using var siloB = await RealHosts.StartSiloAsync(connectionString, "svc-duplicate", "cluster-b");
        var a = siloA.Services.GetRequiredService<IGrainFactory>();
        var b = siloB.Services.GetRequiredService<IGrainFactory>();
        var id = CaseIds.New();
        var opened = await a.GetGrain<ICaseGrain>(id).Open(new CommandContext(Callers.Coordinator()), new OpenCaseCommand(
            "trafficking-case", "Caso duplicado", "Dos activaciones", "PE", [], null, []));
        var taskId = opened.Case!.Tasks[0].Id;
        var police = Callers.Agent("PE-PNP-DIRCTPTIM");
        Assert.True((await b.GetGrain<ICaseGrain>(id).Get(police)).Succeeded);

        // A accepts the task; B, still holding the state before that, declines it (legal in
        // what B holds): B's write carries a stale version and storage refuses it.
        Assert.True((await a.GetGrain<ICaseGrain>(id).FireTask(new CommandContext(police), new FireTaskTriggerCommand(taskId, "accept"))).Succeeded);
        var decline = new FireTaskTriggerCommand(taskId, "decline", "No corresponde a esta unidad");
        await Assert.ThrowsAnyAsync<Exception>(() => b.GetGrain<ICaseGrain>(id).FireTask(new CommandContext(police), decline));

        // Retried, B starts again from storage: the decline lands after the accept, nothing merged.
        var retried = await b.GetGrain<ICaseGrain>(id).FireTask(new CommandContext(police), decline);
        Assert.True(retried.Succeeded, retried.Detail);
        Assert.Equal("declined", retried.Case!.Tasks.Single(t => t.Id == taskId).State);
        var scope = await b.GetGrain<ICaseGrain>(id).OpenHistory(Callers.Coordinator());
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var events = database.CreateCommand("SELECT trigger FROM rm_audit_events WHERE case_id = $1 AND kind = 'task-transition' ORDER BY seq");
        events.Parameters.AddWithValue(id);
        var triggers = new List<string>();
        await using (var reader = await events.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                triggers.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["accept", "decline"], triggers);
        Assert.NotNull(scope);
    }
}

/// <summary>Faults run alone, after the parallel collections: they start processes and stop a database, and time recovery.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "faults";
}
