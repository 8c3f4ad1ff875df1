using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// A task of a case as a caller may see it. <see cref="IdentityWithheld"/>: the task is
/// across the border and some victim has not consented to the transfer of their
/// identity, so the assigned agency works from the pseudonymous record.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.TaskView")]
public sealed record TaskView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CaseId,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description,
    [property: Id(4)] string Agency,
    [property: Id(5)] string State,
    [property: Id(6)] string Priority,
    [property: Id(7)] string Kind,
    [property: Id(8)] DateTimeOffset DueAt,
    [property: Id(9)] DateTimeOffset? AcknowledgeBy,
    [property: Id(10)] bool Overdue,
    [property: Id(11)] bool Escalated,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset UpdatedAt,
    [property: Id(14)] int Version,
    [property: Id(15)] ImmutableArray<string> Tags,
    [property: Id(16)] ImmutableArray<TaskNote> Notes,
    [property: Id(17)] ImmutableArray<string> PermittedTriggers,
    [property: Id(18)] bool IdentityWithheld = false,
    [property: Id(19)] string? Victim = null,
    [property: Id(20)] bool UnmatchedRule = false,
    [property: Id(21)] string? RequiresConsent = null,
    [property: Id(22)] bool Care = false);
