using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Enlace.Tests.Gateway;

/// <summary>Tokens, reference data, workflows and the API description.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthAndReferenceTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ADevTokenOpensTheReferenceRoutes()
    {
        var http = await fixture.ClientFor(Callers.Agent("PE-MIMP"));

        var countriesResponse = await http.GetAsync("/api/v1/countries");
        Assert.Equal("100000", countriesResponse.Headers.GetValues("RateLimit-Limit").Single());
        Assert.True(int.Parse(countriesResponse.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture) < 100000);
        var countries = await JsonOf(countriesResponse);
        var agencies = await JsonOf(await http.GetAsync("/api/v1/agencies"));
        var workflows = await JsonOf(await http.GetAsync("/api/v1/workflows"));

        Assert.Equal(["BO", "PE"], countries.EnumerateArray().Select(c => c.GetProperty("code").GetString()).Order());
        Assert.Contains(agencies.EnumerateArray(), a => a.GetProperty("code").GetString() == "BO-SEPDAVI" && a.GetProperty("kind").GetString() == "protection");
        Assert.Equal(
            ["migrant-assistance 1 victim-care", "roadmap-action 1 roadmap-action", "smuggling-case 1 case", "smuggling-case 2 case", "trafficking-case 1 case", "trafficking-case 2 case", "victim-care 1 victim-care"],
            workflows.EnumerateArray().Select(w => $"{w.GetProperty("id").GetString()} {w.GetProperty("version").GetInt32()} {w.GetProperty("kind").GetString()}").Order());
    }

    [Fact]
    public async Task EveryDemoUserCanSignIn()
    {
        var users = await (await fixture.Anonymous().GetAsync("/api/v1/auth/demo-users")).ReadJsonAsync();
        var list = users.EnumerateArray().ToList();

        Assert.Equal(TestCatalog.Reference.Agencies.Count + (2 * TestCatalog.Reference.Countries.Count) + 1, list.Count);
        Assert.Contains(list, u => u.GetProperty("sub").GetString() == "demo-coordinator-pe" && u.GetProperty("agency").GetString() == "PE-CMNP-ST");
        foreach (var user in list)
        {
            var token = await fixture.Anonymous().PostAsync("/api/v1/auth/dev-token",
                new StringContent(user.GetRawText(), System.Text.Encoding.UTF8, "application/json"));
            Assert.True(token.IsSuccessStatusCode, $"{user.GetProperty("sub")}: {(int)token.StatusCode}");
        }
    }

    [Fact]
    public async Task WorkflowsAndTheirGraphsAreServed()
    {
        var http = await fixture.ClientFor(Callers.Coordinator());

        var definition = await JsonOf(await http.GetAsync("/api/v1/workflows/trafficking-case"));
        var mermaid = await http.GetStringAsync("/api/v1/workflows/trafficking-case/graph?format=mermaid");
        var dot = await http.GetStringAsync("/api/v1/workflows/roadmap-action/graph?format=dot");

        Assert.Equal("report", definition.GetProperty("initialState").GetString());
        Assert.StartsWith("stateDiagram-v2", mermaid, StringComparison.Ordinal);
        Assert.StartsWith("digraph", dot, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/workflows/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/workflows/trafficking-case?version=9")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/v1/workflows/trafficking-case/graph?format=png")).StatusCode);
    }

    [Fact]
    public async Task MissingExpiredForeignAndMisaddressedTokensAreRefused()
    {
        var ownKey = Convert.FromBase64String(GatewayFixture.SigningKey);
        var foreignKey = Enumerable.Repeat((byte)7, 32).ToArray();
        var now = DateTime.UtcNow;

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync("/api/v1/countries")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await With(TestTokens.Create(ownKey, now.AddHours(1), "enlace-local", "enlace-api"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(TestTokens.Create(ownKey, now.AddMinutes(-5), "enlace-local", "enlace-api"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(TestTokens.Create(foreignKey, now.AddHours(1), "enlace-local", "enlace-api"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(TestTokens.Create(ownKey, now.AddHours(1), "someone-else", "enlace-api"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(TestTokens.Create(ownKey, now.AddHours(1), "enlace-local", "other-api"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With("not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(TestTokens.Create(ownKey, now.AddHours(1), subject: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await With(TestTokens.Create(ownKey, now.AddHours(1), subject: " "))).StatusCode);
    }

    [Fact]
    public async Task AnInvalidTokenRequestNamesItsFields()
    {
        var response = await fixture.Anonymous().PostAsJsonAsync("/api/v1/auth/dev-token", new { sub = "", roles = new[] { "king" }, agency = "NOPE", countries = new[] { "AR" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonOf(response)).GetProperty("errors");
        Assert.Equal(["agency", "countries", "name", "roles", "sub"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryRouteAndTheBearerScheme()
    {
        var text = await fixture.Anonymous().GetStringAsync("/openapi/v1.json");
        var document = JsonDocument.Parse(text).RootElement;

        // ./test lints this copy with Spectral and the OWASP ruleset.
        if (Environment.GetEnvironmentVariable("ENLACE_OPENAPI_OUT") is { Length: > 0 } output)
        {
            await File.WriteAllTextAsync(output, text);
        }

        var docs = await fixture.Anonymous().GetAsync("/docs");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/cases", paths);
        Assert.Contains("/api/v1/cases/{id}/tasks/{taskId}/transitions", paths);
        Assert.Contains("/api/v1/workflows/{id}/graph", paths);
        Assert.Contains("/api/v1/workflows/{id}/upgrades", paths);
        Assert.Contains("/api/v1/auth/dev-token", paths);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task TheTokenEndpointIsRateLimited()
    {
        await using var gateway = fixture.Gateway.WithWebHostBuilder(web => web.UseSetting("Auth:TokenRequestsPerMinute", "3"));
        var http = gateway.CreateClient();
        var body = new { sub = "u", name = "U", roles = new[] { "manager" }, countries = new[] { "PE" } };

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await http.PostAsJsonAsync("/api/v1/auth/dev-token", body));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses.Select(r => r.StatusCode));
        Assert.Equal("60", statuses[3].Headers.RetryAfter!.ToString());
        Assert.Equal("application/problem+json", statuses[3].Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task EachUserHasARequestBudgetPerMinute()
    {
        await using var gateway = fixture.Gateway.WithWebHostBuilder(web => web.UseSetting("Api:RequestsPerMinute", "2"));
        var http = gateway.CreateClient();
        var token = await http.PostAsJsonAsync("/api/v1/auth/dev-token", new { sub = "budget", name = "B", roles = new[] { "manager" }, countries = new[] { "PE" } });
        http.WithBearer((await token.ReadJsonAsync()).GetProperty("token").GetString()!);

        // The token request counted against the address, not the user.
        var first = await http.GetAsync("/api/v1/countries");
        var second = await http.GetAsync("/api/v1/countries");
        var third = await http.GetAsync("/api/v1/countries");

        Assert.Equal((HttpStatusCode.OK, "1"), (first.StatusCode, first.Headers.GetValues("RateLimit-Remaining").Single()));
        Assert.Equal((HttpStatusCode.OK, "0"), (second.StatusCode, second.Headers.GetValues("RateLimit-Remaining").Single()));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("60", third.Headers.RetryAfter!.ToString());
    }

    private Task<HttpResponseMessage> With(string token) => fixture.Anonymous().WithBearer(token).GetAsync("/api/v1/countries");

    private static Task<JsonElement> JsonOf(HttpResponseMessage response) => response.ReadJsonAsync();
}
