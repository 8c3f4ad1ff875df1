using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>The case routes through HTTP: statuses, headers and problem bodies of API.md.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CasesApiTests(GatewayFixture fixture)
{
    private static readonly object NewCase = new
    {
        workflowId = "trafficking-case",
        title = "Captación de adolescentes en Puno",
        summary = "Denuncia anónima recibida por la línea 1818.",
        leadCountry = "PE",
        partnerCountries = new[] { "BO" },
        borderPoint = "desaguadero",
        victims = new[]
        {
            new { identificationStatus = "presumed", ageGroup = "9-17", sex = "feminine", citizenship = "BO", exploitation = new[] { "forced-labour" }, meansOfControl = new[] { "physical-threats" }, identity = new { fullName = "Rosa Mamani", documentNumber = "123" } },
        },
    };

    [Fact]
    public async Task ACoordinatorOpensACaseAndAnAgencyWorksItsTask()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));

        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", NewCase);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonOf(created);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/cases/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Equal("report", body.GetProperty("state").GetString());
        var taskId = body.GetProperty("tasks")[0].GetProperty("id").GetString();

        var refused = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { trigger = "assess" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var problem = await JsonOf(refused);
        Assert.Equal(["archive", "transfer-lead"], problem.GetProperty("permittedTriggers").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("falta: completar «Registrar la denuncia y adoptar medidas urgentes»", problem.GetProperty("detail").GetString());

        foreach (var trigger in new[] { "accept", "start", "complete" })
        {
            var moved = await police.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{taskId}/transitions", new { trigger, note = trigger == "complete" ? "Denuncia registrada" : null });
            Assert.True(moved.StatusCode == HttpStatusCode.OK, $"{trigger}: {moved.StatusCode} {await moved.Content.ReadAsStringAsync()}");
        }

        var assessed = await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { trigger = "assess", note = "Pasa a evaluación" });
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        Assert.Equal("assessment", (await JsonOf(assessed)).GetProperty("state").GetString());

        var history = await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/history?page=1&pageSize=2"));
        Assert.Equal(2, history.GetProperty("items").GetArrayLength());
        Assert.True(history.GetProperty("total").GetInt32() >= 6);
        var verify = await JsonOf(await coordinator.GetAsync($"/api/v1/cases/{id}/history/verify"));
        Assert.True(verify.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyReturnsTheFirstResponse()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var key = Guid.NewGuid().ToString();

        var first = await Post(coordinator, "/api/v1/cases", NewCase, key);
        var retry = await Post(coordinator, "/api/v1/cases", NewCase, key);
        var other = await Post(coordinator, "/api/v1/cases", new { workflowId = "smuggling-case" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);

        // A refusal is a response too: its retry gets the same problem, as a problem.
        var refusedKey = Guid.NewGuid().ToString();
        var refused = await Post(coordinator, "/api/v1/cases", new { workflowId = "nope" }, refusedKey);
        var refusedAgain = await Post(coordinator, "/api/v1/cases", new { workflowId = "nope" }, refusedKey);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (refused.StatusCode, refusedAgain.StatusCode));
        Assert.Equal(await refused.Content.ReadAsStringAsync(), await refusedAgain.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", refusedAgain.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AStaleIfMatchIsRefusedAndAMalformedOneIsBadInput()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var opened = await JsonOf(await coordinator.PostAsJsonAsync("/api/v1/cases", NewCase));
        var id = opened.GetProperty("id").GetString();
        var next = $"t{opened.GetProperty("tasks").GetArrayLength() + 1}";
        var task = new { title = "Entrevista", agency = "PE-MIMP", dueAt = DateTimeOffset.UtcNow.AddDays(3) };

        var fresh = await Send(coordinator, HttpMethod.Post, $"/api/v1/cases/{id}/tasks", task, ifMatch: "\"1\"");
        var stale = await Send(coordinator, HttpMethod.Post, $"/api/v1/cases/{id}/tasks", task, ifMatch: "\"1\"");
        var malformed = await Send(coordinator, HttpMethod.Post, $"/api/v1/cases/{id}/tasks", task, ifMatch: "yesterday");

        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal($"/api/v1/cases/{id}/tasks/{next}", fresh.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task OtherAgenciesManagersAndStrangersGetTheStatusesOfTheContract()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = (await JsonOf(await coordinator.PostAsJsonAsync("/api/v1/cases", NewCase))).GetProperty("id").GetString();
        var otherAgency = await fixture.ClientFor(Callers.Agent("BO-FELCC-DTTP"));
        var manager = await fixture.ClientFor(Callers.Manager());

        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAgency.GetAsync($"/api/v1/cases/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync("/api/v1/cases/123456")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/cases/{id}")).StatusCode);
        var managerTask = await manager.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "x", agency = "PE-MIMP", dueAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal(HttpStatusCode.Forbidden, managerTask.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync($"/api/v1/cases/{id}")).StatusCode);
        var managerView = await JsonOf(await manager.GetAsync($"/api/v1/cases/{id}"));
        Assert.True(managerView.GetProperty("victims")[0].GetProperty("hasIdentity").GetBoolean());
        Assert.False(managerView.GetProperty("victims")[0].TryGetProperty("identity", out _), "a case view never carries an identity");
    }

    [Fact]
    public async Task ACaseNeverOpenedIsNotFoundEvenForAnAdministrator()
    {
        // Administrators see every case; an id no case was opened under must not become an empty one (a 200, or a 500 from its view).
        var admin = await fixture.ClientFor(Callers.Admin());
        var unknown = "c" + Guid.NewGuid().ToString("N");

        foreach (var route in new[] { "", "/history", "/history/verify", "/identity-access", "/victims/V-1/identity?reason=x" })
        {
            var response = await admin.GetAsync($"/api/v1/cases/{unknown}{route}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET …{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        var note = await admin.PostAsJsonAsync($"/api/v1/cases/{unknown}/notes", new { text = "Nota" });
        Assert.Equal(HttpStatusCode.NotFound, note.StatusCode);
    }

    [Fact]
    public async Task MalformedBodiesAreProblemsNotServerErrors()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());

        var notJson = await coordinator.PostAsync("/api/v1/cases", new StringContent("{not json", Encoding.UTF8, "application/json"));
        var wrongType = await coordinator.PostAsync("/api/v1/cases", new StringContent("{\"title\": 42}", Encoding.UTF8, "application/json"));
        var invalid = await coordinator.PostAsJsonAsync("/api/v1/cases", new { workflowId = "nope", leadCountry = "XX" });
        var huge = await coordinator.PostAsync("/api/v1/cases", new StringContent("{\"title\":\"" + new string('a', 2_000_000) + "\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await JsonOf(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("workflowId", out _) && errors.TryGetProperty("leadCountry", out _) && errors.TryGetProperty("title", out _));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task ARetryWhileTheFirstRequestStillRunsIsAConflict()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var key = Guid.NewGuid().ToString();
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString))
        {
            // What the first request leaves behind while its command runs: the key claimed, no response yet.
            await connection.OpenAsync();
            var body = JsonSerializer.Deserialize<Enlace.WebGateway.Cases.CreateCaseRequest>(JsonSerializer.Serialize(NewCase), Enlace.WebGateway.Http.Json.Options);
            await using var claim = new Npgsql.NpgsqlCommand("INSERT INTO enlace_http_idempotency (user_id, key, request_hash) VALUES ('coord-pe', @key, @hash)", connection);
            claim.Parameters.AddWithValue("key", key);
            claim.Parameters.AddWithValue("hash", Enlace.WebGateway.Http.CommandRequest.RequestHash("POST", "/api/v1/cases", "", body));
            await claim.ExecuteNonQueryAsync();
        }

        var retry = await Post(coordinator, "/api/v1/cases", NewCase, key);

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("still being processed", await retry.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CorsIsClosedByDefault()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/countries");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await coordinator.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, object body, string key) =>
        Send(http, HttpMethod.Post, path, body, key: key);

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, object body, string? key = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return http.SendAsync(request);
    }

    private static Task<JsonElement> JsonOf(HttpResponseMessage response) => response.ReadJsonAsync();
}
