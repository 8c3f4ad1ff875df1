using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Reference;

/// <summary>The deployment's countries, agencies, border points and workflow definitions, as loaded by the silos.</summary>
[Alias("Enlace.IReferenceDataGrain")]
public interface IReferenceDataGrain : IGrainWithIntegerKey
{
    /// <summary>Configured countries.</summary>
    [Alias("Countries")]
    Task<ImmutableArray<CountryInfo>> GetCountries();

    /// <summary>Configured agencies.</summary>
    [Alias("Agencies")]
    Task<ImmutableArray<AgencyInfo>> GetAgencies();

    /// <summary>Configured border points, the values a case's border point may take.</summary>
    [Alias("BorderPoints")]
    Task<ImmutableArray<BorderPointInfo>> GetBorderPoints();

    /// <summary>The value lists of victim and perpetrator records (HTCDS 2.0), one per field.</summary>
    [Alias("VictimValues")]
    Task<ImmutableArray<VictimValuesInfo>> GetVictimValues();

    /// <summary>Every loaded definition version.</summary>
    [Alias("Workflows")]
    Task<ImmutableArray<WorkflowInfo>> GetWorkflows();

    /// <summary>A definition as JSON (newest version when <paramref name="version"/> is null); null when unknown.</summary>
    [Alias("Workflow")]
    Task<string?> GetWorkflowJson(string id, int? version);

    /// <summary>A definition's state graph as <c>mermaid</c> or <c>dot</c> text; null when unknown.</summary>
    [Alias("Graph")]
    Task<string?> GetWorkflowGraph(string id, int? version, string format);
}
