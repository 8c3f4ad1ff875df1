using System.Diagnostics;
using System.Net;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enlace.Tests.Gateway;

/// <summary>
/// The gateway's and the read model's queries carry a statement timeout (Database:StatementTimeout):
/// a query that outlasts it — here one waiting on a lock the test holds — is cancelled by
/// PostgreSQL and answered 503 with Retry-After, long before a client or a pool gives up.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StatementTimeoutTests(GatewayFixture fixture)
{
    [Fact]
    public async Task AReadThatOutlastsTheStatementTimeoutIsAnswered503WithRetryAfterAndTheNextOneIsServed()
    {
        await using var gateway = fixture.Gateway.WithWebHostBuilder(web => web.UseSetting("Database:StatementTimeout", "00:00:00.5"));
        var token = (await fixture.ClientFor(Callers.Coordinator())).DefaultRequestHeaders.Authorization!.Parameter!;
        using var http = gateway.CreateClient().WithBearer(token);
        http.Timeout = TimeSpan.FromSeconds(10);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/roadmaps")).StatusCode);

        HttpResponseMessage slow;
        var clock = Stopwatch.StartNew();
        await using (var owner = new NpgsqlConnection(fixture.ConnectionString))
        {
            await owner.OpenAsync();
            await using var hold = await owner.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE rm_roadmaps IN ACCESS EXCLUSIVE MODE", owner, hold))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            slow = await http.GetAsync("/api/v1/roadmaps");
            clock.Stop();
            await hold.RollbackAsync();
        }

        Assert.True(slow.StatusCode == HttpStatusCode.ServiceUnavailable, $"{slow.StatusCode}: {await slow.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", slow.Content.Headers.ContentType!.MediaType);
        Assert.True(slow.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {slow.Headers.RetryAfter}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("PostgresException 57014 on GET /api/v1/roadmaps: answered 503", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/roadmaps")).StatusCode);
    }

    [Fact]
    public async Task EverySessionOfTheGatewayAndOfTheSilosReadModelHasTheDefaultStatementTimeout()
    {
        foreach (var (process, services) in new[] { ("gateway", fixture.Gateway.Services), ("silo", fixture.SiloServices) })
        {
            await using var show = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SHOW statement_timeout");
            Assert.True((string?)await show.ExecuteScalarAsync() == "15s", process);
        }
    }

    [Fact]
    public async Task AStatementTimeoutAlreadyInTheConnectionStringIsKeptAndZeroTurnsItOff()
    {
        var kept = Enlace.WebGateway.Hosting.GatewayDatabase.WithStatementTimeout($"{fixture.ConnectionString};Options=-c statement_timeout=4000", TimeSpan.FromSeconds(1));
        var off = Enlace.WebGateway.Hosting.GatewayDatabase.WithStatementTimeout(fixture.ConnectionString, TimeSpan.Zero);
        await using var keptSource = NpgsqlDataSource.Create(kept);
        await using var offSource = Enlace.Silo.ReadModel.ReadModelDatabase.Create(fixture.ConnectionString, TimeSpan.Zero);
        await using var fromOff = NpgsqlDataSource.Create(off);

        Assert.Equal("4s", await ShowAsync(keptSource));
        Assert.Equal("0", await ShowAsync(offSource));
        Assert.Equal("0", await ShowAsync(fromOff));
    }

    private static async Task<string?> ShowAsync(NpgsqlDataSource source)
    {
        await using var show = source.CreateCommand("SHOW statement_timeout");
        return (string?)await show.ExecuteScalarAsync();
    }
}
