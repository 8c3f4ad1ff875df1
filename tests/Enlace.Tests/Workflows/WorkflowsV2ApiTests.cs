using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;
using Enlace.Tests.Victims;

namespace Enlace.Tests.Workflows;

/// <summary>
/// Workflows v2 through HTTP, one rule a test: care tracks apart from the criminal case,
/// children's tasks, decisions by the institutions that hold them, consular notification
/// only on request, reclassification into a linked case, no silent gaps in assignment.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WorkflowsV2ApiTests(GatewayFixture fixture)
{
    private const string Police = "PE-PNP-DIRCTPTIM", Prosecutor = "PE-MP-FISTRAP", Protection = "PE-MIMP";

    [Fact]
    public async Task ArchivingTheCriminalCaseLeavesEachCareTrackOpenAndMoving()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenTraffickingAsync(coordinator, VictimsApiTests.Adult(identity: false), VictimsApiTests.Child() with { CountryOfStay = "PE" });
        var opened = await CaseAsync(coordinator, id);
        Assert.All(opened.GetProperty("victims").EnumerateArray(), v => Assert.Equal("identification", v.GetProperty("care").GetProperty("state").GetString()));

        // A coordinator records the prosecutor's archiving only with the number of the disposition.
        var bare = await Fire(coordinator, id, new { trigger = "archive", note = "Sin elementos", resolution = "archived-insufficient-evidence" });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.True((await JsonOf(bare)).GetProperty("errors").TryGetProperty("decisionRef", out _));
        Assert.Equal("report", (await CaseAsync(coordinator, id)).GetProperty("state").GetString());
        var archived = await Fire(coordinator, id, new { trigger = "archive", note = "Sin elementos", resolution = "archived-insufficient-evidence", decisionRef = "Disposición Fiscal N.º 12-2026-FISTRAP-PUNO" });
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        var after = await JsonOf(archived);
        Assert.Equal("archived", after.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, after.GetProperty("closedAt").ValueKind);

        // Each care track is still open, its tasks still move, and it advances.
        Assert.All(after.GetProperty("victims").EnumerateArray(), v =>
        {
            Assert.Equal("identification", v.GetProperty("care").GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, v.GetProperty("care").GetProperty("closedAt").ValueKind);
        });
        var protection = await fixture.ClientFor(Callers.Agent(Protection));
        await CompleteAsync(protection, id, after, t => t.GetProperty("victim").GetString() == "V-1" && Tags(t).Contains("immediate-assistance"));
        var moved = await protection.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/care/transitions", new { trigger = "start-reflection" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("reflection", (await JsonOf(moved)).GetProperty("care").GetProperty("state").GetString());

        // The decision's number stays with its audit event, in the chain.
        var history = (await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/history?pageSize=100"))).GetProperty("items");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("trigger").GetString() == "archive"
            && e.GetProperty("decisionRef").GetString() == "Disposición Fiscal N.º 12-2026-FISTRAP-PUNO");
        Assert.True((await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/history/verify"))).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task AMinorVictimGetsTheChildProtectionTaskDueWithin24Hours()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenTraffickingAsync(coordinator, VictimsApiTests.Adult(identity: false));
        var child = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", VictimsApiTests.Child() with { CountryOfStay = "PE" });
        Assert.Equal(HttpStatusCode.Created, child.StatusCode);

        var tasks = (await CaseAsync(coordinator, id)).GetProperty("tasks").EnumerateArray().ToList();
        var childProtection = Assert.Single(tasks, t => Tags(t).Contains("child-protection-notified"));
        Assert.Equal("V-2", childProtection.GetProperty("victim").GetString());
        Assert.Equal("PE-MIMP-UPE", childProtection.GetProperty("agency").GetString());
        var due = childProtection.GetProperty("dueAt").GetDateTimeOffset() - childProtection.GetProperty("createdAt").GetDateTimeOffset();
        Assert.True(due <= TimeSpan.FromHours(24), $"due in {due}");
        Assert.DoesNotContain(tasks, t => t.GetProperty("victim").GetString() == "V-1" && Tags(t).Contains("child-protection-notified"));
        Assert.Equal(2, tasks.Count(t => Tags(t).Contains("immediate-assistance")));
    }

    [Fact]
    public async Task APoliceAgentCannotOpenAnInvestigationAndAProsecutorCan()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenTraffickingAsync(coordinator, VictimsApiTests.Adult(identity: false));
        var police = await fixture.ClientFor(Callers.Agent(Police));
        var protection = await fixture.ClientFor(Callers.Agent(Protection));
        await CompleteAsync(police, id, await CaseAsync(coordinator, id), t => Tags(t).Contains("intake"));
        Assert.Equal(HttpStatusCode.OK, (await Fire(police, id, new { trigger = "assess" })).StatusCode);
        await CompleteAsync(protection, id, await CaseAsync(coordinator, id), t => Tags(t).Contains("victim-identification"));

        var refused = await Fire(police, id, new { trigger = "open-investigation" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("lo decide la fiscalía", (await JsonOf(refused)).GetProperty("detail").GetString());

        var prosecutor = await fixture.ClientFor(Callers.Agent(Prosecutor));
        var opened = await Fire(prosecutor, id, new { trigger = "open-investigation" });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("investigation", (await JsonOf(opened)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ATaskCancelledWithoutANoteDoesNotSatisfyAGuard()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenTraffickingAsync(coordinator, VictimsApiTests.Adult(identity: false));
        var intake = (await CaseAsync(coordinator, id)).GetProperty("tasks").EnumerateArray().Single(t => Tags(t).Contains("intake")).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{intake}/transitions", new { trigger = "cancel" })).StatusCode);
        var refused = await Fire(coordinator, id, new { trigger = "assess" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Registrar la denuncia", (await JsonOf(refused)).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{intake}/transitions", new { trigger = "reopen" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{intake}/transitions", new { trigger = "cancel", note = "La denuncia se registró en el sistema policial" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Fire(coordinator, id, new { trigger = "assess" })).StatusCode);
    }

    [Fact]
    public async Task TheLeadPassesToAPartnerCountryOnlyAndIsAudited()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenTraffickingAsync(coordinator, VictimsApiTests.Adult(identity: false));

        var elsewhere = await Fire(coordinator, id, new { trigger = "transfer-lead", note = "Competencia", leadCountry = "CL" });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        var moved = await JsonOf(await Fire(coordinator, id, new { trigger = "transfer-lead", note = "Los hechos ocurrieron en El Alto", leadCountry = "BO" }));
        Assert.Equal(("BO", "PE", "report"), (moved.GetProperty("leadCountry").GetString(), moved.GetProperty("partnerCountries")[0].GetString(), moved.GetProperty("state").GetString()));
        var history = (await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/history?pageSize=100"))).GetProperty("items");
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "lead-transferred" && e.GetProperty("to").GetString() == "BO");
    }

    [Fact]
    public async Task ASmugglingCaseNotifiesAConsulateOnlyAtThePersonsRequestAndNeverForAnAsylumSeeker()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenSmugglingAsync(coordinator,
            Migrant("PE"), Migrant("CO") with { SeeksInternationalProtection = true }, Migrant("VE"));
        var opened = await CaseAsync(coordinator, id);
        Assert.DoesNotContain(opened.GetProperty("tasks").EnumerateArray(), t => Tags(t).Contains("consular-notified"));
        Assert.All(opened.GetProperty("victims").EnumerateArray(), v => Assert.Equal("screening", v.GetProperty("care").GetProperty("state").GetString()));

        var asylum = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-2/care/transitions", new { trigger = "request-consular-notification", note = "Pidió hablar con su consulado" });
        Assert.Equal(HttpStatusCode.Conflict, asylum.StatusCode);

        var asked = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/care/transitions", new { trigger = "request-consular-notification", note = "Pidió asistencia de su consulado" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var consular = Assert.Single((await CaseAsync(coordinator, id)).GetProperty("tasks").EnumerateArray(), t => Tags(t).Contains("consular-notified"));
        Assert.Equal(("V-1", false), (consular.GetProperty("victim").GetString(), consular.GetProperty("unmatchedRule").GetBoolean()));
        Assert.StartsWith("PE-", consular.GetProperty("agency").GetString());
    }

    [Fact]
    public async Task ARuleThatFindsNoAgencyAssignsTheFallbackFlaggedAndAudited()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await OpenSmugglingAsync(coordinator, Migrant("VE"));

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/care/transitions",
            new { trigger = "request-consular-notification", note = "Pidió asistencia consular" })).StatusCode);

        var task = Assert.Single((await CaseAsync(coordinator, id)).GetProperty("tasks").EnumerateArray(), t => Tags(t).Contains("consular-notified"));
        Assert.True(task.GetProperty("unmatchedRule").GetBoolean());
        Assert.Equal(Protection, task.GetProperty("agency").GetString());
        var history = (await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/history?pageSize=100"))).GetProperty("items");
        var why = Assert.Single(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "assignment-unmatched");
        Assert.Contains("VE is not a configured country", why.GetProperty("note").GetString());
        Assert.Contains(Protection, why.GetProperty("note").GetString());
    }

    [Fact]
    public async Task ReclassificationOpensALinkedTraffickingCaseWithThePseudonymousRecords()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var migrant = Migrant("BO") with { Identity = new IdentityBody("Marta Choque Apaza", "BO-778899", null) };
        var id = await OpenSmugglingAsync(coordinator, migrant, Migrant("VE"));

        var reclassified = await Fire(coordinator, id, new { trigger = "reclassify-as-trafficking", note = "La entrevista de detección mostró indicios de explotación laboral" });
        Assert.Equal(HttpStatusCode.OK, reclassified.StatusCode);
        var smuggling = await JsonOf(reclassified);
        var linkedId = Assert.Single(smuggling.GetProperty("linkedCases").EnumerateArray()).GetString()!;
        Assert.Equal("report", smuggling.GetProperty("state").GetString());

        var linked = await CaseAsync(coordinator, linkedId);
        Assert.Equal(("trafficking-case", 2), (linked.GetProperty("workflowId").GetString(), linked.GetProperty("workflowVersion").GetInt32()));
        Assert.Equal(id, Assert.Single(linked.GetProperty("linkedCases").EnumerateArray()).GetString());
        Assert.Equal(2, linked.GetProperty("victims").GetArrayLength());
        Assert.All(linked.GetProperty("victims").EnumerateArray(), v => Assert.False(v.GetProperty("hasIdentity").GetBoolean()));
        Assert.DoesNotContain("Marta", linked.GetRawText(), StringComparison.Ordinal);

        // Fired again (a retry), it opens nothing new.
        var again = await JsonOf(await Fire(coordinator, id, new { trigger = "reclassify-as-trafficking", note = "Reintento" }));
        Assert.Equal(linkedId, Assert.Single(again.GetProperty("linkedCases").EnumerateArray()).GetString());
    }

    internal static VictimBody Migrant(string citizenship) => new(
        "presumed", "24-26", "masculine", citizenship, null, [], null, null, [], null, null, ["es"], null, null, CountryOfStay: "PE");

    internal static async Task<string> OpenTraffickingAsync(HttpClient coordinator, params VictimBody[] victims) =>
        await OpenAsync(coordinator, "trafficking-case", "Explotación laboral en minería informal de La Rinconada", victims);

    private static async Task<string> OpenSmugglingAsync(HttpClient coordinator, params VictimBody[] migrants) =>
        await OpenAsync(coordinator, "smuggling-case", "Traslado irregular de migrantes por Desaguadero", migrants);

    private static async Task<string> OpenAsync(HttpClient coordinator, string workflow, string title, VictimBody[] victims)
    {
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = workflow,
            title,
            summary = "Caso de prueba de los flujos v2.",
            leadCountry = "PE",
            partnerCountries = new[] { "BO" },
            victims,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await JsonOf(created)).GetProperty("id").GetString()!;
    }

    private static async Task CompleteAsync(HttpClient agent, string id, JsonElement view, Func<JsonElement, bool> which)
    {
        foreach (var task in view.GetProperty("tasks").EnumerateArray().Where(which))
        {
            foreach (var trigger in new[] { "accept", "start", "complete" })
            {
                var moved = await agent.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{task.GetProperty("id").GetString()}/transitions", new { trigger });
                Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            }
        }
    }

    private static List<string?> Tags(JsonElement task) => [.. task.GetProperty("tags").EnumerateArray().Select(t => t.GetString())];

    private static Task<HttpResponseMessage> Fire(HttpClient client, string id, object body) => client.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", body);

    private static async Task<JsonElement> CaseAsync(HttpClient client, string id) => await JsonOf(await client.GetAsync($"/api/v1/cases/{id}"));

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
