using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Victims;

/// <summary>
/// The pseudonymous fields of a victim record (HTCDS 2.0 names and value lists), as a
/// client sends them to add or replace a record; <see cref="Identity"/> is sealed apart.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.VictimFields")]
public sealed record VictimFields(
    [property: Id(0)] string? IdentificationStatus,
    [property: Id(1)] string? AgeGroup,
    [property: Id(2)] string? Sex,
    [property: Id(3)] string? Citizenship,
    [property: Id(4)] string? CountryOfExploitation = null,
    [property: Id(5)] ImmutableArray<string> Exploitation = default,
    [property: Id(6)] string? LabourSector = null,
    [property: Id(7)] string? SexualExploitationType = null,
    [property: Id(8)] ImmutableArray<string> MeansOfControl = default,
    [property: Id(9)] string? RecruitmentMethod = null,
    [property: Id(10)] string? RecruitmentCountry = null,
    [property: Id(11)] string? RelationshipToTrafficker = null,
    [property: Id(12)] ImmutableArray<string> Languages = default,
    [property: Id(13)] bool? Unaccompanied = null,
    [property: Id(14)] PersonIdentity? Identity = null,
    [property: Id(15)] string? CountryOfStay = null,
    [property: Id(16)] bool? SeeksInternationalProtection = null);
