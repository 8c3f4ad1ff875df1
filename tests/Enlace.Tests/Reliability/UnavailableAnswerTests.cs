using System.Text.Json;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Silo.Database;
using Enlace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Enlace.Tests.Reliability;

/// <summary>
/// What the API answers while its storage or its cluster is away, end to end against real
/// silo and gateway processes: 503 with Retry-After and a problem body, never 500, and no
/// request body in any log line.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class UnavailableAnswerTests(ITestOutputHelper output)
{
    // Written into request bodies; must never show up in a log.
    private static readonly string Marker = $"marca-{Guid.NewGuid():N}";

    [Fact]
    public async Task WithPostgreSqlStoppedCommandsAndReadsAnswer503WithRetryAfterAndAProblem()
    {
        var server = await PostgresServer.StartPrivateAsync();
        var connectionString = server.ConnectionString("unavailable");
        await DatabaseMigrator.EnsureDatabaseAsync(connectionString);
        await DatabaseMigrator.MigrateAsync(connectionString);
        await using var cluster = await ProcessCluster.StartAsync(connectionString);
        var coordinator = await cluster.CoordinatorTokenAsync();
        var caseId = await OpenCaseAsync(cluster, coordinator);

        await server.StopServerAsync();
        var unknownCase = CaseIds.New();
        var answers = new List<ProcessCluster.Answer>
        {
            // Reads of the read model (the gateway's own connection).
            await cluster.SendAsync(HttpMethod.Get, "/api/v1/cases", coordinator),
            await cluster.SendAsync(HttpMethod.Get, "/api/v1/cases", coordinator, accept: "text/csv"),
            await cluster.SendAsync(HttpMethod.Get, $"/api/v1/cases/{caseId}/history", coordinator),

            // Commands: the idempotency store fails first; without a key the grain's write fails.
            await cluster.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/tasks", coordinator, TaskBody(), Guid.NewGuid().ToString("N")),
            await cluster.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/tasks", coordinator, TaskBody()),
            await cluster.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/notes", coordinator, new { text = Marker }),
            await cluster.SendAsync(HttpMethod.Post, "/api/v1/cases", coordinator, CaseBody()),

            // A grain that has to read its state to activate.
            await cluster.SendAsync(HttpMethod.Get, $"/api/v1/cases/{unknownCase}", coordinator),
            await cluster.SendAsync(HttpMethod.Post, $"/api/v1/cases/{unknownCase}/notes", coordinator, new { text = Marker }),
        };
        var ready = await cluster.SendAsync(HttpMethod.Get, "/health/ready", null);
        await server.StartServerAsync();

        output.WriteLine(string.Join("\n", answers));
        AssertAllUnavailable(answers, cluster);
        Assert.True(ready.Status == 503, $"{ready}");

        // Back by itself: the same command is acknowledged once PostgreSQL answers again.
        var back = await RetryUntilAnsweredAsync(() => cluster.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/notes", coordinator, new { text = Marker }, Guid.NewGuid().ToString("N")));
        Assert.True(back.Status == 200, $"{back}");
        AssertLogsClean(cluster);
    }

    [Fact]
    public async Task WithTheOnlySiloKilledTheGatewayAnswers503WithRetryAfterAndAProblem()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("silo-gone");
        await using var cluster = await ProcessCluster.StartAsync(connectionString);
        var coordinator = await cluster.CoordinatorTokenAsync();
        var caseId = await OpenCaseAsync(cluster, coordinator);

        // Requests in flight while the silo dies (kill -9).
        using var stop = new CancellationTokenSource();
        var inFlight = new List<ProcessCluster.Answer>();
        var load = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var answer = n % 2 == 0
                    ? await cluster.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/notes", coordinator, new { text = $"{Marker} {n}" }, Guid.NewGuid().ToString("N"))
                    : await cluster.SendAsync(HttpMethod.Get, $"/api/v1/cases/{caseId}", coordinator);
                lock (inFlight)
                {
                    inFlight.Add(answer);
                }
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(1));
        cluster.Processes.KillSilo(new Random(0));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await load;

        // Requests after it is gone.
        var answers = new List<ProcessCluster.Answer>
        {
            await cluster.SendAsync(HttpMethod.Get, $"/api/v1/cases/{caseId}", coordinator),
            await cluster.SendAsync(HttpMethod.Get, $"/api/v1/cases/{caseId}/history", coordinator),
            await cluster.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/notes", coordinator, new { text = Marker }),
            await cluster.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/tasks", coordinator, TaskBody(), Guid.NewGuid().ToString("N")),
            await cluster.SendAsync(HttpMethod.Post, "/api/v1/cases", coordinator, CaseBody(), Guid.NewGuid().ToString("N")),
        };
        var ready = await cluster.SendAsync(HttpMethod.Get, "/health/ready", null);

        output.WriteLine($"{inFlight.Count(a => a.Status is >= 200 and < 300)} of {inFlight.Count} requests around the kill succeeded; the others and those after it:");
        output.WriteLine(string.Join("\n", inFlight.Where(a => a.Status is < 200 or >= 300).Concat(answers)));
        Assert.All(inFlight, a => Assert.True(a.Status is >= 200 and < 300 || a.IsUnavailableProblem, $"{a}\n{cluster.Logs()}"));
        AssertAllUnavailable(answers, cluster);
        Assert.True(ready.Status == 503, $"{ready}");
        AssertLogsClean(cluster);
    }

    private static object TaskBody() => new { title = Marker, agency = "PE-MIMP", dueAt = DateTimeOffset.UtcNow.AddDays(3) };

    private static object CaseBody() => new { workflowId = "trafficking-case", title = Marker, summary = Marker, leadCountry = "PE" };

    private static async Task<string> OpenCaseAsync(ProcessCluster cluster, string coordinator)
    {
        var opened = await cluster.SendAsync(HttpMethod.Post, "/api/v1/cases", coordinator, CaseBody(), Guid.NewGuid().ToString("N"));
        Assert.True(opened.Status == 201, $"{opened}");
        using var body = JsonDocument.Parse(opened.Body);
        return body.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<ProcessCluster.Answer> RetryUntilAnsweredAsync(Func<Task<ProcessCluster.Answer>> send)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var answer = await send();
            if (answer.Status != 503 || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(500);
        }
    }

    private static void AssertAllUnavailable(List<ProcessCluster.Answer> answers, ProcessCluster cluster)
    {
        var wrong = answers.Where(a => !a.IsUnavailableProblem).ToList();
        Assert.True(wrong.Count == 0, $"expected 503 + Retry-After + problem for every request; got:\n{string.Join("\n", answers)}\n\n{cluster.Logs()}");
    }

    private static void AssertLogsClean(ProcessCluster cluster)
    {
        var logs = cluster.Logs();
        Assert.DoesNotContain(Marker, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("An unhandled exception has occurred", logs, StringComparison.Ordinal);
    }
}
