using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Victims;

namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// Opens a case on the newest version of a case workflow, or on <see cref="WorkflowVersion"/>
/// when a loaded one is named (grain-level only: the demo opens its cases on version 1; the
/// HTTP API always opens on the newest). <see cref="LinkedFrom"/> links it to the case it came from.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.OpenCaseCommand")]
public sealed record OpenCaseCommand(
    [property: Id(0)] string WorkflowId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Summary,
    [property: Id(3)] string LeadCountry,
    [property: Id(4)] ImmutableArray<string> PartnerCountries,
    [property: Id(5)] string? BorderPoint,
    [property: Id(6)] ImmutableArray<VictimFields> Victims,
    [property: Id(7)] string? LinkedFrom = null,
    [property: Id(8)] int? WorkflowVersion = null);
