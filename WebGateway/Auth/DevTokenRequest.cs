namespace Enlace.WebGateway.Auth;

/// <summary>Body of <c>POST /api/v1/auth/dev-token</c>.</summary>
public sealed record DevTokenRequest(string? Sub, string? Name, string[]? Roles, string? Agency, string[]? Countries);
