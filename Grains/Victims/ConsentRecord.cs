namespace Enlace.Grains.Victims;

/// <summary>A victim's latest decision for one consent purpose, as persisted.</summary>
[GenerateSerializer, Alias("Enlace.State.Consent")]
public sealed class ConsentRecord
{
    [Id(0)] public string Purpose { get; set; } = "";

    [Id(1)] public bool Given { get; set; }

    [Id(2)] public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Who recorded it: the user, or whom the user says took the decision down.</summary>
    [Id(3)] public string RecordedBy { get; set; } = "";

    [Id(4)] public string? RecordedByAgency { get; set; }

    /// <summary>For a child: who gave the decision as legal representative (a role or institution).</summary>
    [Id(5)] public string? LegalRepresentative { get; set; }
}
