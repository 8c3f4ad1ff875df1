using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// What an administrator asks of a definition upgrade: move the running cases of
/// <paramref name="WorkflowId"/> from <paramref name="FromVersion"/> to <paramref name="ToVersion"/>,
/// a state the target lacks (or one the administrator remaps) through <paramref name="StateMap"/>;
/// a dry run changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.UpgradeSpec")]
public sealed record UpgradeSpec(
    [property: Id(0)] string WorkflowId,
    [property: Id(1)] int FromVersion,
    [property: Id(2)] int ToVersion,
    [property: Id(3)] ImmutableDictionary<string, string> StateMap,
    [property: Id(4)] bool DryRun);
