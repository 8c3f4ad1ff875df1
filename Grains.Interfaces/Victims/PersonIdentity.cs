namespace Enlace.Grains.Interfaces.Victims;

/// <summary>
/// A person's identity (a victim's or a perpetrator's). It travels only into a grain that
/// seals it and out of the audited identity read; never in a case view.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.PersonIdentity")]
public sealed record PersonIdentity(
    [property: Id(0)] string FullName,
    [property: Id(1)] string? DocumentNumber,
    [property: Id(2)] string? BirthDate = null)
{
    /// <summary>
    /// Never the content: Orleans' message tracing and any log or exception that prints a
    /// command or a result reaches an identity through this.
    /// </summary>
    public override string ToString() => "PersonIdentity { (withheld) }";
}
