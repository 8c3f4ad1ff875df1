namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// Where the caller's agency stands in a case: <c>active</c> (a task of its own is open there),
/// <c>grace</c> (its last one closed; it still acts until <paramref name="EndsAt"/>) or <c>ended</c>
/// (it only looks at its own tasks).
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.ParticipationView")]
public sealed record ParticipationView(
    [property: Id(0)] string Stage,
    [property: Id(1)] DateTimeOffset? EndsAt);
