namespace Enlace.WebGateway.Auth;

/// <summary>A demo user of the local setup: what to send to <c>POST /api/v1/auth/dev-token</c> to sign in as them.</summary>
public sealed record DemoUser(string Sub, string Name, string[] Roles, string? Agency, string[] Countries);
