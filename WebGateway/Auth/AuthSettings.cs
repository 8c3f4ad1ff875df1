namespace Enlace.WebGateway.Auth;

/// <summary>Authentication settings (configuration section <c>Auth</c>).</summary>
public sealed class AuthSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// The gateway signs development tokens itself (<c>POST /api/v1/auth/dev-token</c>).
    /// Local setups only; never in production.
    /// </summary>
    public bool DevTokens { get; set; }

    /// <summary>Base64 key (at least 32 bytes) signing development tokens; a random one per process when empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Issuer of development tokens, and the issuer checked for them.</summary>
    public string Issuer { get; set; } = "enlace-local";

    /// <summary>Audience every token must carry.</summary>
    public string Audience { get; set; } = "enlace-api";

    /// <summary>Lifetime of development tokens.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Token requests allowed per client address and minute.</summary>
    public int TokenRequestsPerMinute { get; set; } = 30;

    /// <summary>OpenID Connect authority (production): tokens are validated against its published keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The web UI's client id at the OpenID Connect authority (authorization code with PKCE).</summary>
    public string? UiClientId { get; set; }

    /// <summary>The scopes the web UI asks the authority for.</summary>
    public string UiScope { get; set; } = "openid profile";
}
