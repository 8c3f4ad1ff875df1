using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Enlace.Tests.Foundation;

/// <summary>The gateway joins the cluster through the membership table and reports readiness.</summary>
public sealed class GatewayHealthTests
{
    [Fact]
    public async Task TheGatewayIsReadyWhenTheClusterAndPostgreSqlAnswer()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("health");
        using var silo = await RealHosts.StartSiloAsync(connectionString, "svc-health", "cluster-health");
        await using var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Workflow", connectionString);
            web.UseSetting("Cluster:ServiceId", "svc-health");
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Cluster:ClusterId", "cluster-health");
        });
        using var http = gateway.CreateClient();

        var live = await http.GetAsync("/health/live");
        var ready = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("orleans").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString());
        await silo.StopAsync();
    }

    [Fact]
    public async Task ReadinessFailsWhileThereIsNoActiveSilo()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("health_down");
        var silo = await RealHosts.StartSiloAsync(connectionString, "svc-health-down", "cluster-health-down");
        await using var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Workflow", connectionString);
            web.UseSetting("Cluster:ServiceId", "svc-health-down");
            web.UseSetting("Auth:DevTokens", "true");
            web.UseSetting("Cluster:ClusterId", "cluster-health-down");
        });
        using var http = gateway.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        await silo.StopAsync();
        silo.Dispose();
        var ready = await http.GetAsync("/health/ready");
        var token = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new { sub = "a", name = "A", roles = new[] { "manager" }, countries = new[] { "PE" } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.NotNull(token.Headers.RetryAfter);
        Assert.Equal("application/problem+json", token.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }
}
