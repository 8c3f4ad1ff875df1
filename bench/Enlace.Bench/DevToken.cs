using System.Net.Http.Json;
using System.Text.Json;

namespace Enlace.Bench;

/// <summary>Signs in through the gateway's development tokens (<c>Auth:DevTokens=true</c>).</summary>
public static class DevToken
{
    /// <summary>A bearer token for the user described by <paramref name="body"/>.</summary>
    public static async Task<string> IssueAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/dev-token", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
