namespace Enlace.Grains.Victims;

/// <summary>A pseudonymous victim record as persisted (HTCDS 2.0 fields); the identity is sealed apart.</summary>
[GenerateSerializer, Alias("Enlace.State.Victim")]
public sealed class VictimRecord
{
    [Id(0)] public string Code { get; set; } = "";

    [Id(1)] public string AgeGroup { get; set; } = "";

    [Id(2)] public string Sex { get; set; } = "";

    /// <summary>ISO 3166 alpha-2 (called nationality before HTCDS 2.0).</summary>
    [Id(3)] public string Citizenship { get; set; } = "";

    [Id(4)] public List<string> Exploitation { get; set; } = [];

    [Id(5)] public List<string> MeansOfControl { get; set; } = [];

    /// <summary>The single consent flag of records written before consent per purpose; read once by <see cref="CaseDataUpgrade"/>.</summary>
    [Id(6)] public bool LegacyConsentToDataProcessing { get; set; }

    [Id(7)] public string IdentificationStatus { get; set; } = "presumed";

    /// <summary>The agency (or, without one, the user) that last set the identification status.</summary>
    [Id(8)] public string? IdentificationDecidedBy { get; set; }

    [Id(9)] public string? CountryOfExploitation { get; set; }

    [Id(10)] public string? LabourSector { get; set; }

    [Id(11)] public string? SexualExploitationType { get; set; }

    [Id(12)] public string? RecruitmentMethod { get; set; }

    [Id(13)] public string? RecruitmentCountry { get; set; }

    [Id(14)] public string? RelationshipToTrafficker { get; set; }

    [Id(15)] public List<string> Languages { get; set; } = [];

    [Id(16)] public bool? Unaccompanied { get; set; }

    /// <summary>Incremented by every change of this record or its consents (the victim's ETag).</summary>
    [Id(17)] public int Version { get; set; }

    /// <summary>The decision in force per purpose (every decision is also an audit event).</summary>
    [Id(18)] public List<ConsentRecord> Consents { get; set; } = [];

    [Id(19)] public DateTimeOffset CreatedAt { get; set; }

    [Id(20)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>True once the identity's key was destroyed.</summary>
    [Id(21)] public bool IdentityErased { get; set; }

    /// <summary>
    /// A random id standing for this victim in the statistics projection, which holds no
    /// victim code, case id, free text or date.
    /// </summary>
    [Id(22)] public Guid StatisticsId { get; set; }

    /// <summary>The country where the person is now (ISO 3166 alpha-2); null: the case's lead country.</summary>
    [Id(23)] public string? CountryOfStay { get; set; }

    /// <summary>The person asks for international protection (asylum, refugee status).</summary>
    [Id(24)] public bool? SeeksInternationalProtection { get; set; }

    /// <summary>The victim's care track, when the case's workflow has one.</summary>
    [Id(25)] public CareTrack? Care { get; set; }

    /// <summary>The decision in force for <paramref name="purpose"/>, or null when none was recorded.</summary>
    public ConsentRecord? Consent(string purpose) => Consents.Find(c => c.Purpose == purpose);

    /// <summary>True when the latest decision for <paramref name="purpose"/> gives consent.</summary>
    public bool HasConsent(string purpose) => Consent(purpose)?.Given == true;
}
