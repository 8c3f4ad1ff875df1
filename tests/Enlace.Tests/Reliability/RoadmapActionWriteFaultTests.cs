using System.Net;
using System.Net.Http.Json;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Reliability;

/// <summary>
/// Adding a roadmap action writes two grains: the roadmap takes the number, then the action is
/// written. A storage failure at either write (injected here by a PostgreSQL trigger that refuses
/// just that grain's row, as a serialization failure would) answers 503, leaves nothing anyone
/// can see, and the retry with the same Idempotency-Key completes the creation exactly once.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RoadmapActionWriteFaultTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("roadmap")]
    [InlineData("roadmap-action")]
    public async Task AFailedWriteOfEitherGrainLeavesNoActionVisibleAndTheRetryCompletesItOnce(string failingState)
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = $"hr-falla-{Guid.NewGuid():N}"[..28];
        var created = await coordinator.PostAsJsonAsync("/api/v1/roadmaps", new
        {
            id,
            title = "Hoja de ruta con una falla de escritura",
            countries = new[] { "PE" },
            periodStart = "2025-07-01",
            periodEnd = "2026-12-31",
            areas = new[] { new { code = "prevencion", title = "Prevención" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await PostActionAsync(coordinator, id, "Primera actividad", Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var key = Guid.NewGuid().ToString("N");
        HttpResponseMessage failed;
        await using (await FaultAsync(failingState, failingState == "roadmap" ? id : $"{id}/%"))
        {
            failed = await PostActionAsync(coordinator, id, "Actividad tras la falla", key);
        }

        Assert.True(failed.StatusCode == HttpStatusCode.ServiceUnavailable, $"{failed.StatusCode}: {await failed.Content.ReadAsStringAsync()}");
        Assert.NotNull(failed.Headers.RetryAfter);

        // Nothing to see: not in the roadmap, not under the next number.
        Assert.Equal(["a1"], await ActionIdsAsync(coordinator, id));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/v1/roadmaps/{id}/actions/a2")).StatusCode);

        // The retry completes it, once; a repeat replays it; the next action follows.
        var retried = await PostActionAsync(coordinator, id, "Actividad tras la falla", key);
        Assert.True(retried.StatusCode == HttpStatusCode.Created, $"{retried.StatusCode}: {await retried.Content.ReadAsStringAsync()}");
        var action = (await retried.ReadJsonAsync()).GetProperty("id").GetString();
        var repeated = await PostActionAsync(coordinator, id, "Actividad tras la falla", key);
        Assert.Equal((HttpStatusCode.Created, action), (repeated.StatusCode, (await repeated.ReadJsonAsync()).GetProperty("id").GetString()));
        var next = await PostActionAsync(coordinator, id, "Otra actividad", Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);

        var ids = await ActionIdsAsync(coordinator, id);
        Assert.Equal(3, ids.Count);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Contains(action, ids);
        var titles = new List<string>();
        foreach (var actionId in ids)
        {
            titles.Add((await (await coordinator.GetAsync($"/api/v1/roadmaps/{id}/actions/{actionId}")).ReadJsonAsync()).GetProperty("title").GetString()!);
        }

        Assert.Equal(["Actividad tras la falla", "Otra actividad", "Primera actividad"], titles.Order());
    }

    private static Task<HttpResponseMessage> PostActionAsync(HttpClient http, string roadmap, string title, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/roadmaps/{roadmap}/actions")
        {
            Content = JsonContent.Create(new
            {
                title,
                area = "prevencion",
                responsibleAgencies = new[] { "PE-PNP-DIRCTPTIM" },
                startDate = "2025-08-01",
                dueDate = "2099-06-30",
                indicators = new[] { new { name = "personas alcanzadas", unit = "personas", baseline = 0, target = 100 } },
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }

    private static async Task<List<string>> ActionIdsAsync(HttpClient http, string roadmap) =>
        [.. (await (await http.GetAsync($"/api/v1/roadmaps/{roadmap}")).ReadJsonAsync()).GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!)];

    // Until disposed, every write of this grain's state row fails as PostgreSQL fails a
    // serialization conflict (SQLSTATE 40001): a storage failure at exactly that write.
    private async Task<IAsyncDisposable> FaultAsync(string stateName, string grainKeyPattern)
    {
        var name = $"fault_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'injected storage fault' USING ERRCODE = '40001'; END $$;
            CREATE TRIGGER {name} BEFORE INSERT OR UPDATE ON orleans_grain_state FOR EACH ROW
                WHEN (NEW.state_name = '{stateName}' AND NEW.grain_id_string LIKE '{grainKeyPattern}') EXECUTE FUNCTION {name}();
            """, connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new Fault(connection, name);
    }

    private sealed class Fault(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var drop = new NpgsqlCommand($"DROP TRIGGER {name} ON orleans_grain_state; DROP FUNCTION {name}();", connection))
            {
                await drop.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
