using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Gateway;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Victims;

/// <summary>
/// Through real HTTP: a text written into a case that names one of its own victims or
/// perpetrators (name or document number, any accents or case) is a 400 that says which field
/// and asks for the person's code, never echoing what matched; nothing changes; the same text
/// about nobody recorded passes.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class IdentityMentionsApiTests(GatewayFixture fixture)
{
    private const string VictimName = "Felicitas Condori Huanca";
    private const string VictimDocument = "70.123.456";
    private const string PerpetratorName = "Rubén Tito Achá";

    [Fact]
    public async Task TextNamingAPersonRecordedInTheCaseIsRefusedWithTheFieldAndWithoutTheName()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var police = await fixture.ClientFor(Callers.Agent("PE-PNP-DIRCTPTIM"));
        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", Case(summary: "Captación en una feria de Juliaca"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.ReadJsonAsync();
        var id = view.GetProperty("id").GetString()!;
        var policeTask = view.GetProperty("tasks").EnumerateArray().First(t => t.GetProperty("agency").GetString() == "PE-PNP-DIRCTPTIM").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/perpetrators", new { role = "exploiter", identity = new { fullName = PerpetratorName } })).StatusCode);
        var before = await StateAsync(coordinator, id);

        var refusals = new (string Field, Task<HttpResponseMessage> Request)[]
        {
            ("text", coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Se entrevistó a FELICITAS condori en Puno" })),
            ("text", coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Documento verificado: 70123456" })),
            ("evidenceRef", coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Informe", evidenceRef = "informe-condori-huanca.pdf" })),
            ("text", police.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Detenido: ruben tito acha", taskId = policeTask })),
            ("title", coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Acompañar a Felicitas Condori", agency = "PE-MIMP", dueAt = "2099-01-01T00:00:00Z" })),
            ("description", coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Acompañamiento", description = "Para Condori Huanca", agency = "PE-MIMP", dueAt = "2099-01-01T00:00:00Z" })),
            ("note", police.PostAsJsonAsync($"/api/v1/cases/{id}/tasks/{policeTask}/transitions", new { trigger = "accept", note = "Rubén Tito ya fue ubicado" })),
            ("note", coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/transitions", new { trigger = "archive", note = "Felicitas Huanca desistió", resolution = "duplicate", decisionRef = "Disposición 4-2026" })),
            ("note", coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/consents", new { purpose = "statistics", given = true, note = "Firmó Felicitas Condori" })),
            ("note", coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims/V-1/identity/erase", new { note = "Supresión pedida; CI 70 123 456" })),
        };

        foreach (var (field, request) in refusals)
        {
            var response = await request;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var messages = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
            Assert.Contains("contains the name or document number of a person recorded in this case: refer to the person by code (V-1, P-1, …) instead", messages);
            foreach (var secret in new[] { "Felicitas", "Condori", "Huanca", "70123456", "70.123.456", "Tito", "Achá", "acha" })
            {
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Equal(before, await StateAsync(coordinator, id));
        var identityRead = await coordinator.GetAsync($"/api/v1/cases/{id}/victims/V-1/identity?override=true&reason=Verificar%20a%20Felicitas%20Condori");
        Assert.Equal(HttpStatusCode.BadRequest, identityRead.StatusCode);
        Assert.True((await identityRead.ReadJsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));

        // By code, or naming nobody recorded here, the same texts pass.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Se entrevistó a V-1 en Puno; P-1 sigue prófugo. Condori es un apellido frecuente." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/tasks", new { title = "Acompañar a V-1", agency = "PE-MIMP", dueAt = "2099-01-01T00:00:00Z" })).StatusCode);

        // A person recorded later counts from then on (the activation's copy is refreshed).
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/victims", new
        {
            identificationStatus = "presumed",
            ageGroup = "24-26",
            sex = "masculine",
            citizenship = "BO",
            identity = new { fullName = "Wilmer Mamani Cutipa" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "Wilmer Mamani llegó" })).StatusCode);

        // (ASP.NET Core's own request lines, at Information, print the URL a client sent — the query
        // with the refused reason included; the shipped settings log that category at Warning only.)
        var leaked = fixture.Logs.Lines
            .Where(l => !l.Contains("Microsoft.AspNetCore.Hosting.Diagnostics", StringComparison.Ordinal))
            .Where(l => l.Contains("Felicitas", StringComparison.OrdinalIgnoreCase) || l.Contains("Wilmer", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaked.Count == 0, string.Join("\n", leaked));
    }

    [Fact]
    public async Task ACaseWhoseTitleOrSummaryNamesItsOwnVictimIsNotOpened()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var marker = $"mencion-{Guid.NewGuid():N}"[..18];

        var refused = await coordinator.PostAsJsonAsync("/api/v1/cases", Case(summary: $"{marker}: la víctima Felicitas CONDORI fue captada en Juliaca", title: $"Caso {marker}"));

        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("summary", out _), body);
        Assert.DoesNotContain("Felicitas", body, StringComparison.OrdinalIgnoreCase);
        var listed = await (await coordinator.GetAsync($"/api/v1/cases?q={marker}")).ReadJsonAsync();
        Assert.Equal(0, listed.GetProperty("total").GetInt32());
    }

    private static object Case(string summary, string title = "Captación en Juliaca") => new
    {
        workflowId = "trafficking-case",
        title,
        summary,
        leadCountry = "PE",
        partnerCountries = Array.Empty<string>(),
        victims = new[]
        {
            new { identificationStatus = "presumed", ageGroup = "24-26", sex = "feminine", citizenship = "PE", identity = new { fullName = VictimName, documentNumber = VictimDocument } },
        },
    };

    // What must not change: the case's version and its trail's length.
    private static async Task<(int, int)> StateAsync(HttpClient coordinator, string id)
    {
        var view = await (await coordinator.GetAsync($"/api/v1/cases/{id}")).ReadJsonAsync();
        var history = await (await coordinator.GetAsync($"/api/v1/cases/{id}/history?pageSize=500")).ReadJsonAsync();
        return (view.GetProperty("version").GetInt32(), history.GetProperty("total").GetInt32());
    }
}
