using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Victims;

/// <summary>
/// Malformed victim, perpetrator, consent and identity requests: every field replaced by a
/// wrong type or a hostile string, unknown codes, bad versions. None may answer 5xx, each
/// answers a problem body, and neither the case nor its audit trail changes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class VictimHostileInputTests(GatewayFixture fixture)
{
    private static readonly string[] Strings =
    [
        "", " ", "\0", "\u0001\u0007", "\t\n", new string('x', 5000), "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "\ud800", "Ωмир漢字", "V-1", "P-1", "null",
    ];

    private static readonly object?[] WrongValues = [42, -1.5, true, new object(), Array.Empty<object>(), new[] { 1, 2 }, null];

    private static readonly Dictionary<string, object?> ValidVictim = new()
    {
        ["identificationStatus"] = "presumed",
        ["ageGroup"] = "18-20",
        ["sex"] = "feminine",
        ["citizenship"] = "PE",
        ["exploitation"] = new[] { "forced-labour" },
        ["meansOfControl"] = new[] { "debt-bondage" },
        ["languages"] = new[] { "es" },
        ["recruitment"] = new { method = "at-work", country = "PE" },
        ["identity"] = new { fullName = "Nombre Ficticio", documentNumber = "1", birthDate = "2000-01-01" },
    };

    [Fact]
    public async Task MalformedVictimRequestsAreProblemsAndChangeNothing()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var id = await VictimsApiTests.OpenCaseAsync(coordinator);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", VictimsApiTests.Child())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/perpetrators", new { role = "exploiter" })).StatusCode);
        var before = await SnapshotAsync(coordinator, id);

        var requests = Requests(id).ToList();
        Assert.True(requests.Count >= 300, $"only {requests.Count} hostile requests");
        foreach (var (method, path, body) in requests)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            if (method == "PUT" && path.Contains("stale", StringComparison.Ordinal))
            {
                request.RequestUri = new Uri(path.Replace("?stale", "", StringComparison.Ordinal), UriKind.Relative);
                request.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
            }

            var response = await coordinator.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var label = $"{method} {path} {(body is { Length: > 120 } ? body[..120] : body)}";
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{label}: {(int)response.StatusCode} {text}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{label}: {response.Content.Headers.ContentType}");
            using var problem = JsonDocument.Parse(text);
            Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        }

        Assert.Equal(before, await SnapshotAsync(coordinator, id));
    }

    private static IEnumerable<(string Method, string Path, string? Body)> Requests(string id)
    {
        foreach (var field in ValidVictim.Keys)
        {
            foreach (var value in WrongValues.Concat(Strings))
            {
                // A wrong identity alone would be refused too, but always break a code so no variant can pass.
                var body = new Dictionary<string, object?>(ValidVictim) { [field] = value, ["sex"] = field == "sex" ? value : "x" };
                yield return ("POST", $"/api/v1/cases/{id}/victims", JsonSerializer.Serialize(body));
                yield return ("PUT", $"/api/v1/cases/{id}/victims/V-1", JsonSerializer.Serialize(body));
            }
        }

        foreach (var identity in new object?[] { new { fullName = "" }, new { fullName = "a\nb" }, new { fullName = new string('n', 201) }, new { fullName = "x", birthDate = "2099-01-01" }, new { fullName = "x", birthDate = "31/12/2000" }, "Nombre" })
        {
            yield return ("POST", $"/api/v1/cases/{id}/victims", JsonSerializer.Serialize(new Dictionary<string, object?>(ValidVictim) { ["identity"] = identity }));
            yield return ("POST", $"/api/v1/cases/{id}/perpetrators", JsonSerializer.Serialize(new { role = "exploiter", identity }));
        }

        yield return ("PUT", $"/api/v1/cases/{id}/victims/V-1?stale", JsonSerializer.Serialize(ValidVictim));
        yield return ("PUT", $"/api/v1/cases/{id}/perpetrators/P-1?stale", JsonSerializer.Serialize(new { role = "smuggler" }));
        foreach (var code in new[] { "V-9", "V-0", "v-1", "P-9", "X", "V-1%20", new string('V', 300) })
        {
            yield return ("PUT", $"/api/v1/cases/{id}/victims/{code}", JsonSerializer.Serialize(ValidVictim));
            yield return ("POST", $"/api/v1/cases/{id}/victims/{code}/consents", JsonSerializer.Serialize(new { purpose = "statistics", given = true, legalRepresentative = "DEMUNA" }));
            yield return ("GET", $"/api/v1/cases/{id}/victims/{code}/identity?reason=x", null);
            yield return ("POST", $"/api/v1/cases/{id}/victims/{code}/identity/erase", JsonSerializer.Serialize(new { note = "n" }));
            yield return ("PUT", $"/api/v1/cases/{id}/perpetrators/{code}", JsonSerializer.Serialize(new { role = "smuggler" }));
        }

        foreach (var value in WrongValues.Concat(Strings))
        {
            yield return ("POST", $"/api/v1/cases/{id}/victims/V-1/consents", JsonSerializer.Serialize(new { purpose = value, given = true, legalRepresentative = "DEMUNA" }));
            yield return ("POST", $"/api/v1/cases/{id}/victims/V-1/consents", JsonSerializer.Serialize(new { purpose = "statistics", given = value is bool ? "yes" : value, legalRepresentative = "DEMUNA" }));
            yield return ("POST", $"/api/v1/cases/{id}/perpetrators", JsonSerializer.Serialize(new { role = value }));
            yield return ("PUT", $"/api/v1/cases/{id}/perpetrators/P-1", JsonSerializer.Serialize(new { role = "smuggler", proceduralStatus = value is string ? value + "?" : value ?? 0 }));
            yield return ("POST", $"/api/v1/cases/{id}/victims/V-1/identity/erase", JsonSerializer.Serialize(new { note = value is string text && text.Trim().Length > 0 && !text.Any(char.IsControl) && text.Length < 4000 ? (object?)null : value }));
        }

        // A child's consent without the legal representative; reads without a reason or with a huge one.
        yield return ("POST", $"/api/v1/cases/{id}/victims/V-1/consents", JsonSerializer.Serialize(new { purpose = "statistics", given = true }));
        foreach (var query in new[] { "", "?reason=", "?reason=%20", "?reason=" + new string('r', 501), "?reason=a%0Ab", "?override=maybe&reason=x" })
        {
            yield return ("GET", $"/api/v1/cases/{id}/victims/V-1/identity{query}", null);
            yield return ("GET", $"/api/v1/cases/{id}/perpetrators/P-1/identity{query}", null);
        }

        yield return ("POST", $"/api/v1/cases/{id}/victims", "{\"sex\":");
        yield return ("POST", $"/api/v1/cases/{id}/victims", "[]");
        yield return ("POST", $"/api/v1/cases/{id}/victims", JsonSerializer.Serialize(new Dictionary<string, object?>(ValidVictim) { ["exploitation"] = Enumerable.Repeat("forced-labour", 50).ToArray(), ["sex"] = "x" }));
        yield return ("GET", $"/api/v1/cases/c{new string('f', 32)}/identity-access", null);

        // Each route takes only its own kind of person.
        yield return ("GET", $"/api/v1/cases/{id}/victims/P-1/identity?reason=x", null);
        yield return ("POST", $"/api/v1/cases/{id}/victims/P-1/identity/erase", JsonSerializer.Serialize(new { note = "n" }));
        yield return ("GET", $"/api/v1/cases/{id}/perpetrators/V-1/identity?reason=x", null);
        yield return ("POST", $"/api/v1/cases/{id}/perpetrators/V-1/identity/erase", JsonSerializer.Serialize(new { note = "n" }));
    }

    private async Task<string> SnapshotAsync(HttpClient coordinator, string id)
    {
        var view = await coordinator.GetStringAsync($"/api/v1/cases/{id}");
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM rm_audit_events WHERE case_id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return $"{view}\n{await command.ExecuteScalarAsync()}";
    }
}
