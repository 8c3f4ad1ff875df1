using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Victims;

/// <summary>A victim as a case view shows it: the pseudonymous record and its consents, never the identity.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.VictimView")]
public sealed record VictimView(
    [property: Id(0)] string Code,
    [property: Id(1)] string IdentificationStatus,
    [property: Id(2)] string? IdentificationDecidedBy,
    [property: Id(3)] string AgeGroup,
    [property: Id(4)] bool IsMinor,
    [property: Id(5)] string Sex,
    [property: Id(6)] string Citizenship,
    [property: Id(7)] string? CountryOfExploitation,
    [property: Id(8)] ImmutableArray<string> Exploitation,
    [property: Id(9)] string? LabourSector,
    [property: Id(10)] string? SexualExploitationType,
    [property: Id(11)] ImmutableArray<string> MeansOfControl,
    [property: Id(12)] RecruitmentView? Recruitment,
    [property: Id(13)] string? RelationshipToTrafficker,
    [property: Id(14)] ImmutableArray<string> Languages,
    [property: Id(15)] bool? Unaccompanied,
    [property: Id(16)] bool HasIdentity,
    [property: Id(17)] bool IdentityErased,
    [property: Id(18)] ImmutableArray<ConsentView> Consents,
    [property: Id(19)] int Version,
    [property: Id(20)] DateTimeOffset CreatedAt,
    [property: Id(21)] DateTimeOffset UpdatedAt,
    [property: Id(22)] string? CountryOfStay = null,
    [property: Id(23)] bool? SeeksInternationalProtection = null,
    [property: Id(24)] CareView? Care = null);

/// <summary>A victim's care track: its state and what the caller may do next, in the caller's language.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.CareView")]
public sealed record CareView(
    [property: Id(0)] string WorkflowId,
    [property: Id(1)] int WorkflowVersion,
    [property: Id(2)] string State,
    [property: Id(3)] string StateTitle,
    [property: Id(4)] ImmutableArray<string> PermittedTriggers,
    [property: Id(5)] ImmutableArray<Cases.TriggerAvailability> Triggers,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset? ClosedAt,
    [property: Id(8)] string? Resolution);

/// <summary>How a victim was recruited (HTCDS 2.0).</summary>
[GenerateSerializer, Immutable, Alias("Enlace.RecruitmentView")]
public sealed record RecruitmentView(
    [property: Id(0)] string? Method,
    [property: Id(1)] string? Country);

/// <summary>The decision in force for one consent purpose: the latest one recorded.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.ConsentView")]
public sealed record ConsentView(
    [property: Id(0)] string Purpose,
    [property: Id(1)] bool Given,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] string? RecordedByAgency,
    [property: Id(5)] string? LegalRepresentative);
