using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>A case as a caller may see it: tasks filtered by authorization; identities never in it.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.CaseView")]
public sealed record CaseView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Reference,
    [property: Id(2)] string WorkflowId,
    [property: Id(3)] int WorkflowVersion,
    [property: Id(4)] string Title,
    [property: Id(5)] string Summary,
    [property: Id(6)] string State,
    [property: Id(7)] string LeadCountry,
    [property: Id(8)] ImmutableArray<string> PartnerCountries,
    [property: Id(9)] string? BorderPoint,
    [property: Id(10)] ImmutableArray<VictimView> Victims,
    [property: Id(11)] ImmutableArray<TaskView> Tasks,
    [property: Id(12)] ImmutableArray<string> PermittedTriggers,
    [property: Id(13)] ImmutableArray<TriggerAvailability> Triggers,
    [property: Id(14)] int Version,
    [property: Id(15)] DateTimeOffset OpenedAt,
    [property: Id(16)] DateTimeOffset UpdatedAt,
    [property: Id(17)] DateTimeOffset? ClosedAt,
    [property: Id(18)] string? Resolution,
    [property: Id(19)] ImmutableArray<PerpetratorView> Perpetrators,
    [property: Id(20)] ImmutableArray<string> LinkedCases,
    [property: Id(21)] ParticipationView? Participation = null);
