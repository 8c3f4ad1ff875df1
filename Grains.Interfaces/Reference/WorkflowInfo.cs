namespace Enlace.Grains.Interfaces.Reference;

/// <summary>A loaded workflow definition version.</summary>
[GenerateSerializer, Immutable, Alias("Enlace.WorkflowInfo")]
public sealed record WorkflowInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] int Version,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] string TitleEn);
