using System.Collections.Immutable;
using System.Text.Json;
using Enlace.Grains.Interfaces.Reference;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;
using Orleans.Concurrency;

namespace Enlace.Grains.Reference;

/// <summary>Serves the silo's workflow catalog to the gateway, which must not load it itself.</summary>
[StatelessWorker]
public sealed class ReferenceDataGrain(WorkflowCatalog catalog) : Grain, IReferenceDataGrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public Task<ImmutableArray<CountryInfo>> GetCountries() =>
        Task.FromResult<ImmutableArray<CountryInfo>>([.. catalog.Reference.Countries.Select(c => new CountryInfo(c.Code, c.Name.Es, c.Name.En, c.TimeZone, c.Locale))]);

    /// <inheritdoc />
    public Task<ImmutableArray<AgencyInfo>> GetAgencies() =>
        Task.FromResult<ImmutableArray<AgencyInfo>>([.. catalog.Reference.Agencies.Select(a => new AgencyInfo(a.Code, a.Name, a.Country, a.Kind))]);

    /// <inheritdoc />
    public Task<ImmutableArray<BorderPointInfo>> GetBorderPoints() =>
        Task.FromResult<ImmutableArray<BorderPointInfo>>([.. catalog.Reference.BorderPoints.Select(b => new BorderPointInfo(b.Code, b.Name.Es, b.Name.En, [.. b.Countries]))]);

    /// <inheritdoc />
    public Task<ImmutableArray<VictimValuesInfo>> GetVictimValues()
    {
        var set = catalog.Reference.VictimValues;
        return Task.FromResult<ImmutableArray<VictimValuesInfo>>([.. set.Fields.Select(f => new VictimValuesInfo(
            f.Key, set.Standard, set.Version, [.. f.Value.Select(v => new ValueInfo(v.Code, v.Title.Es, v.Title.En))]))]);
    }

    /// <inheritdoc />
    public Task<ImmutableArray<WorkflowInfo>> GetWorkflows() =>
        Task.FromResult<ImmutableArray<WorkflowInfo>>([.. catalog.All.Select(d => new WorkflowInfo(d.Id, d.Version, d.Kind, d.Title.Es, d.Title.En))]);

    /// <inheritdoc />
    public Task<string?> GetWorkflowJson(string id, int? version) =>
        Task.FromResult(Find(id, version) is { } definition ? JsonSerializer.Serialize(definition, Json) : null);

    /// <inheritdoc />
    public Task<string?> GetWorkflowGraph(string id, int? version, string format) =>
        Task.FromResult(Find(id, version) is { } definition && format is "mermaid" or "dot"
            ? WorkflowGraph.Draw(catalog.Compile(definition), format)
            : null);

    private WorkflowDefinition? Find(string id, int? version) =>
        version is { } v ? catalog.Find(id, v) : catalog.Latest(id);
}
