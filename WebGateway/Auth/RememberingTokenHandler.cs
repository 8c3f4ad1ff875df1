using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace Enlace.WebGateway.Auth;

/// <summary>
/// Remembers the bearer tokens it has found valid, until each expires: every request of a session
/// sends the same token, and without this each one parses it, checks its signature and builds its
/// claims again. Only valid tokens are kept, by their exact text (a token that differs in one
/// character is validated afresh), and only until their <c>exp</c> — never the clock skew allowed
/// past it, so a remembered token is accepted no longer than a validated one. At most
/// <paramref name="capacity"/> tokens at once: expired ones are dropped first, and while every kept
/// one is still live a new token is validated each time rather than kept. JwtBearer's events
/// (<c>OnTokenValidated</c>'s subject check) still run on every request; a signing key withdrawn
/// from the authority stops its tokens only when they expire.
/// </summary>
public sealed class RememberingTokenHandler(TokenHandler inner, TimeProvider time, int capacity) : TokenHandler
{
    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTimeOffset Until)> _valid = new(StringComparer.Ordinal);

    /// <summary>How many tokens are remembered now.</summary>
    public int Count => _valid.Count;

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_valid.TryGetValue(token, out var kept))
        {
            if (now < kept.Until)
            {
                return kept.Result;
            }

            _valid.TryRemove(token, out _);
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken?.ValidTo is { } validTo && validTo != DateTime.MinValue)
        {
            var until = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
            if (until > now && (_valid.Count < capacity || DropExpired(now) < capacity))
            {
                _valid[token] = (result, until);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        inner.ValidateTokenAsync(token, validationParameters);

    /// <inheritdoc />
    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    private int DropExpired(DateTimeOffset now)
    {
        foreach (var (token, kept) in _valid)
        {
            if (kept.Until <= now)
            {
                _valid.TryRemove(token, out _);
            }
        }

        return _valid.Count;
    }
}
