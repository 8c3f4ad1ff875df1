using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// The answer to a case command or query: the outcome, the case as the caller may see
/// it, and for refusals a message a person can act on (fields in error, permitted triggers).
/// <see cref="Code"/> names the victim or perpetrator a command concerned; <see cref="Identity"/>
/// is set only by the audited identity read.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.CaseResult")]
public sealed record CaseResult(
    [property: Id(0)] CaseOutcome Outcome,
    [property: Id(1)] CaseView? Case = null,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] ImmutableDictionary<string, string[]>? Errors = null,
    [property: Id(4)] ImmutableArray<string> PermittedTriggers = default,
    [property: Id(5)] string? TaskId = null,
    [property: Id(6)] bool Replayed = false,
    [property: Id(7)] string? Code = null,
    [property: Id(8)] PersonIdentity? Identity = null)
{
    /// <summary>True for Ok and Created.</summary>
    public bool Succeeded => Outcome is CaseOutcome.Ok or CaseOutcome.Created;
}
