using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Enlace.Tests.Browser;

/// <summary>Sets up data a browser test is not about, through the API as the Peruvian coordinator.</summary>
public static class BrowserApi
{
    /// <summary>The demo Peruvian coordinator's id.</summary>
    public const string Coordinator = "demo-coordinator-pe";

    /// <summary>A client of the gateway signed in as the Peruvian coordinator.</summary>
    public static async Task<HttpClient> CoordinatorAsync(BrowserFixture fixture)
    {
        var http = fixture.Http;
        var token = await Enlace.Bench.DevToken.IssueAsync(http, new { sub = Coordinator, name = "Coordinación Perú", roles = new[] { "coordinator" }, agency = "PE-CMNP-ST", countries = new[] { "PE" } });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> and answers the JSON body; fails on any error status.</summary>
    public static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Opens a trafficking case led by Peru and answers its id.</summary>
    public static async Task<string> OpenCaseAsync(HttpClient http, string title, params object[] victims) =>
        (await PostAsync(http, "/api/v1/cases", new
        {
            workflowId = "trafficking-case",
            title,
            summary = "Caso de prueba de la interfaz",
            leadCountry = "PE",
            partnerCountries = new[] { "BO" },
            victims,
        })).GetProperty("id").GetString()!;
}
