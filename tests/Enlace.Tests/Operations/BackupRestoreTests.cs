using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Grains.Interfaces.Security;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;
using Enlace.Tests.Victims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Enlace.Tests.Operations;

/// <summary>The backup procedure of docs/OPERATIONS.md: a dump restored into a new PostgreSQL cluster holds everything.</summary>
public sealed class BackupRestoreTests
{
    private const string ServiceId = "svc-backup";

    [Fact]
    public async Task ADumpRestoredIntoANewClusterKeepsEveryCaseHistoryChainAndRoadmap()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("backup");
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        var before = new Dictionary<string, string>();
        var cases = new List<string>();
        string roadmap;
        string action;
        await using (var original = await Running.StartAsync(connectionString, "cluster-backup"))
        {
            var coordinator = await original.ClientFor(Callers.Coordinator());
            var police = await original.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
            for (var i = 0; i < 3; i++)
            {
                var id = await VictimsApiTests.OpenCaseAsync(coordinator);
                cases.Add(id);
                Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", VictimsApiTests.Adult(identity: true))).StatusCode);
                var task = await JsonOf(await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Informe policial", agency = "PE-PNP-DIRCTPTIM", dueAt = DateTimeOffset.UtcNow.AddDays(5), priority = "high" }));
                var taskId = task.GetProperty("id").GetString();
                foreach (var trigger in new[] { "accept", "start" }.Take(i + 1))
                {
                    Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{taskId}/transitions", new { trigger })).StatusCode);
                }

                Assert.True((await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = $"Seguimiento {i}" })).IsSuccessStatusCode);
            }

            roadmap = $"hr-backup-{Guid.NewGuid():N}"[..30];
            Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/roadmaps", new
            {
                id = roadmap,
                title = "Hoja de ruta respaldada",
                countries = new[] { "PE", "BO" },
                signedOn = "2025-06-20",
                signedAt = "CEBAF Desaguadero",
                periodStart = "2025-07-01",
                periodEnd = "2026-12-31",
                areas = new[] { new { code = "prevencion", title = "Prevención" } },
            })).StatusCode);
            var created = await coordinator.PostAsJsonAsync($"/api/v1/roadmaps/{roadmap}/actions", new
            {
                title = "Campaña anual de prevención",
                area = "prevencion",
                responsibleAgencies = new[] { "PE-PNP-DIRCTPTIM" },
                startDate = "2025-08-01",
                dueDate = "2099-06-30",
                indicators = new[] { new { name = "personas alcanzadas", unit = "personas", baseline = 0, target = 10000 } },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            action = (await JsonOf(created)).GetProperty("id").GetString()!;

            foreach (var path in Paths(cases, roadmap, action))
            {
                before[path] = await ReadAsync(coordinator, path);
            }

            Assert.Contains("\"valid\":true", before[$"/api/v1/cases/{cases[0]}/history/verify"]);
        }

        // The procedure: dump the database, restore it into a new cluster, start the silos on it.
        var dump = await server.DumpAsync(database);
        var newServer = await PostgresServer.StartPrivateAsync();
        Assert.NotEqual(server.Port, newServer.Port);
        // The roles belong to the server, not to the dump: the new cluster needs them before the grants load.
        await using (var admin = NpgsqlDataSource.Create(newServer.ConnectionString("postgres")))
        {
            await using var roles = admin.CreateCommand("CREATE ROLE enlace_silo NOLOGIN; CREATE ROLE enlace_gateway NOLOGIN");
            await roles.ExecuteNonQueryAsync();
        }

        var restored = await newServer.RestoreAsync("enlace_restored", dump);

        await using var after = await Running.StartAsync(restored, "cluster-restored");
        var reader = await after.ClientFor(Callers.Coordinator());
        foreach (var path in Paths(cases, roadmap, action))
        {
            Assert.Equal(before[path], await ReadAsync(reader, path));
        }

        foreach (var id in cases)
        {
            var verify = await JsonOf(await reader.GetAsync($"/api/v1/cases/{id}/history/verify"));
            Assert.True(verify.GetProperty("valid").GetBoolean(), $"the history chain of {id} verifies after the restore: {verify}");
        }

        var identity = await reader.GetAsync($"/api/v1/cases/{cases[0]}/victims/V-1/identity?reason=Prueba%20de%20respaldo&override=true");
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.Contains("Rosa Elena Mamani Quispe", await identity.Content.ReadAsStringAsync());
    }

    private static IEnumerable<string> Paths(List<string> cases, string roadmap, string action) =>
        cases.SelectMany(id => new[] { $"/api/v1/cases/{id}", $"/api/v1/cases/{id}/history?page=1&pageSize=100", $"/api/v1/cases/{id}/history/verify" })
            .Append($"/api/v1/roadmaps/{roadmap}")
            .Append($"/api/v1/roadmaps/{roadmap}/actions/{action}")
            .Append($"/api/v1/roadmaps/{roadmap}/actions/{action}/history")
            .Append($"/api/v1/dashboard/roadmaps/{roadmap}");

    private static async Task<string> ReadAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    // A silo and the gateway on one database.
    private sealed class Running(IHost silo, WebApplicationFactory<Program> gateway) : IAsyncDisposable
    {
        public static async Task<Running> StartAsync(string connectionString, string clusterId)
        {
            var silo = await RealHosts.StartSiloAsync(connectionString, ServiceId, clusterId);
            var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.UseSetting("ConnectionStrings:Workflow", connectionString);
                web.UseSetting("Cluster:ServiceId", ServiceId);
                web.UseSetting("Cluster:ClusterId", clusterId);
                web.UseSetting("Auth:DevTokens", "true");
                web.UseSetting("Auth:SigningKey", GatewayFixture.SigningKey);
                web.WithUnreachableBudgets();
            });
            return new Running(silo, gateway);
        }

        public async Task<HttpClient> ClientFor(Caller caller)
        {
            var http = gateway.CreateClient();
            var response = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new { sub = caller.UserId, name = caller.Name, roles = caller.Roles, agency = caller.Agency, countries = caller.Countries });
            response.EnsureSuccessStatusCode();
            var token = (await JsonOf(response)).GetProperty("token").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }

        public async ValueTask DisposeAsync()
        {
            await gateway.DisposeAsync();
            await silo.StopAsync();
            silo.Dispose();
        }
    }
}
