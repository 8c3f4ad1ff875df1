namespace Enlace.WebGateway.Auth;

/// <summary>A signed development token.</summary>
public sealed record DevTokenResponse(string Token);
