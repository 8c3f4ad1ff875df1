namespace Enlace.Grains.Interfaces.Cases;

/// <summary>Fires a trigger of the case's workflow.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.FireCaseTriggerCommand")]
public sealed record FireCaseTriggerCommand(
    [property: Id(0)] string Trigger,
    [property: Id(1)] string? Note = null,
    [property: Id(2)] string? Resolution = null,
    [property: Id(3)] string? DecisionRef = null,
    [property: Id(4)] string? LeadCountry = null);
