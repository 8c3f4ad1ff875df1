using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

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

    private WebApplicationFactory<Program> Production(IPAddress remote) => fixture.Gateway.WithWebHostBuilder(web =>
    {
        web.UseEnvironment("Production");
        web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddress(remote)));
    });

    // The test server has no network peer: this sets the one a request comes from.
    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed record TokenBody(string Token);
}
