using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enlace.Tests.Infrastructure;

/// <summary>Hand-made bearer tokens (expired, foreign, misaddressed) and JSON reading for HTTP tests.</summary>
public static class TestTokens
{
    /// <summary>A coordinator's token signed with <paramref name="key"/>, expiring at <paramref name="expires"/> (no <c>sub</c> claim when <paramref name="subject"/> is null).</summary>
    public static string Create(byte[] key, DateTime expires, string issuer = "enlace-local", string audience = "enlace-api", string? subject = "coord-pe") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(new[] { new Claim("sub", subject ?? ""), new Claim("name", "C"), new Claim("role", "coordinator"), new Claim("country", "PE") }.Where(c => c.Type != "sub" || subject is not null)),
            NotBefore = expires.AddHours(-2),
            IssuedAt = expires.AddHours(-2),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>Sends <paramref name="token"/> with every request of <paramref name="http"/>.</summary>
    public static HttpClient WithBearer(this HttpClient http, string token)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The response body as JSON.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
