namespace Enlace.Grains.Cases;

/// <summary>A victim's identity as persisted, apart from the pseudonymous record.</summary>
[GenerateSerializer, Alias("Enlace.State.VictimIdentity")]
public sealed class VictimIdentityRecord
{
    /// <summary>Full name.</summary>
    [Id(0)] public string FullName { get; set; } = "";

    /// <summary>Identity document number.</summary>
    [Id(1)] public string? DocumentNumber { get; set; }
}
