using Enlace.Grains.Interfaces.Reference;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Http;

namespace Enlace.WebGateway.Auth;

/// <summary>
/// <c>POST /api/v1/auth/dev-token</c>: development tokens, only when <c>Auth:DevTokens</c> is true,
/// and then only in the Development environment or to a request from this machine (loopback, not
/// forwarded by a proxy); any other request gets 404, as if the route did not exist.
/// </summary>
public static partial class DevTokenApi
{
    private static readonly string[] Roles = [Caller.Coordinator, Caller.Agent, Caller.Manager, Caller.Admin];

    // Headers that say a proxy forwarded the request (X-Original-For: the forwarded-headers middleware applied one).
    private static readonly string[] Forwarded = ["X-Forwarded-For", "Forwarded", "X-Original-For"];

    /// <summary>Maps the routes when development tokens are enabled, and says in the log who may use them.</summary>
    public static WebApplication MapDevTokenApi(this WebApplication app, bool enabled)
    {
        var everywhere = app.Environment.IsDevelopment();
        LogDevTokens(app.Logger, !enabled ? "off" : everywhere ? "on (Development environment)" : "on for requests from this machine only (loopback, not forwarded)");
        if (enabled)
        {
            var group = app.MapGroup("/api/v1/auth").AddEndpointFilter(async (context, next) =>
                everywhere || FromThisMachine(context.HttpContext) ? await next(context) : TypedResults.NotFound());
            group.MapPost("/dev-token", IssueAsync)
                .WithTags("Authentication").WithName("IssueDevToken")
                .WithSummary("Signs a development token (local setups only: the Development environment, or a request from the gateway's own machine).")
                .AllowAnonymous().RequireRateLimiting(AuthExtensions.TokenRateLimit)
                .Produces<DevTokenResponse>().ProducesProblem(400).Produces(404);
            group.MapGet("/demo-users", DemoUsersAsync)
                .WithTags("Authentication").WithName("ListDemoUsers")
                .WithSummary("The demo users of the local setup: a coordinator and a manager per country, an administrator and an agent per agency.")
                .AllowAnonymous().Produces<DemoUser[]>().Produces(404);
        }

        return app;
    }

    /// <summary>Whether development tokens are served to this request (what the UI is told before signing in).</summary>
    public static bool ServedTo(HttpContext http, AuthSettings settings) =>
        settings.DevTokens && (http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment() || FromThisMachine(http));

    // A proxy on the same machine makes every request look local: a forwarded one never is —
    // whether its header is still there (an untrusted peer's) or the forwarded-headers middleware
    // consumed it for a trusted proxy (which leaves X-Original-For, and the client's address).
    private static bool FromThisMachine(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
        && !Forwarded.Any(http.Request.Headers.ContainsKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Development tokens: {Who}")]
    private static partial void LogDevTokens(ILogger logger, string who);

    // Users follow the reference data: nothing here names a country or an agency.
    private static async Task<IResult> DemoUsersAsync(IClusterClient grains)
    {
        var reference = grains.GetGrain<IReferenceDataGrain>(0);
        var countries = await reference.GetCountries();
        var agencies = await reference.GetAgencies();
        var users = new List<DemoUser>();
        foreach (var country in countries)
        {
            var secretariat = agencies.FirstOrDefault(a => a.Country == country.Code && a.Kind == "secretariat");
            var code = country.Code.ToLowerInvariant();
            users.Add(new DemoUser($"demo-coordinator-{code}", $"Coordinación {country.Name}", [Caller.Coordinator], secretariat?.Code, [country.Code]));
            users.Add(new DemoUser($"demo-manager-{code}", $"Gerencia {country.Name}", [Caller.Manager], null, [country.Code]));
        }

        users.Add(new DemoUser("demo-admin", "Administración", [Caller.Admin], null, [.. countries.Select(c => c.Code)]));
        users.AddRange(agencies.Select(a => new DemoUser($"demo-{a.Code.ToLowerInvariant()}", $"Oficial de {a.Name}", [Caller.Agent], a.Code, [a.Country])));
        return TypedResults.Ok(users);
    }

    private static async Task<IResult> IssueAsync(DevTokenRequest body, DevTokenIssuer issuer, IClusterClient grains, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Sub) || body.Sub.Length > 100 || !body.Sub.All(c => c is >= '!' and <= '~'))
        {
            errors["sub"] = ["a user id of 1–100 printable ASCII characters is required"];
        }

        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 200 || body.Name.Any(char.IsControl))
        {
            errors["name"] = ["a name of 1–200 characters is required"];
        }

        if (body.Roles is not { Length: > 0 } || body.Roles.Any(r => !Roles.Contains(r)))
        {
            errors["roles"] = [$"one or more of {string.Join(", ", Roles)}"];
        }

        var reference = grains.GetGrain<IReferenceDataGrain>(0);
        var countries = (await reference.GetCountries()).Select(c => c.Code).ToHashSet();
        if (body.Countries is null || body.Countries.Length > 20 || body.Countries.Any(c => !countries.Contains(c)))
        {
            errors["countries"] = [$"a list of configured countries: {string.Join(", ", countries)}"];
        }

        var agency = body.Agency is null ? null : (await reference.GetAgencies()).FirstOrDefault(a => a.Code == body.Agency);
        if (body.Agency is not null && agency is null)
        {
            errors["agency"] = [$"'{body.Agency}' is not a configured agency"];
        }
        else if (body.Roles?.Contains(Caller.Agent) == true && agency is null)
        {
            errors["agency"] = ["an agent needs an agency"];
        }

        return errors.Count > 0
            ? Problems.Create(400, "The request has invalid fields.", errors).ToResult()
            : TypedResults.Ok(new DevTokenResponse(issuer.Issue(body, time.GetUtcNow())));
    }
}
