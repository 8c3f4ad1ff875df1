using Enlace.Tests.Infrastructure;
using Enlace.WebGateway.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enlace.Tests.Gateway;

/// <summary>
/// A bearer token found valid is not validated again until it expires; anything else — an invalid
/// token, another token, a remembered one past its expiry, one more than the capacity — goes to
/// the real validation.
/// </summary>
public sealed class RememberingTokenHandlerTests
{
    private static readonly byte[] Key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = "enlace-local",
        ValidAudience = "enlace-api",
        IssuerSigningKey = new SymmetricSecurityKey(Key),
        ClockSkew = TimeSpan.Zero,
    };

    [Fact]
    public async Task AValidTokenIsValidatedOnceUntilItExpires()
    {
        var (handler, inner, clock) = Create(capacity: 10);
        var expires = DateTime.UtcNow.AddHours(1);
        var token = TestTokens.Create(Key, expires);

        var first = await handler.ValidateTokenAsync(token, Parameters);
        var second = await handler.ValidateTokenAsync(token, Parameters);
        Assert.True(first.IsValid && second.IsValid);
        Assert.Same(first, second);
        Assert.Equal(1, inner.Calls);
        Assert.Equal("coord-pe", second.ClaimsIdentity.FindFirst("sub")?.Value);

        // Past its exp (not a moment later) it is validated again.
        clock.SetUtcNow(new DateTimeOffset(expires, TimeSpan.Zero).AddSeconds(1));
        await handler.ValidateTokenAsync(token, Parameters);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task InvalidAndAlteredTokensAreValidatedEveryTime()
    {
        var (handler, inner, _) = Create(capacity: 10);
        var token = TestTokens.Create(Key, DateTime.UtcNow.AddHours(1));
        var foreign = TestTokens.Create(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), DateTime.UtcNow.AddHours(1));
        var expired = TestTokens.Create(Key, DateTime.UtcNow.AddMinutes(-5));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters)).IsValid);
        var altered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        foreach (var refused in new[] { foreign, expired, altered, foreign, expired, altered })
        {
            Assert.False((await handler.ValidateTokenAsync(refused, Parameters)).IsValid);
        }

        Assert.Equal(7, inner.Calls);
        Assert.Equal(1, handler.Count);
    }

    [Fact]
    public async Task NoMoreTokensThanTheCapacityAreRemembered()
    {
        var (handler, inner, clock) = Create(capacity: 2);
        var soon = DateTime.UtcNow.AddMinutes(10);
        var tokens = Enumerable.Range(0, 3).Select(i => TestTokens.Create(Key, soon.AddSeconds(i), subject: $"user-{i}")).ToArray();
        foreach (var token in tokens)
        {
            await handler.ValidateTokenAsync(token, Parameters);
        }

        Assert.Equal(2, handler.Count);
        await handler.ValidateTokenAsync(tokens[2], Parameters);
        Assert.Equal(4, inner.Calls);

        // Once the kept ones expire, room is made for a new one.
        clock.SetUtcNow(new DateTimeOffset(soon, TimeSpan.Zero).AddMinutes(1));
        var later = TestTokens.Create(Key, DateTime.UtcNow.AddHours(2), subject: "user-later");
        await handler.ValidateTokenAsync(later, Parameters);
        await handler.ValidateTokenAsync(later, Parameters);
        Assert.Equal(5, inner.Calls);
        Assert.Equal(1, handler.Count);
    }

    private static (RememberingTokenHandler Handler, CountingHandler Inner, FakeTimeProvider Clock) Create(int capacity)
    {
        var inner = new CountingHandler();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (new RememberingTokenHandler(inner, clock, capacity), inner, clock);
    }

    private sealed class CountingHandler : JsonWebTokenHandler
    {
        public int Calls { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Calls++;
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}

/// <summary>The gateway's bearer authentication validates through <see cref="RememberingTokenHandler"/>.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayTokenHandlerTests(GatewayFixture fixture)
{
    [Fact]
    public async Task TheGatewayRemembersTheTokensItValidated()
    {
        var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>>(fixture.Gateway.Services)
            .Get(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme);
        var handler = Assert.IsType<RememberingTokenHandler>(Assert.Single(options.TokenHandlers));

        using var http = await fixture.ClientFor(Callers.Coordinator());
        var before = handler.Count;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/v1/countries")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/v1/countries")).StatusCode);
        Assert.True(handler.Count >= Math.Max(1, before), $"{handler.Count} tokens remembered");
    }
}
