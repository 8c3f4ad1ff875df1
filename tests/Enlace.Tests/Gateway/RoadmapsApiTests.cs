using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>Roadmaps, actions, progress reports, verification and the roadmap dashboard, through HTTP.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RoadmapsApiTests(GatewayFixture fixture)
{
    private static readonly object[] Areas =
    [
        new { code = "prevencion", title = "Prevención" },
        new { code = "proteccion", title = "Atención y protección" },
    ];

    [Fact]
    public async Task ResponsibleAgenciesReportCoordinatorsVerifyAndTheDashboardCountsIt()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var manager = await fixture.ClientFor(Callers.Manager());
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var migration = await fixture.ClientFor(Callers.Agent("PE-MIGRACIONES"));
        var id = $"hr-prueba-{Guid.NewGuid():N}"[..30];
        var created = await coordinator.PostAsJsonAsync("/api/v1/roadmaps", new
        {
            id,
            title = "Hoja de ruta de prueba",
            countries = new[] { "PE", "BO" },
            signedOn = "2025-06-20",
            signedAt = "CEBAF Desaguadero",
            periodStart = "2025-07-01",
            periodEnd = "2026-12-31",
            areas = Areas,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/roadmaps/{id}", created.Headers.Location?.ToString());

        var campaign = await AddActionAsync(coordinator, id, "Campaña anual de prevención", "prevencion", ["PE-PNP-DIRCTPTIM", "BO-FELCC-DTTP"]);
        var shelter = await AddActionAsync(coordinator, id, "Protocolo binacional de albergues", "proteccion", ["PE-MIMP"]);
        await AddActionAsync(coordinator, id, "Equipo de respuesta rápida", "proteccion", ["PE-MIMP"]);
        var badArea = await coordinator.PostAsJsonAsync($"/api/v1/roadmaps/{id}/actions", ActionBody("x", "investigacion", ["PE-MIMP"]));
        Assert.Equal(HttpStatusCode.BadRequest, badArea.StatusCode);

        var actionUrl = $"/api/v1/roadmaps/{id}/actions/{campaign}";
        Assert.Equal(HttpStatusCode.NotFound, (await migration.PostAsJsonAsync($"{actionUrl}/reports", Report(50))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await migration.GetAsync(actionUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"{actionUrl}/transitions", new { trigger = "start" })).StatusCode);
        var tooEarly = await police.PostAsJsonAsync($"{actionUrl}/transitions", new { trigger = "report-done" });
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        var reported = await police.PostAsJsonAsync($"{actionUrl}/reports", Report(100));
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var report = await reported.ReadJsonAsync();
        Assert.Equal((100, 12000m), (report.GetProperty("percentComplete").GetInt32(), report.GetProperty("indicators")[0].GetProperty("current").GetDecimal()));
        Assert.Equal(HttpStatusCode.BadRequest, (await police.PostAsJsonAsync($"{actionUrl}/reports", new { indicatorValues = new Dictionary<string, decimal> { ["otro"] = 1 }, percentComplete = 120, note = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsJsonAsync($"{actionUrl}/transitions", new { trigger = "report-done" })).StatusCode);

        var byAgent = await police.PostAsJsonAsync($"{actionUrl}/transitions", new { trigger = "verify" });
        var byManager = await manager.PostAsJsonAsync($"{actionUrl}/transitions", new { trigger = "verify" });
        var byCoordinator = await coordinator.PostAsJsonAsync($"{actionUrl}/transitions", new { trigger = "verify" });
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Forbidden, HttpStatusCode.OK), (byAgent.StatusCode, byManager.StatusCode, byCoordinator.StatusCode));
        Assert.Contains("lo decide la coordinación (secretaría técnica)", (await byAgent.ReadJsonAsync()).GetProperty("detail").GetString());
        var bolivia = await fixture.ClientFor(Callers.Coordinator("BO"));
        Assert.Equal(HttpStatusCode.OK, (await bolivia.PostAsJsonAsync($"{actionUrl}/transitions", new { trigger = "verify" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/roadmaps/{id}/actions/{shelter}/transitions", new { trigger = "start" })).StatusCode);

        var dashboard = await (await manager.GetAsync($"/api/v1/dashboard/roadmaps/{id}")).ReadJsonAsync();
        var areas = dashboard.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!);
        Assert.Equal(33.3, dashboard.GetProperty("percentVerified").GetDouble());
        Assert.Equal((1, 1, 100.0), (areas["prevencion"].GetProperty("actions").GetInt32(), areas["prevencion"].GetProperty("verified").GetInt32(), areas["prevencion"].GetProperty("percentVerified").GetDouble()));
        Assert.Equal((2, 0, 1, 1), (areas["proteccion"].GetProperty("actions").GetInt32(), areas["proteccion"].GetProperty("verified").GetInt32(),
            areas["proteccion"].GetProperty("byState").GetProperty("in_progress").GetInt32(), areas["proteccion"].GetProperty("byState").GetProperty("planned").GetInt32()));

        // The responsible agency sees its action in the roadmap, not the others; agents have no dashboard.
        var forPolice = await (await police.GetAsync($"/api/v1/roadmaps/{id}")).ReadJsonAsync();
        Assert.Equal([campaign], forPolice.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync($"/api/v1/dashboard/roadmaps/{id}")).StatusCode);

        var history = await (await coordinator.GetAsync($"{actionUrl}/history")).ReadJsonAsync();
        Assert.Equal(["action-created", "transition", "progress-reported", "transition", "verification-recorded", "verification-recorded", "transition"],
            history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var csv = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/dashboard/roadmaps/{id}");
        csv.Headers.Accept.ParseAdd("text/csv");
        var rows = (await (await manager.SendAsync(csv)).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("area,areaTitle,state,actions,percentVerified,overdue", rows[0]);
        Assert.Contains("prevencion,Prevención,verified,1,100,0", rows);
        var list = await (await coordinator.GetAsync("/api/v1/roadmaps?pageSize=500")).ReadJsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetString() == id && r.GetProperty("verified").GetInt32() == 1);
    }

    [Fact]
    public async Task APeruvianVerificationAloneLeavesABinationalActivityUnverifiedAndAwaitsBolivia()
    {
        var (peru, bolivia, url) = await ReportedActionAsync(["PE-PNP-DIRCTPTIM", "BO-FELCC-DTTP"]);

        var first = await peru.PostAsJsonAsync($"{url}/transitions", new { trigger = "verify" });
        var again = await peru.PostAsJsonAsync($"{url}/transitions", new { trigger = "verify" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var view = await first.ReadJsonAsync();
        Assert.Equal("reported_done", view.GetProperty("state").GetString());
        Assert.Equal([("PE", "coord-pe", "PE-CMNP-ST")], view.GetProperty("verifications").EnumerateArray()
            .Select(v => (v.GetProperty("country").GetString(), v.GetProperty("user").GetString(), v.GetProperty("agency").GetString())));
        Assert.Equal(["BO"], view.GetProperty("awaitingVerification").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("PE ya verificó; falta la verificación de BO", (await again.ReadJsonAsync()).GetProperty("detail").GetString());
        var forPeru = await (await peru.GetAsync(url)).ReadJsonAsync();
        var forBolivia = await (await bolivia.GetAsync(url)).ReadJsonAsync();
        Assert.Equal((false, true), (Permits(forPeru, "verify"), Permits(forBolivia, "verify")));
        var history = await (await peru.GetAsync($"{url}/history")).ReadJsonAsync();
        var recorded = history.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("verification-recorded", "coord-pe", "PE verified; awaiting BO"),
            (recorded.GetProperty("kind").GetString(), recorded.GetProperty("actor").GetString(), recorded.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task BothSecretariatsVerifyingMakeABinationalActivityVerified()
    {
        var (peru, bolivia, url) = await ReportedActionAsync(["PE-MIMP", "BO-SEPDAVI"]);

        Assert.Equal(HttpStatusCode.OK, (await bolivia.PostAsJsonAsync($"{url}/transitions", new { trigger = "verify" })).StatusCode);
        var second = await peru.PostAsJsonAsync($"{url}/transitions", new { trigger = "verify" });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var view = await second.ReadJsonAsync();
        Assert.Equal("verified", view.GetProperty("state").GetString());
        Assert.Equal(["BO", "PE"], view.GetProperty("verifications").EnumerateArray().Select(v => v.GetProperty("country").GetString()));
        Assert.Empty(view.GetProperty("awaitingVerification").EnumerateArray());
    }

    [Fact]
    public async Task ASingleCountryActivityNeedsOneVerificationAndNotTheOtherCountrys()
    {
        var (peru, bolivia, url) = await ReportedActionAsync(["PE-MIMP", "PE-MP-UDAVIT"]);

        var byBolivia = await bolivia.PostAsJsonAsync($"{url}/transitions", new { trigger = "verify" });
        var byPeru = await peru.PostAsJsonAsync($"{url}/transitions", new { trigger = "verify" });

        Assert.Equal(HttpStatusCode.Conflict, byBolivia.StatusCode);
        Assert.Contains("la verifican las secretarías técnicas de PE", (await byBolivia.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, byPeru.StatusCode);
        Assert.Equal("verified", (await byPeru.ReadJsonAsync()).GetProperty("state").GetString());
    }

    private static bool Permits(JsonElement action, string trigger) =>
        action.GetProperty("triggers").EnumerateArray().Single(t => t.GetProperty("trigger").GetString() == trigger).GetProperty("permitted").GetBoolean();

    // A new roadmap with one action of these agencies, started, reported and reported done by its first agency.
    private async Task<(HttpClient Peru, HttpClient Bolivia, string Url)> ReportedActionAsync(string[] agencies)
    {
        var peru = await fixture.ClientFor(Callers.Coordinator());
        var bolivia = await fixture.ClientFor(Callers.Coordinator("BO"));
        var agent = await fixture.ClientFor(Callers.Agent(agencies[0]));
        var id = $"hr-verif-{Guid.NewGuid():N}"[..30];
        Assert.Equal(HttpStatusCode.Created, (await peru.PostAsJsonAsync("/api/v1/roadmaps", new
        {
            id,
            title = "Hoja de ruta de prueba",
            countries = new[] { "PE", "BO" },
            signedOn = "2025-04-24",
            signedAt = "CEBAF Desaguadero",
            periodStart = "2025-04-24",
            periodEnd = "2026-12-31",
            areas = Areas,
        })).StatusCode);
        var url = $"/api/v1/roadmaps/{id}/actions/{await AddActionAsync(peru, id, "Equipo de respuesta rápida", "proteccion", agencies)}";
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"{url}/transitions", new { trigger = "start" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"{url}/reports", Report(100))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"{url}/transitions", new { trigger = "report-done" })).StatusCode);
        return (peru, bolivia, url);
    }

    private static async Task<string> AddActionAsync(HttpClient coordinator, string roadmap, string title, string area, string[] agencies)
    {
        var response = await coordinator.PostAsJsonAsync($"/api/v1/roadmaps/{roadmap}/actions", ActionBody(title, area, agencies));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private static object ActionBody(string title, string area, string[] agencies) => new
    {
        title,
        area,
        responsibleAgencies = agencies,
        startDate = "2025-08-01",
        dueDate = "2099-06-30",
        indicators = new[] { new { name = "personas alcanzadas", unit = "personas", baseline = 0, target = 10000 } },
    };

    private static object Report(int percent) => new
    {
        indicatorValues = new Dictionary<string, decimal> { ["personas alcanzadas"] = 12000 },
        percentComplete = percent,
        note = "Campaña ejecutada en Puno y Desaguadero",
        evidenceRef = "SGD-2025-0142",
    };
}
