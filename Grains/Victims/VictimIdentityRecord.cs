namespace Enlace.Grains.Victims;

/// <summary>
/// A victim's identity as records written before identities were encrypted kept it, in
/// clear. Only <see cref="CaseDataUpgrade"/> reads it, to seal it and clear it.
/// </summary>
[GenerateSerializer, Alias("Enlace.State.VictimIdentity")]
public sealed class VictimIdentityRecord
{
    [Id(0)] public string FullName { get; set; } = "";

    [Id(1)] public string? DocumentNumber { get; set; }
}
