namespace Enlace.Grains.Victims;

/// <summary>A pseudonymous perpetrator record as persisted (HTCDS 2.0); the identity is sealed apart.</summary>
[GenerateSerializer, Alias("Enlace.State.Perpetrator")]
public sealed class PerpetratorRecord
{
    [Id(0)] public string Code { get; set; } = "";

    [Id(1)] public string Role { get; set; } = "";

    [Id(2)] public string? Sex { get; set; }

    [Id(3)] public string? Citizenship { get; set; }

    [Id(4)] public string? AgeGroup { get; set; }

    [Id(5)] public string? ProceduralStatus { get; set; }

    [Id(6)] public int Version { get; set; }

    [Id(7)] public bool IdentityErased { get; set; }
}
