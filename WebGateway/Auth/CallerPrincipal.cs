using System.Collections.Immutable;
using System.Security.Claims;
using Enlace.Grains.Interfaces.Security;

namespace Enlace.WebGateway.Auth;

/// <summary>Reads the caller from a validated token's claims: sub, name, role, agency, country.</summary>
public static class CallerPrincipal
{
    /// <summary>Claim names of the API contract.</summary>
    public const string Subject = "sub", Name = "name", Role = "role", Agency = "agency", Country = "country";

    /// <summary>The caller the grains see.</summary>
    public static Caller ToCaller(this ClaimsPrincipal user) => new(
        user.FindFirstValue(Subject) ?? "",
        user.FindFirstValue(Name) ?? "",
        [.. user.FindAll(Role).Select(c => c.Value).Distinct()],
        user.FindFirstValue(Agency),
        [.. user.FindAll(Country).Select(c => c.Value).Distinct()]);

    /// <summary>The caller the grains see, with the language the request prefers (refusals come back in it).</summary>
    public static Caller ToCaller(this HttpContext http) =>
        http.User.ToCaller() with { Language = Http.Language.PrefersEnglish(http.Request) ? "en" : "es" };

    /// <summary>True when the caller holds one of <paramref name="roles"/>.</summary>
    public static bool HasAnyRole(this ClaimsPrincipal user, params string[] roles) => roles.Any(r => user.HasClaim(Role, r));
}
