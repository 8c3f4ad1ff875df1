using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Enlace.Tests.Gateway;

/// <summary>
/// Development tokens mint any role, so outside the Development environment they are served only
/// to the gateway's own machine: to anyone else, and to anything a proxy forwards, the routes do not exist.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DevTokenGateTests(GatewayFixture fixture)
{
    private static readonly object Coordinator = new { sub = "gate-coordinator", name = "Coordinación", roles = new[] { "coordinator" }, agency = "PE-CMNP-ST", countries = new[] { "PE" } };

    [Fact]
    public async Task OutsideDevelopmentARequestFromAnotherMachineFindsNoDevTokenRoute()
    {
        await using var gateway = Production(IPAddress.Parse("203.0.113.7"));
        using var http = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/v1/auth/dev-token", Coordinator)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/auth/demo-users")).StatusCode);
        Assert.False((await (await http.GetAsync("/api/v1/auth/config")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("devTokens").GetBoolean());
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("Development tokens: on for requests from this machine only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutsideDevelopmentTheGatewaysOwnMachineGetsATokenUnlessAProxyForwardedTheRequest()
    {
        await using var gateway = Production(IPAddress.Loopback);
        using var http = gateway.CreateClient();

        var issued = await http.PostAsJsonAsync("/api/v1/auth/dev-token", Coordinator);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.False(string.IsNullOrEmpty((await issued.Content.ReadFromJsonAsync<TokenBody>())!.Token));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/auth/demo-users")).StatusCode);
        Assert.True((await (await http.GetAsync("/api/v1/auth/config")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("devTokens").GetBoolean());

        using var forwarded = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/dev-token") { Content = JsonContent.Create(Coordinator) };
        forwarded.Headers.Add("X-Forwarded-For", "198.51.100.4");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(forwarded)).StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopmentARequestATrustedProxyForwardsIsNeverFromThisMachine()
    {
        // The proxy runs on the gateway's machine and is trusted: the forwarded-headers middleware
        // takes the client's address from it and consumes the header.
        await using var gateway = Production(IPAddress.Loopback, ("Http:TrustedProxies", "127.0.0.1"));
        using var http = gateway.CreateClient();

        foreach (var client in new[] { "198.51.100.4", "127.0.0.1" })
        {
            using var forwarded = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/dev-token") { Content = JsonContent.Create(Coordinator) };
            forwarded.Headers.Add("X-Forwarded-For", client);
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(forwarded)).StatusCode);

            using var config = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/config");
            config.Headers.Add("X-Forwarded-For", client);
            Assert.False((await (await http.SendAsync(config)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("devTokens").GetBoolean(), client);
        }

        // Not forwarded, the same machine still gets its token.
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/auth/dev-token", Coordinator)).StatusCode);
    }

    private WebApplicationFactory<Program> Production(IPAddress remote, params (string Key, string Value)[] settings) =>
        fixture.Gateway.WithWebHostBuilder(web => web.UseEnvironment("Production")).From(remote, settings);

    private sealed record TokenBody(string Token);
}
