using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>
/// Every paged list refuses pages of more than 500 items and pages past its 10,000th item (an
/// OFFSET reads and throws away every row before the page), says so in the OpenAPI document, and
/// a case's trail — which can grow long — pages on by cursor instead.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class BoundedListsTests(GatewayFixture fixture)
{
    // Every route that takes ?page=&pageSize= (ids that do not exist: the paging is checked first).
    private static readonly string[] PagedRoutes =
    [
        "/api/v1/cases",
        "/api/v1/inbox",
        "/api/v1/queue",
        "/api/v1/notifications",
        "/api/v1/roadmaps",
        $"/api/v1/cases/{CaseIds.New()}/history",
        "/api/v1/roadmaps/hr-no-such-roadmap/actions/a1/history",
        "/api/v1/webhooks/no-such-webhook/deliveries",
    ];

    [Fact]
    public async Task EveryListRefusesAPageThatEndsPastItsTenThousandthItemAndSaysToNarrowTheFilter()
    {
        var admin = await fixture.ClientFor(Callers.Admin());
        foreach (var route in PagedRoutes)
        {
            foreach (var (page, pageSize) in new[] { (21, 500), (10_001, 1), (2, 9_999) })
            {
                var refused = await admin.GetAsync($"{route}?page={page}&pageSize={pageSize}");
                Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{route} page {page} × {pageSize}: {refused.StatusCode}");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
                var problem = await refused.ReadJsonAsync();
                if (pageSize <= 500)
                {
                    Assert.Contains("Narrow the filter", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                    Assert.Contains("page × pageSize must be at most 10000", problem.GetProperty("errors").GetProperty("page")[0].GetString(), StringComparison.Ordinal);
                }
            }

            // The deepest page that is served, and a whole page at the largest size.
            foreach (var (page, pageSize) in new[] { (20, 500), (10_000, 1) })
            {
                var served = await admin.GetAsync($"{route}?page={page}&pageSize={pageSize}");
                Assert.True(served.StatusCode != HttpStatusCode.BadRequest, $"{route} page {page} × {pageSize}: {served.StatusCode} {await served.Content.ReadAsStringAsync()}");
            }
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentStatesTheBoundsOfPageAndPageSize()
    {
        var document = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;

        var parameters = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("parameters", out _))
                .SelectMany(o => o.Value.GetProperty("parameters").EnumerateArray().Select(p => (Route: $"{o.Name} {path.Name}", Parameter: p))))
            .Where(p => p.Parameter.GetProperty("name").GetString() is "page" or "pageSize")
            .ToList();

        Assert.Equal(PagedRoutes.Length * 2, parameters.Count);
        foreach (var (route, parameter) in parameters)
        {
            var name = parameter.GetProperty("name").GetString();
            var schema = parameter.GetProperty("schema");
            Assert.True(schema.GetProperty("minimum").GetRawText() == "1", $"{route} {name}: {schema}");
            Assert.True(schema.GetProperty("maximum").GetRawText() == (name == "page" ? "10000" : "500"), $"{route} {name}: {schema}");
        }
    }

    [Fact]
    public async Task ACasesTrailPagesOnByCursorFromEachPagesNext()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new { workflowId = "trafficking-case", title = "Trayectoria por cursor", summary = "Notas sucesivas", leadCountry = "PE" });
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetString();
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = $"Nota {i}" })).StatusCode);
        }

        var whole = await (await coordinator.GetAsync($"/api/v1/cases/{id}/history?pageSize=500")).ReadJsonAsync();
        var expected = whole.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.False(whole.TryGetProperty("next", out _));

        var seen = new List<long>();
        var first = await (await coordinator.GetAsync($"/api/v1/cases/{id}/history?pageSize=2")).ReadJsonAsync();
        seen.AddRange(first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        var next = first.GetProperty("next").GetString();
        for (var pages = 1; next is not null; pages++)
        {
            Assert.True(pages <= expected.Count, $"still a next after {pages} pages of 2: {next}");
            var page = await (await coordinator.GetAsync($"/api/v1/cases/{id}/history?pageSize=2&after={next}")).ReadJsonAsync();
            Assert.Equal(expected.Count, page.GetProperty("total").GetInt32());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
            next = page.TryGetProperty("next", out var more) ? more.GetString() : null;
        }

        Assert.True(expected.Count >= 5, $"{expected.Count} events");
        Assert.Equal(expected, seen);

        foreach (var bad in new[] { "after=siete", "after=-1", "after=3&page=2" })
        {
            var refused = await coordinator.GetAsync($"/api/v1/cases/{id}/history?{bad}");
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {refused.StatusCode}");
            Assert.True((await refused.ReadJsonAsync()).GetProperty("errors").TryGetProperty("after", out _), bad);
        }
    }
}
