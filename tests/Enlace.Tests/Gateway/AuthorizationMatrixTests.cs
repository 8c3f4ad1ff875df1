using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>
/// Every case route × every kind of caller → the expected status, and no field of a case
/// the caller may not see in any response body. Administrators, as such, see no case
/// content at all (they manage definitions, agencies, upgrades and webhooks).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AuthorizationMatrixTests(GatewayFixture fixture)
{
    private const string Title = "Matriz de autorización: caso reservado";

    // Callers, in the order each route is tried (the assigned agency last: it may change the task).
    private static readonly string[] Who = ["coordinator", "otherAgencySameCountry", "agentOtherCountry", "manager", "admin", "anonymous", "expired", "foreignKey", "assignedAgency"];

    public static TheoryData<string, string, string, string> Routes => new()
    {
        // route, method, body, expected statuses in the order of Who
        { "/api/v1/countries", "GET", "", "200 200 200 200 200 401 401 401 200" },
        { "/api/v1/agencies", "GET", "", "200 200 200 200 200 401 401 401 200" },
        { "/api/v1/workflows", "GET", "", "200 200 200 200 200 401 401 401 200" },
        { "/api/v1/workflows/trafficking-case", "GET", "", "200 200 200 200 200 401 401 401 200" },
        { "/api/v1/workflows/trafficking-case/graph", "GET", "", "200 200 200 200 200 401 401 401 200" },

        // "200!" is 200 with nothing of the case in the body.
        { "/api/v1/cases?q={id}", "GET", "", "200 200! 200! 200 403 401 401 401 200" },
        { "/api/v1/inbox?pageSize=500", "GET", "", "200 200! 200! 403 403 401 401 401 200" },
        { "/api/v1/dashboard/summary", "GET", "", "200 403 403 200 200 401 401 401 403" },
        { "/api/v1/notifications", "GET", "", "200 200 200 200 200! 401 401 401 200" },
        { "/api/v1/dashboard/agencies", "GET", "", "200 403 403 200 200 401 401 401 403" },
        { "/api/v1/statistics/victims", "GET", "", "200! 403 403 200! 403 401 401 401 403" },
        { "/api/v1/statistics/victims?by=sex,ageBroad,citizenship,exploitation,countryOfExploitation,identificationStatus", "GET", "", "200! 403 403 200! 403 401 401 401 403" },
        { "/api/v1/queue", "GET", "", "200 403 403 403 403 401 401 401 403" },
        { "/api/v1/cases/{id}", "GET", "", "200 404 404 200 404 401 401 401 200" },
        { "/api/v1/cases/{id}/history", "GET", "", "200 404 404 200 404 401 401 401 200" },
        { "/api/v1/cases/{id}/history/verify", "GET", "", "200 404 404 200 404 401 401 401 200" },
        { "/api/v1/cases/{id}/transitions", "POST", """{"trigger":"assess"}""", "409 404 404 403 404 401 401 401 409" },
        { "/api/v1/cases/{id}/tasks", "POST", """{"title":"Nueva","agency":"PE-MIMP","dueAt":"2099-01-01T00:00:00Z"}""", "201 404 404 403 404 401 401 401 403" },
        { "/api/v1/cases/{id}/tasks/t1/transitions", "POST", """{"trigger":"accept"}""", "409 404 404 403 404 401 401 401 200" },
        { "/api/v1/cases/{id}/notes", "POST", """{"text":"Nota"}""", "200 404 404 403 404 401 401 401 200" },

        // Administrators manage definitions, agencies, upgrades and webhooks: those routes are theirs;
        // case content (above and below) is not — a case does not exist for them.
        { "/api/v1/workflows/trafficking-case/upgrades", "POST", """{"fromVersion":1,"toVersion":2,"dryRun":true}""", "403 403 403 403 200 401 401 401 403" },
        { "/api/v1/webhooks", "GET", "", "403 403 403 403 200 401 401 401 403" },

        // Victims and perpetrators: recorded by coordinators and agencies with an open task; identities read
        // by coordinators and entitled agency kinds with an open task (the police's kind is not entitled).
        { "/api/v1/reference/victim-values", "GET", "", "200 200 200 200 200 401 401 401 200" },
        { "/api/v1/cases/{id}/victims", "POST", Victim, "201 404 404 403 404 401 401 401 201" },
        { "/api/v1/cases/{id}/victims/V-1", "PUT", Victim, "200 404 404 403 404 401 401 401 200" },
        { "/api/v1/cases/{id}/victims/V-1/consents", "POST", """{"purpose":"statistics","given":true}""", "201 404 404 403 404 401 401 401 201" },
        { "/api/v1/cases/{id}/victims/V-1/identity?reason=Verificar", "GET", "", "200 404 404 403 404 401 401 401 403" },
        { "/api/v1/cases/{id}/victims/V-1/identity/erase", "POST", """{"note":"Supresión"}""", "200 404 404 403 404 401 401 401 403" },
        { "/api/v1/cases/{id}/perpetrators", "POST", """{"role":"exploiter"}""", "201 404 404 403 404 401 401 401 201" },
        { "/api/v1/cases/{id}/perpetrators/P-1", "PUT", """{"role":"recruiter-or-intermediary"}""", "200 404 404 403 404 401 401 401 200" },
        { "/api/v1/cases/{id}/perpetrators/P-1/identity?reason=Verificar", "GET", "", "200 404 404 403 404 401 401 401 403" },
        { "/api/v1/cases/{id}/perpetrators/P-1/identity/erase", "POST", """{"note":"Supresión"}""", "200 404 404 403 404 401 401 401 403" },
        { "/api/v1/cases/{id}/identity-access", "GET", "", "200 404 404 403 404 401 401 401 403" },
    };

    private const string Victim = """{"identificationStatus":"presumed","ageGroup":"24-26","sex":"masculine","citizenship":"BO","exploitation":["forced-labour"]}""";

    private const string VictimName = "Matías Condori Reservado";

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachCallerGetsTheExpectedStatus(string route, string method, string body, string expected)
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title = Title,
            summary = "Resumen reservado",
            leadCountry = "PE",
            partnerCountries = Array.Empty<string>(),
            victims = new[] { new { identificationStatus = "presumed", ageGroup = "24-26", sex = "masculine", citizenship = "BO", identity = new { fullName = VictimName } } },
        });
        var view = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = view.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "data-processing", given = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/perpetrators", new { role = "exploiter", identity = new { fullName = VictimName + " Perpetrador" } })).StatusCode);
        var reference = view.GetProperty("reference").GetString()!;
        var clients = new Dictionary<string, HttpClient>
        {
            ["coordinator"] = coordinator,
            ["assignedAgency"] = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM")),
            ["otherAgencySameCountry"] = await fixture.ClientFor(Callers.Agent("PE-MIGRACIONES")),
            ["agentOtherCountry"] = await fixture.ClientFor(Callers.Agent("BO-FELCC-DTTP")),
            ["manager"] = await fixture.ClientFor(Callers.Manager()),
            ["admin"] = await fixture.ClientFor(Callers.Admin()),
            ["anonymous"] = fixture.Anonymous(),
            ["expired"] = fixture.Anonymous().WithBearer(TestTokens.Create(Convert.FromBase64String(GatewayFixture.SigningKey), DateTime.UtcNow.AddMinutes(-10))),
            ["foreignKey"] = fixture.Anonymous().WithBearer(TestTokens.Create(Enumerable.Repeat((byte)9, 32).ToArray(), DateTime.UtcNow.AddHours(1))),
        };
        var expectations = expected.Split(' ');

        for (var i = 0; i < Who.Length; i++)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", id, StringComparison.Ordinal));
            if (method is "POST" or "PUT")
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            var response = await clients[Who[i]].SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = int.Parse(expectations[i].TrimEnd('!'), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True((int)response.StatusCode == status, $"{method} {route} as {Who[i]}: expected {status}, got {(int)response.StatusCode} {text}");
            if (!(route.Contains("/identity?", StringComparison.Ordinal) && status == 200))
            {
                Assert.DoesNotContain(VictimName, text, StringComparison.Ordinal);
            }

            if (status is 404 or 401 || expectations[i].EndsWith('!'))
            {
                Assert.DoesNotContain(Title, text, StringComparison.Ordinal);
                Assert.DoesNotContain(reference, text, StringComparison.Ordinal);
            }
        }
    }

}
