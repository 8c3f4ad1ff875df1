using Enlace.Grains.Interfaces.Victims;

namespace Enlace.WebGateway.Victims;

/// <summary>
/// Body of <c>POST /cases/{id}/victims</c> and <c>PUT …/victims/{code}</c>: the pseudonymous
/// record (HTCDS 2.0 names; values from <c>GET /api/v1/reference/victim-values</c>) and an
/// optional identity, which is sealed at once and never shown in a case.
/// </summary>
public sealed record VictimRequest(
    string? IdentificationStatus, string? AgeGroup, string? Sex, string? Citizenship, string? CountryOfExploitation,
    string[]? Exploitation, string? LabourSector, string? SexualExploitationType, string[]? MeansOfControl, RecruitmentRequest? Recruitment,
    string? RelationshipToTrafficker, string[]? Languages, bool? Unaccompanied, IdentityRequest? Identity,
    string? CountryOfStay = null, bool? SeeksInternationalProtection = null)
{
    /// <summary>The grain contract.</summary>
    public VictimFields ToFields() => new(
        IdentificationStatus, AgeGroup, Sex, Citizenship, CountryOfExploitation, [.. Exploitation ?? []], LabourSector, SexualExploitationType,
        [.. MeansOfControl ?? []], Recruitment?.Method, Recruitment?.Country, RelationshipToTrafficker, [.. Languages ?? []], Unaccompanied,
        Identity?.ToIdentity(), CountryOfStay, SeeksInternationalProtection);
}

/// <summary>How the victim was recruited.</summary>
public sealed record RecruitmentRequest(string? Method, string? Country);

/// <summary>A person's identity: name, document number, birth date (yyyy-MM-dd).</summary>
public sealed record IdentityRequest(string? FullName, string? DocumentNumber, string? BirthDate)
{
    /// <summary>The grain contract.</summary>
    public PersonIdentity ToIdentity() => new(FullName ?? "", DocumentNumber, BirthDate);
}

/// <summary>Body of <c>POST /cases/{id}/perpetrators</c> and <c>PUT …/perpetrators/{code}</c>.</summary>
public sealed record PerpetratorRequest(string? Role, string? Sex, string? Citizenship, string? AgeGroup, string? ProceduralStatus, IdentityRequest? Identity)
{
    /// <summary>The grain contract.</summary>
    public PerpetratorFields ToFields() => new(Role, Sex, Citizenship, AgeGroup, ProceduralStatus, Identity?.ToIdentity());
}

/// <summary>Body of <c>POST …/victims/{code}/consents</c>.</summary>
public sealed record ConsentRequest(string? Purpose, bool? Given, string? RecordedBy, string? LegalRepresentative, string? Note);

/// <summary>Body of <c>POST …/victims/{code}/care/transitions</c>.</summary>
public sealed record CareTransitionRequest(string? Trigger, string? Note, string? Resolution);

/// <summary>Body of <c>POST …/identity/erase</c>.</summary>
public sealed record EraseRequest(string? Note);

/// <summary>One read of an identity, as the access log lists it.</summary>
public sealed record IdentityAccess(DateTimeOffset At, string User, string? Agency, string Victim, string Reason, bool Override);

/// <summary>The answer of <c>GET /cases/{id}/identity-access</c>.</summary>
public sealed record IdentityAccessLog(IReadOnlyList<IdentityAccess> Items);
