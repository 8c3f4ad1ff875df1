namespace Enlace.WebGateway.Reference;

/// <summary>A border point of <c>GET /api/v1/border-points</c>, its name in the caller's language.</summary>
public sealed record BorderPointResponse(string Code, string Name, string[] Countries);
