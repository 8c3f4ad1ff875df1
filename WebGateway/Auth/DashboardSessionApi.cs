using Enlace.WebGateway.Hosting;
using Enlace.WebGateway.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;

namespace Enlace.WebGateway.Auth;

/// <summary>
/// <c>POST /api/v1/auth/dashboard-session</c>: an administrator's bearer token, put into an
/// HTTP-only cookie valid for the Orleans dashboard's path only, so that a browser can open
/// the dashboard behind the same authentication as the API.
/// </summary>
public static class DashboardSessionApi
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapDashboardSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/dashboard-session", Open)
            .WithTags("Authentication").WithName("OpenDashboardSession")
            .WithSummary("Administrators: lets this browser open the Orleans dashboard at /admin/orleans/ with the token of this request.")
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .Produces(204).ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    private static IResult Open(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Create(401, "Send the administrator's token in the Authorization header (Bearer …).").ToResult();
        }

        var token = header["Bearer ".Length..].Trim();
        // The token was validated to get here; the cookie lives as long as it does.
        var expires = new JsonWebTokenHandler().ReadJsonWebToken(token).ValidTo;
        context.Response.Cookies.Append(GatewayTelemetry.DashboardCookie, token, new CookieOptions
        {
            Path = GatewayTelemetry.DashboardPath,
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            Expires = expires,
        });
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        return TypedResults.NoContent();
    }
}
