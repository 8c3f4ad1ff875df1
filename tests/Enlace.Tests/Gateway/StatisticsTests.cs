using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Grains.Interfaces.Security;
using Enlace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Enlace.Tests.Gateway;

/// <summary>
/// <c>GET /api/v1/statistics/victims</c> through HTTP, on a gateway configured with k = 3:
/// who counts, rows under k left out, exploitation unnested, CSV, scope by lead country, and
/// never a code or a case id in an answer. Each test records victims of a citizenship no other
/// test uses, so its rows are its own in the shared database.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StatisticsTests(GatewayFixture fixture)
{
    private const int K = 3;

    [Fact]
    public async Task OnlyVictimsWithStatisticsConsentOrNoIdentityCountAndRowsUnderKAreLeftOut()
    {
        await using var gateway = SmallK();
        var coordinator = await ClientAsync(gateway, Callers.Coordinator());
        var manager = await ClientAsync(gateway, Callers.Manager());
        var before = await StatisticsAsync(manager, "?by=sex,citizenship");

        var (id, reference, codes) = await OpenCaseAsync(coordinator, "PE", [],
            Victim("feminine", "18-20", "JP"),
            Victim("feminine", "21-23", "JP"),
            Victim("feminine", "24-26", "JP", identity: true),
            Victim("feminine", "27-29", "JP", identity: true),
            Victim("feminine", "30-38", "JP", identity: true),
            Victim("masculine", "18-20", "JP"));
        await ConsentAsync(coordinator, id, codes[2], given: true);
        await ConsentAsync(coordinator, id, codes[3], given: false);
        string[] secrets = [id, reference];

        // Two without identity and one with consent: exactly k, shown. The refusal and the
        // victim never asked do not count. One man alone is under k: left out, one more row suppressed.
        var after = await StatisticsWhenAsync(manager, "?by=sex,citizenship", s => Count(s, ("sex", "feminine"), ("citizenship", "JP")) == 3, secrets);
        Assert.Equal(K, after.GetProperty("k").GetInt32());
        Assert.Equal(3, Count(after, ("sex", "feminine"), ("citizenship", "JP")));
        Assert.Null(Count(after, ("sex", "masculine"), ("citizenship", "JP")));
        Assert.Equal(Suppressed(before) + 1, Suppressed(after));
        Assert.Equal("feminine 18-29 3/4, feminine 30-47 0/1, masculine 18-29 1/1", await CountingAsync("JP"));

        // Withdrawing statistics consent takes the victim out at once: two left, under k.
        await ConsentAsync(coordinator, id, codes[2], given: false);
        var withdrawn = await StatisticsWhenAsync(manager, "?by=sex,citizenship", s => Count(s, ("sex", "feminine"), ("citizenship", "JP")) is null, secrets);
        Assert.Null(Count(withdrawn, ("sex", "feminine"), ("citizenship", "JP")));
        Assert.Equal(Suppressed(before) + 2, Suppressed(withdrawn));

        // An erased identity is no identity: the victim never asked counts again.
        var erased = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/{codes[4]}/identity/erase", new { note = "Pedido de supresión" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var afterErasure = await StatisticsWhenAsync(manager, "?by=sex,citizenship", s => Count(s, ("sex", "feminine"), ("citizenship", "JP")) == 3, secrets);
        Assert.Equal(3, Count(afterErasure, ("sex", "feminine"), ("citizenship", "JP")));
        Assert.Equal("feminine 18-29 2/4, feminine 30-47 1/1, masculine 18-29 1/1", await CountingAsync("JP"));

        // What the statistics table holds: no code, case id, reference, title or identity.
        var rows = await FactsTextAsync();
        foreach (var secret in new[] { "V-", id, reference, "Estadística", "Persona de prueba" })
        {
            Assert.DoesNotContain(secret, rows, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AVictimWithTwoFormsOfExploitationCountsOnceInEachFormsRow()
    {
        await using var gateway = SmallK();
        var coordinator = await ClientAsync(gateway, Callers.Coordinator());
        var (id, reference, _) = await OpenCaseAsync(coordinator, "PE", [],
            Victim("feminine", "18-20", "NZ", ["forced-labour", "sexual-exploitation"], countryOfExploitation: "PE"),
            Victim("feminine", "21-23", "NZ", ["forced-labour", "sexual-exploitation"], countryOfExploitation: "PE"),
            Victim("masculine", "30-38", "NZ", ["forced-labour", "sexual-exploitation"], countryOfExploitation: "PE"),
            Victim("masculine", "39-47", "NZ", ["forced-labour"]),
            Victim("feminine", "48+", "NZ", []),
            Victim("feminine", "48+", "NZ", []),
            Victim("masculine", "48+", "NZ", []));
        string[] secrets = [id, reference];

        var forms = await StatisticsWhenAsync(coordinator, "?by=exploitation,citizenship", s => Count(s, ("exploitation", "forced-labour"), ("citizenship", "NZ")) == 4, secrets);
        var victims = await StatisticsAsync(coordinator, "?by=citizenship", secrets);
        var places = await StatisticsAsync(coordinator, "?by=citizenship,countryOfExploitation", secrets);

        Assert.Equal(4, Count(forms, ("exploitation", "forced-labour"), ("citizenship", "NZ")));
        Assert.Equal(3, Count(forms, ("exploitation", "sexual-exploitation"), ("citizenship", "NZ")));
        Assert.Equal(3, Count(forms, ("exploitation", "unknown"), ("citizenship", "NZ")));
        Assert.Equal(7, Count(victims, ("citizenship", "NZ")));
        Assert.Equal(3, Count(places, ("citizenship", "NZ"), ("countryOfExploitation", "PE")));
        Assert.Equal(4, Count(places, ("citizenship", "NZ"), ("countryOfExploitation", "unknown")));
        Assert.Equal(["exploitation", "citizenship"], forms.GetProperty("by").EnumerateArray().Select(b => b.GetString()));
        Assert.All(forms.GetProperty("rows").EnumerateArray(), r => Assert.Equal(["citizenship", "count", "exploitation"], r.EnumerateObject().Select(p => p.Name).Order()));
    }

    [Fact]
    public async Task TheCsvFormHasAHeaderAndTheSameNumbers()
    {
        await using var gateway = SmallK();
        var coordinator = await ClientAsync(gateway, Callers.Coordinator());
        var (id, reference, _) = await OpenCaseAsync(coordinator, "PE", [],
            Victim("feminine", "18-20", "IS"), Victim("feminine", "18-20", "IS"), Victim("feminine", "21-23", "IS"),
            Victim("masculine", "18-20", "IS"));
        string[] secrets = [id, reference];
        const string Query = "?by=citizenship,sex,identificationStatus";

        var json = await StatisticsWhenAsync(coordinator, Query, s => Count(s, ("citizenship", "IS"), ("sex", "feminine"), ("identificationStatus", "identified")) == 3, secrets);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/statistics/victims{Query}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await coordinator.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        AssertAnonymous(text, secrets);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("citizenship,sex,identificationStatus,count", lines[0]);
        Assert.Equal(
            json.GetProperty("rows").EnumerateArray().Select(r =>
                $"{r.GetProperty("citizenship").GetString()},{r.GetProperty("sex").GetString()},{r.GetProperty("identificationStatus").GetString()},{r.GetProperty("count").GetInt64()}"),
            lines.Skip(1));
        Assert.Contains("IS,feminine,identified,3", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("IS,masculine,", StringComparison.Ordinal));
        Assert.Equal($"{Suppressed(json)}", response.Headers.GetValues("X-Suppressed-Rows").Single());
        Assert.Equal($"{K}", response.Headers.GetValues("X-Statistics-K").Single());
    }

    [Fact]
    public async Task EachCountryCountsTheVictimsOfTheCasesItLeadsAndNoOther()
    {
        await using var gateway = SmallK();
        var peru = await ClientAsync(gateway, Callers.Coordinator("PE"));
        var bolivia = await ClientAsync(gateway, Callers.Coordinator("BO"));
        var peruvianCase = await OpenCaseAsync(peru, "PE", ["BO"], Victim("feminine", "18-20", "KR"), Victim("feminine", "18-20", "KR"), Victim("feminine", "18-20", "KR"));
        string[] secrets = [peruvianCase.Id, peruvianCase.Reference];

        var seenByPeru = await StatisticsWhenAsync(peru, "?by=citizenship", s => Count(s, ("citizenship", "KR")) == 3, secrets);
        var seenByBolivia = await StatisticsAsync(bolivia, "?by=citizenship", secrets);
        var boliviaAsksForPeru = await bolivia.GetAsync("/api/v1/statistics/victims?country=PE");

        Assert.Equal(3, Count(seenByPeru, ("citizenship", "KR")));
        Assert.Null(Count(seenByBolivia, ("citizenship", "KR")));
        Assert.Equal(["BO"], seenByBolivia.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, boliviaAsksForPeru.StatusCode);
        Assert.Contains("not PE", (await boliviaAsksForPeru.ReadJsonAsync()).GetProperty("detail").GetString());

        // A case Bolivia leads counts for Bolivia only; the year narrows.
        var bolivianCase = await OpenCaseAsync(bolivia, "BO", ["PE"], Victim("masculine", "18-20", "KR"), Victim("masculine", "18-20", "KR"), Victim("masculine", "18-20", "KR"));
        secrets = [.. secrets, bolivianCase.Id, bolivianCase.Reference];
        var thisYear = await StatisticsWhenAsync(bolivia, $"?by=citizenship&year={DateTime.UtcNow.Year}", s => Count(s, ("citizenship", "KR")) == 3, secrets);
        var longAgo = await StatisticsAsync(bolivia, "?by=citizenship&year=2001", secrets);
        var peruAgain = await StatisticsAsync(peru, "?by=citizenship&country=PE", secrets);

        Assert.Equal(3, Count(thisYear, ("citizenship", "KR")));
        Assert.Equal(DateTime.UtcNow.Year, thisYear.GetProperty("year").GetInt32());
        Assert.Equal((0, 0), (longAgo.GetProperty("rows").GetArrayLength(), Suppressed(longAgo)));
        Assert.Equal(3, Count(peruAgain, ("citizenship", "KR")));
    }

    [Fact]
    public async Task StatisticsAreForManagersAndCoordinatorsAndRefuseUnknownFields()
    {
        var manager = await fixture.ClientFor(Callers.Manager());
        var coordinator = await fixture.ClientFor(Callers.Coordinator());

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["agent"] = await (await fixture.ClientFor(Callers.Agent("PE-MIMP"))).GetAsync("/api/v1/statistics/victims"),
            ["admin"] = await (await fixture.ClientFor(Callers.Admin())).GetAsync("/api/v1/statistics/victims"),
            ["manager"] = await manager.GetAsync("/api/v1/statistics/victims"),
            ["coordinator"] = await coordinator.GetAsync("/api/v1/statistics/victims?country=PE"),
            ["unknown field"] = await manager.GetAsync("/api/v1/statistics/victims?by=sex,caseId"),
            ["bad year"] = await manager.GetAsync("/api/v1/statistics/victims?year=26"),
            ["bad country"] = await manager.GetAsync("/api/v1/statistics/victims?country=pe"),
        };

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
            answers.Values.Select(r => r.StatusCode));
        var byDefault = await answers["manager"].ReadJsonAsync();
        Assert.Equal(11, byDefault.GetProperty("k").GetInt32());
        Assert.Equal(["sex", "ageBroad"], byDefault.GetProperty("by").EnumerateArray().Select(b => b.GetString()));
        Assert.All(byDefault.GetProperty("rows").EnumerateArray(), r => Assert.True(r.GetProperty("count").GetInt64() >= 11));
        var unknown = await answers["unknown field"].ReadJsonAsync();
        Assert.Equal("application/problem+json", answers["unknown field"].Content.Headers.ContentType?.MediaType);
        Assert.Contains("permitted: sex, ageBroad, citizenship, exploitation, countryOfExploitation, identificationStatus", unknown.GetProperty("errors").GetProperty("by")[0].GetString());
        Assert.True((await answers["bad year"].ReadJsonAsync()).GetProperty("errors").TryGetProperty("year", out _));
    }

    [Fact]
    public async Task WithoutByRowsAreGroupedBySexAndBroadAgeBand()
    {
        await using var gateway = SmallK();
        var coordinator = await ClientAsync(gateway, Callers.Coordinator());
        var (id, reference, _) = await OpenCaseAsync(coordinator, "PE", [],
            Victim("transgender-masculine", "48+", "UY"), Victim("transgender-masculine", "48+", "UY"), Victim("transgender-masculine", "48+", "UY"));

        var statistics = await StatisticsWhenAsync(coordinator, "", s => Count(s, ("sex", "transgender-masculine"), ("ageBroad", "48+")) == 3, [id, reference]);

        Assert.Equal(3, Count(statistics, ("sex", "transgender-masculine"), ("ageBroad", "48+")));
        Assert.All(statistics.GetProperty("rows").EnumerateArray(), r => Assert.Equal(["ageBroad", "count", "sex"], r.EnumerateObject().Select(p => p.Name).Order()));
    }

    [Fact]
    public async Task AKUnderTwoStopsTheGatewayFromStarting()
    {
        await using var gateway = fixture.Gateway.WithWebHostBuilder(web => web.UseSetting("Statistics:K", "1"));

        var refused = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("Statistics:K must be at least 2", refused.ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> SmallK() =>
        fixture.Gateway.WithWebHostBuilder(web => web.UseSetting("Statistics:K", K.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    // Tokens come from the fixture's gateway, which signs with the same key.
    private async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> gateway, Caller caller)
    {
        var signedIn = await fixture.ClientFor(caller);
        var http = gateway.CreateClient();
        http.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return http;
    }

    private static object Victim(string sex, string ageGroup, string citizenship, string[]? exploitation = null, bool identity = false, string? countryOfExploitation = null) => new
    {
        identificationStatus = "identified",
        ageGroup,
        sex,
        citizenship,
        countryOfExploitation,
        exploitation = exploitation ?? ["forced-labour"],
        identity = identity ? new { fullName = "Persona de prueba", documentNumber = "X123" } : null,
    };

    private static async Task<(string Id, string Reference, string[] Codes)> OpenCaseAsync(HttpClient coordinator, string lead, string[] partners, params object[] victims)
    {
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = "Estadística de víctimas",
            summary = "Resumen reservado",
            leadCountry = lead,
            partnerCountries = partners,
            victims,
        });
        var body = await created.ReadJsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"opening a case: {(int)created.StatusCode} {body}");
        var codes = body.GetProperty("victims").EnumerateArray().Select(v => v.GetProperty("code").GetString()!).ToArray();
        Assert.Equal(victims.Length, codes.Length);
        return (body.GetProperty("id").GetString()!, body.GetProperty("reference").GetString()!, codes);
    }

    private static async Task ConsentAsync(HttpClient coordinator, string id, string code, bool given)
    {
        var response = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/{code}/consents", new { purpose = "statistics", given });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"consent of {code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> StatisticsAsync(HttpClient http, string query, params string[] secrets)
    {
        var response = await http.GetAsync($"/api/v1/statistics/victims{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"statistics{query}: {(int)response.StatusCode} {text}");
        AssertAnonymous(text, secrets);
        return JsonDocument.Parse(text).RootElement;
    }

    // The case's write projects before it answers; polling (10 s at most) only covers a retried projection.
    private static async Task<JsonElement> StatisticsWhenAsync(HttpClient http, string query, Func<JsonElement, bool> done, string[] secrets)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var statistics = await StatisticsAsync(http, query, secrets);
            if (done(statistics) || DateTime.UtcNow > deadline)
            {
                return statistics;
            }

            await Task.Delay(100);
        }
    }

    private static void AssertAnonymous(string text, string[] secrets)
    {
        Assert.DoesNotContain("V-", text, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private static long? Count(JsonElement statistics, params (string Field, string Value)[] where) =>
        statistics.GetProperty("rows").EnumerateArray()
            .Where(r => where.All(w => r.TryGetProperty(w.Field, out var value) && value.GetString() == w.Value))
            .Select(r => (long?)r.GetProperty("count").GetInt64())
            .SingleOrDefault();

    private static int Suppressed(JsonElement statistics) => statistics.GetProperty("suppressed").GetInt32();

    // The facts of the citizenship by sex and age band: "sex band counting/all, …".
    private async Task<string> CountingAsync(string citizenship)
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = database.CreateCommand("""
            SELECT coalesce(string_agg(format('%s %s %s/%s', sex, age_broad, counting, total), ', ' ORDER BY sex, age_broad), '')
            FROM (SELECT sex, age_broad, count(*) FILTER (WHERE counts) AS counting, count(*) AS total
                  FROM rm_victim_facts WHERE citizenship = @c GROUP BY sex, age_broad) g
            """);
        command.Parameters.AddWithValue("c", citizenship);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> FactsTextAsync()
    {
        await using var database = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = database.CreateCommand("SELECT coalesce(string_agg(row_to_json(f)::text, ' '), '') FROM rm_victim_facts f");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
