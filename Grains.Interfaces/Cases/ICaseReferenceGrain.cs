namespace Enlace.Grains.Interfaces.Cases;

/// <summary>Hands out case reference numbers for one country and year, keyed <c>PE-2026</c>; never the same twice.</summary>
[Alias("Enlace.ICaseReferenceGrain")]
public interface ICaseReferenceGrain : IGrainWithStringKey
{
    /// <summary>The next reference, e.g. <c>PE-2026-000123</c>, durable before it is returned.</summary>
    [Alias("Next")]
    Task<string> Next();
}
