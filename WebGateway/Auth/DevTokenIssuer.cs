using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Enlace.WebGateway.Auth;

/// <summary>Signs development tokens with the gateway's key.</summary>
public sealed class DevTokenIssuer(AuthSettings settings, SecurityKey key)
{
    /// <summary>True when development tokens are enabled.</summary>
    public bool Enabled => settings.DevTokens;

    /// <summary>A signed token carrying the given claims.</summary>
    public string Issue(DevTokenRequest request, DateTimeOffset now)
    {
        var claims = new List<Claim> { new(CallerPrincipal.Subject, request.Sub!), new(CallerPrincipal.Name, request.Name!) };
        claims.AddRange(request.Roles!.Select(r => new Claim(CallerPrincipal.Role, r)));
        claims.AddRange((request.Countries ?? []).Select(c => new Claim(CallerPrincipal.Country, c)));
        if (!string.IsNullOrWhiteSpace(request.Agency))
        {
            claims.Add(new Claim(CallerPrincipal.Agency, request.Agency));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(settings.TokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
