using System.Net;
using System.Net.Http.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>What a browser is told about every answer: whose scripts run, who may frame it, what it may keep.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SecurityHeadersTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ApiAnswersAreNeverStoredAndNoPageMayBeFramedOrRunInlineScripts()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var answers = new[]
        {
            await coordinator.GetAsync("/api/v1/cases"),
            await coordinator.GetAsync("/api/v1/cases/no-such-case"),
            await coordinator.PostAsJsonAsync("/api/v1/cases", new { title = "" }),
            await fixture.Anonymous().GetAsync("/api/v1/countries"),
        };
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized], answers.Select(a => a.StatusCode));
        foreach (var answer in answers)
        {
            Assert.Contains("no-store", answer.Headers.CacheControl?.ToString() ?? "");
            var policy = Policy(answer);
            Assert.Contains("script-src 'self';", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
        }

        // Over plain HTTP there is no HSTS (a browser ignores it there, and a local setup must stay reachable).
        Assert.False(answers[0].Headers.Contains("Strict-Transport-Security"));

        // The UI itself: its own scripts only; the API reference may run its inline bootstrap, and is still never framed.
        var ui = await fixture.Anonymous().GetAsync("/");
        Assert.Contains("script-src 'self';", Policy(ui));
        Assert.DoesNotContain("unsafe-inline", Policy(ui).Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)));
        var docs = await fixture.Anonymous().GetAsync("/docs");
        Assert.Contains("frame-ancestors 'none'", Policy(docs));
    }

    [Fact]
    public async Task OverHttpsTheGatewaySaysToKeepToHttps()
    {
        using var http = fixture.Gateway.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        var answer = await http.GetAsync("/health/live");
        Assert.Equal("max-age=31536000; includeSubDomains", answer.Headers.GetValues("Strict-Transport-Security").Single());
    }

    private static string Policy(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : "";
}
