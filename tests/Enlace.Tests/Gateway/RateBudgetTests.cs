using System.Net;
using System.Net.Http.Json;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Enlace.Tests.Gateway;

/// <summary>
/// Route budgets on top of the general one — identity reads, CSV exports, chain verifications,
/// requests without a token — and whose address a budget is counted on: the peer's, or the
/// client's when a configured proxy forwarded the request.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RateBudgetTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ChainVerificationsHaveATighterBudgetPerUserThanOtherReads()
    {
        await using var gateway = With(("Api:Budgets:Verifications", "2"));
        var caller = Callers.Coordinator() with { UserId = $"verifier-{Guid.NewGuid():N}" };
        var coordinator = await SignedAsync(gateway, caller);
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new { workflowId = "trafficking-case", title = "Cadena verificada a pedido", summary = "Presupuesto de verificaciones", leadCountry = "PE" });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetString();

        var first = await coordinator.GetAsync($"/api/v1/cases/{id}/history/verify");
        var second = await coordinator.GetAsync($"/api/v1/cases/{id}/history/verify");
        var third = await coordinator.GetAsync($"/api/v1/cases/{id}/history/verify");

        Assert.Equal((HttpStatusCode.OK, "2", "1"), (first.StatusCode, Header(first, "RateLimit-Limit"), Header(first, "RateLimit-Remaining")));
        Assert.Equal((HttpStatusCode.OK, "0"), (second.StatusCode, Header(second, "RateLimit-Remaining")));
        await AssertRefusedAsync(third, "audit chain verifications");

        // The rest of the case, and another user's verification, are not held back.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/cases/{id}/history")).StatusCode);
        var colleague = await SignedAsync(gateway, caller with { UserId = $"colleague-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/api/v1/cases/{id}/history/verify")).StatusCode);
    }

    [Fact]
    public async Task IdentityReadsHaveATighterBudgetPerUserWhateverTheyAnswer()
    {
        await using var gateway = With(("Api:Budgets:IdentityReads", "2"));
        var coordinator = await SignedAsync(gateway, Callers.Coordinator() with { UserId = $"reader-{Guid.NewGuid():N}" });
        var route = $"/api/v1/cases/{CaseIds.New()}/victims/V-1/identity?reason=seguimiento";

        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(route.Replace("victims", "perpetrators", StringComparison.Ordinal).Replace("V-1", "P-1", StringComparison.Ordinal))).StatusCode);
        await AssertRefusedAsync(await coordinator.GetAsync(route), "identity reads");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/v1/cases")).StatusCode);
    }

    [Fact]
    public async Task CsvExportsHaveATighterBudgetPerUserThanTheSameListsAsJson()
    {
        await using var gateway = With(("Api:Budgets:Exports", "2"));
        var manager = await SignedAsync(gateway, Callers.Manager() with { UserId = $"exporter-{Guid.NewGuid():N}" });

        Task<HttpResponseMessage> CsvAsync(string route)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, route);
            request.Headers.Add("Accept", "text/csv");
            return manager.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await CsvAsync("/api/v1/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CsvAsync("/api/v1/dashboard/summary")).StatusCode);
        await AssertRefusedAsync(await CsvAsync("/api/v1/cases"), "CSV exports");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/cases")).StatusCode);
    }

    [Fact]
    public async Task RequestsWithoutATokenHaveTheirOwnBudgetPerAddress()
    {
        await using var gateway = With(("Api:Budgets:Anonymous", "2"));
        var signedIn = await SignedAsync(gateway, Callers.Manager() with { UserId = $"member-{Guid.NewGuid():N}" });
        using var anonymous = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/auth/config")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.WithBearer("not-a-token").GetAsync("/api/v1/countries")).StatusCode);
        await AssertRefusedAsync(await anonymous.GetAsync("/api/v1/auth/config"), "requests without a token");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/countries")).StatusCode);
    }

    [Fact]
    public async Task XForwardedForFromAPeerThatIsNotATrustedProxyIsIgnored()
    {
        await using var gateway = fixture.Gateway.From(IPAddress.Parse("203.0.113.7"), ("Api:Budgets:Anonymous", "2"), ("Http:TrustedProxies", "10.0.0.1"));
        using var http = gateway.CreateClient();

        // Each request claims another client: the budget is still the peer's.
        Assert.Equal(HttpStatusCode.OK, (await ConfigForAsync(http, "198.51.100.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ConfigForAsync(http, "198.51.100.2")).StatusCode);
        await AssertRefusedAsync(await ConfigForAsync(http, "198.51.100.3"), "requests without a token");
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.0.0.0/24, 192.0.2.1")]
    public async Task XForwardedForFromATrustedProxyIsHonoured(string trusted)
    {
        await using var gateway = fixture.Gateway.From(IPAddress.Parse("10.0.0.1"), ("Api:Budgets:Anonymous", "2"), ("Http:TrustedProxies", trusted));
        using var http = gateway.CreateClient();

        // The proxy appends the client it received the request from; a chain of trusted proxies is followed back.
        Assert.Equal(HttpStatusCode.OK, (await ConfigForAsync(http, "198.51.100.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ConfigForAsync(http, "198.51.100.1")).StatusCode);
        await AssertRefusedAsync(await ConfigForAsync(http, "198.51.100.1"), "requests without a token");
        Assert.Equal(HttpStatusCode.OK, (await ConfigForAsync(http, "198.51.100.2")).StatusCode);

        // What the client wrote itself before the proxy's entry does not choose its budget.
        await AssertRefusedAsync(await ConfigForAsync(http, "198.51.100.9, 198.51.100.1"), "requests without a token");
    }

    [Fact]
    public void ATrustedProxyThatIsNeitherAnAddressNorANetworkStopsTheStart()
    {
        using var gateway = fixture.Gateway.From(IPAddress.Loopback, ("Http:TrustedProxies", "proxy.example"));

        var refused = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());
        Assert.Contains("Http:TrustedProxies: 'proxy.example' is neither an IP address nor a CIDR network", refused.ToString(), StringComparison.Ordinal);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string budget)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("60", response.Headers.RetryAfter!.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(budget, (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ConfigForAsync(HttpClient http, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/config");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    private WebApplicationFactory<Program> With(params (string Key, string Value)[] settings) =>
        fixture.Gateway.WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });

    // A client of this gateway with a development token of the fixture's (the signing key is shared).
    private async Task<HttpClient> SignedAsync(WebApplicationFactory<Program> gateway, Caller caller)
    {
        var token = (await fixture.ClientFor(caller)).DefaultRequestHeaders.Authorization!.Parameter!;
        return gateway.CreateClient().WithBearer(token);
    }
}
