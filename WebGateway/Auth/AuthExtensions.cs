using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Enlace.Grains.Interfaces.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Enlace.WebGateway.Auth;

/// <summary>JWT bearer authentication: development tokens signed here, or an OpenID Connect authority.</summary>
public static class AuthExtensions
{
    /// <summary>Name of the rate-limiting policy of the token endpoint.</summary>
    public const string TokenRateLimit = "dev-token";

    /// <summary>Name of the authorization policy of the operators' routes (<c>/metrics</c>, the Orleans dashboard): administrators only.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The most valid tokens remembered at once (<see cref="RememberingTokenHandler"/>).</summary>
    public const int RememberedTokens = 10_000;

    /// <summary>Registers authentication, authorization and the token endpoint's rate limit.</summary>
    public static IServiceCollection AddEnlaceAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AuthSettings.SectionName).Get<AuthSettings>() ?? new AuthSettings();
        if (!settings.DevTokens && string.IsNullOrWhiteSpace(settings.Authority))
        {
            throw new InvalidOperationException("Set Auth:Authority (an OpenID Connect provider) or, for a local setup, Auth:DevTokens=true.");
        }

        var signingKey = new SymmetricSecurityKey(string.IsNullOrWhiteSpace(settings.SigningKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Convert.FromBase64String(settings.SigningKey));
        if (signingKey.KeySize < 256)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
        }

        services.AddSingleton(settings);
        services.AddSingleton(new DevTokenIssuer(settings, signingKey));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                ValidAudience = settings.Audience,
                NameClaimType = CallerPrincipal.Name,
                RoleClaimType = CallerPrincipal.Role,
            };

            // A browser opens the Orleans dashboard (and its own requests) without the bearer
            // header: there the same token comes in the cookie DashboardSessionApi sets.
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments(Hosting.GatewayTelemetry.DashboardPath)
                        && !context.Request.Headers.Authorization.Any()
                        && context.Request.Cookies.TryGetValue(Hosting.GatewayTelemetry.DashboardCookie, out var token))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },

                // Without a subject every such token would be one and the same user (reads, audit, settings).
                OnTokenValidated = context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(CallerPrincipal.Subject)?.Value))
                    {
                        context.Fail("The token carries no subject (sub).");
                    }

                    return Task.CompletedTask;
                },
            };
            if (!string.IsNullOrWhiteSpace(settings.Authority))
            {
                o.Authority = settings.Authority;
                o.Audience = settings.Audience;
            }
            else
            {
                o.TokenValidationParameters.ValidIssuer = settings.Issuer;
                o.TokenValidationParameters.IssuerSigningKey = signingKey;
            }
        });
        // A session sends the same token with every request: validated once, remembered until it expires.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((o, time) =>
        {
            var handlers = o.TokenHandlers.ToList();
            o.TokenHandlers.Clear();
            foreach (var handler in handlers)
            {
                o.TokenHandlers.Add(new RememberingTokenHandler(handler, time, RememberedTokens));
            }
        });
        services.AddAuthorization(o => o.AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireClaim(CallerPrincipal.Role, Caller.Admin)));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Http.Problems.Create(429, "Too many token requests from this address; retry after the time in Retry-After.")
                    .ToResult().ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(TokenRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.TokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}
