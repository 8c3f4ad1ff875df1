namespace Enlace.Grains.Interfaces.Victims;

/// <summary>Replaces the pseudonymous fields of victim <see cref="Code"/> (and its identity when one is sent).</summary>
[GenerateSerializer, Immutable, Alias("Enlace.UpdateVictimCommand")]
public sealed record UpdateVictimCommand(
    [property: Id(0)] string Code,
    [property: Id(1)] VictimFields Fields);

/// <summary>Replaces the pseudonymous fields of perpetrator <see cref="Code"/>.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.UpdatePerpetratorCommand")]
public sealed record UpdatePerpetratorCommand(
    [property: Id(0)] string Code,
    [property: Id(1)] PerpetratorFields Fields);

/// <summary>Records a victim's decision on one consent purpose; the latest decision per purpose holds.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.RecordConsentCommand")]
public sealed record RecordConsentCommand(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Purpose,
    [property: Id(2)] bool Given,
    [property: Id(3)] string? RecordedBy = null,
    [property: Id(4)] string? LegalRepresentative = null,
    [property: Id(5)] string? Note = null);

/// <summary>Reads one identity (<c>V-n</c> or <c>P-n</c>); recorded in the audit trail before it is answered.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.ReadIdentityCommand")]
public sealed record ReadIdentityCommand(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Reason,
    [property: Id(2)] bool Override = false);

/// <summary>Destroys the key of one identity (<c>V-n</c> or <c>P-n</c>): it can never be read again.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.EraseIdentityCommand")]
public sealed record EraseIdentityCommand(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Note);

/// <summary>Fires a trigger of one victim's care track.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.FireCareTriggerCommand")]
public sealed record FireCareTriggerCommand(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Trigger,
    [property: Id(2)] string? Note = null,
    [property: Id(3)] string? Resolution = null);
