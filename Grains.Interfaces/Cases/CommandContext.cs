using Enlace.Grains.Interfaces.Security;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>What accompanies every command: the caller, an optional idempotency key and an optional expected version.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.CommandContext")]
public sealed record CommandContext(
    [property: Id(0)] Caller Caller,
    [property: Id(1)] string? IdempotencyKey = null,
    [property: Id(2)] int? ExpectedVersion = null);
