namespace Enlace.Grains.Victims;

/// <summary>
/// One identity at rest: its own key wrapped by the case key, and the identity sealed
/// under that key (AES-256-GCM; see <see cref="IdentityVault"/>). Removing this record
/// destroys the only copy of the key: crypto-erasure.
/// </summary>
[GenerateSerializer, Alias("Enlace.State.SealedIdentity")]
public sealed class SealedIdentity
{
    [Id(0)] public byte[] WrappedKey { get; set; } = [];

    [Id(1)] public byte[] Payload { get; set; } = [];
}
