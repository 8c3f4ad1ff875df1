using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Gateway;

/// <summary>Border points, countries and agency kinds through HTTP, and a case's border point validated against the list.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BorderPointsApiTests(GatewayFixture fixture)
{
    [Fact]
    public async Task BorderPointsAreServedWithNamesInTheCallersLanguage()
    {
        var http = await fixture.ClientFor(Callers.Agent("PE-MIMP"));

        var spanish = await Get(http, "/api/v1/border-points", "es-PE");
        var english = await Get(http, "/api/v1/border-points", "en-GB,en;q=0.9,es;q=0.5");
        var plain = await Get(http, "/api/v1/border-points", null);

        Assert.Equal(["desaguadero", "yunguyo-kasani", "lago-titicaca"], spanish.EnumerateArray().Select(b => b.GetProperty("code").GetString()));
        var desaguadero = spanish[0];
        Assert.Equal("Desaguadero (Perú) – Desaguadero (Bolivia), CEBAF", desaguadero.GetProperty("name").GetString());
        Assert.Equal(["PE", "BO"], desaguadero.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["code", "countries", "name"], desaguadero.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Yunguyo (Peru) – Kasani (Bolivia)", english[1].GetProperty("name").GetString());
        Assert.Equal("Lake Titicaca (lake crossings)", english[2].GetProperty("name").GetString());
        Assert.Equal("Lago Titicaca (cruces lacustres)", plain[2].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous().GetAsync("/api/v1/border-points")).StatusCode);
    }

    [Fact]
    public async Task CountriesCarryTheirTimeZoneAndLocale()
    {
        var http = await fixture.ClientFor(Callers.Manager());

        var countries = (await Get(http, "/api/v1/countries", null)).EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);

        Assert.Equal(("America/Lima", "es-PE"), (countries["PE"].GetProperty("timeZone").GetString(), countries["PE"].GetProperty("locale").GetString()));
        Assert.Equal(("America/La_Paz", "es-BO"), (countries["BO"].GetProperty("timeZone").GetString(), countries["BO"].GetProperty("locale").GetString()));
    }

    [Fact]
    public async Task TheAgenciesRouteListsEveryKindOfInstitutionAndNoBorderFacility()
    {
        var http = await fixture.ClientFor(Callers.Coordinator());

        var agencies = (await Get(http, "/api/v1/agencies", null)).EnumerateArray()
            .Select(a => (Code: a.GetProperty("code").GetString()!, Country: a.GetProperty("country").GetString()!, Kind: a.GetProperty("kind").GetString()!)).ToList();

        string[] kinds = ["police", "prosecutor", "ministry", "secretariat", "migration", "protection", "child-protection", "consular", "labour-inspection", "ombudsperson", "judiciary", "international", "ngo"];
        Assert.Equal(kinds.Order(StringComparer.Ordinal), agencies.Select(a => a.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(("PE-MIMP-UPE", "PE", "child-protection"), agencies);
        Assert.Contains(("BO-DNA-ELALTO", "BO", "child-protection"), agencies);
        Assert.Contains(("PE-CONSULADO-LA-PAZ", "PE", "consular"), agencies);
        Assert.Contains(("BO-CONSULADO-PUNO", "BO", "consular"), agencies);
        Assert.Contains(("PE-SUNAFIL", "PE", "labour-inspection"), agencies);
        Assert.Contains(("BO-MTEPS", "BO", "labour-inspection"), agencies);
        Assert.Contains(("PE-DP", "PE", "ombudsperson"), agencies);
        Assert.Contains(("BO-DP", "BO", "ombudsperson"), agencies);
        Assert.Contains(("BO-SEDEGES-LP", "BO", "protection"), agencies);
        Assert.Contains(("BO-OJ-JNA", "BO", "judiciary"), agencies);
        Assert.Contains(agencies, a => a is { Country: "PE", Kind: "ngo" });
        Assert.Contains(agencies, a => a is { Country: "BO", Kind: "ngo" });
        Assert.DoesNotContain(agencies, a => a.Code.Contains("CEBAF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACaseWithAnUnknownBorderPointIsRefusedAndNothingIsCreated()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var title = $"Paso no registrado {Guid.NewGuid():N}";

        var refused = await coordinator.PostAsJsonAsync("/api/v1/cases", NewCase(title, "Desaguadero"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        var message = Assert.Single((await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("borderPoint").EnumerateArray()).GetString()!;
        Assert.Equal("'Desaguadero' is not a border point code; use one of: desaguadero, yunguyo-kasani, lago-titicaca (GET /api/v1/border-points), or leave it out", message);
        var listed = await (await coordinator.GetAsync($"/api/v1/cases?q={Uri.EscapeDataString(title)}")).ReadJsonAsync();
        Assert.Equal(0, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ACaseWithABorderPointOfItsCountriesIsCreatedAndShowsTheCode()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator("BO"));
        var title = $"Cruce por el lago {Guid.NewGuid():N}";

        var created = await coordinator.PostAsJsonAsync("/api/v1/cases", NewCase(title, "lago-titicaca", lead: "BO", partners: []));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = await created.ReadJsonAsync();
        Assert.Equal("lago-titicaca", view.GetProperty("borderPoint").GetString());
        var again = await (await coordinator.GetAsync($"/api/v1/cases/{view.GetProperty("id").GetString()}")).ReadJsonAsync();
        Assert.Equal("lago-titicaca", again.GetProperty("borderPoint").GetString());
    }

    [Fact]
    public async Task ABorderPointMustBeACodeExactlyAndMayBeLeftOut()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());

        var padded = await coordinator.PostAsJsonAsync("/api/v1/cases", NewCase("Caso con espacios", "desaguadero\n"));
        var empty = await coordinator.PostAsJsonAsync("/api/v1/cases", NewCase($"Caso sin paso {Guid.NewGuid():N}", ""));

        Assert.Equal(HttpStatusCode.BadRequest, padded.StatusCode);
        Assert.Equal(HttpStatusCode.Created, empty.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await empty.ReadJsonAsync()).GetProperty("borderPoint").ValueKind);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheBorderPointsRoute()
    {
        var document = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;

        var get = document.GetProperty("paths").GetProperty("/api/v1/border-points").GetProperty("get");

        Assert.Equal("ListBorderPoints", get.GetProperty("operationId").GetString());
        Assert.Contains("Reference data", get.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var content = get.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.True(content.TryGetProperty("text/csv", out _));
    }

    private static object NewCase(string title, string? borderPoint, string lead = "PE", string[]? partners = null) => new
    {
        workflowId = "trafficking-case",
        title,
        summary = "Denuncia recibida en el puesto de control.",
        leadCountry = lead,
        partnerCountries = partners ?? ["BO"],
        borderPoint,
    };

    private static async Task<JsonElement> Get(HttpClient http, string path, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null)
        {
            request.Headers.Add("Accept-Language", language);
        }

        var response = await http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }
}
