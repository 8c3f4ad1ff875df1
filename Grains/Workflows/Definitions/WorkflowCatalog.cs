using System.Collections.Concurrent;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Workflows.Definitions;

/// <summary>
/// Every workflow definition of the deployment, by id and version, validated
/// against the reference data; compiled machines are cached per version.
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> _definitions;
    private readonly ConcurrentDictionary<(string Id, int Version), CompiledWorkflow> _compiled = new();

    private WorkflowCatalog(ReferenceDataSet reference, IEnumerable<WorkflowDefinition> definitions)
    {
        Reference = reference;
        _definitions = definitions.ToDictionary(d => (d.Id, d.Version));
    }

    /// <summary>Countries and agencies.</summary>
    public ReferenceDataSet Reference { get; }

    /// <summary>All definitions, by id then version.</summary>
    public IReadOnlyList<WorkflowDefinition> All => [.. _definitions.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version)];

    /// <summary>The definition <paramref name="id"/> at <paramref name="version"/>, or null.</summary>
    public WorkflowDefinition? Find(string id, int version) => _definitions.GetValueOrDefault((id, version));

    /// <summary>The newest version of <paramref name="id"/>, or null.</summary>
    public WorkflowDefinition? Latest(string id) =>
        _definitions.Values.Where(d => d.Id == id).MaxBy(d => d.Version);

    /// <summary>The compiled form of a definition, built once per version.</summary>
    public CompiledWorkflow Compile(WorkflowDefinition definition) =>
        _compiled.GetOrAdd((definition.Id, definition.Version), _ => new CompiledWorkflow(definition, Reference));

    /// <summary>
    /// Loads the reference data of <c>reference/</c> (<see cref="ReferenceDataLoader.LoadDirectory"/>) and every
    /// <c>*.yaml</c> definition of <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="InvalidDefinitionException">Any file is invalid; lists every problem.</exception>
    public static WorkflowCatalog LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidDefinitionException([new DefinitionError(directory, "", null, "the workflows folder does not exist")]);
        }

        var reference = ReferenceDataLoader.LoadDirectory(Path.Combine(directory, "reference"));
        var sources = Directory.GetFiles(directory, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.Combine(Path.GetFileName(directory), Path.GetFileName(f)), File.ReadAllText(f)));
        return FromSources(sources, reference);
    }

    /// <summary>Parses and validates definitions given as (file name, YAML text).</summary>
    /// <exception cref="InvalidDefinitionException">Any definition is invalid; lists every problem.</exception>
    public static WorkflowCatalog FromSources(IEnumerable<(string File, string Yaml)> sources, ReferenceDataSet reference)
    {
        var errors = new List<DefinitionError>();
        var definitions = new List<WorkflowDefinition>();
        foreach (var (file, yaml) in sources)
        {
            var (definition, lines, error) = YamlDocuments.Parse<WorkflowDefinition>(file, yaml);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            definition!.SourceFile = file;
            var problems = WorkflowValidator.Validate(definition, lines, reference);
            errors.AddRange(problems);
            if (problems.Count > 0)
            {
                continue;
            }

            var twin = definitions.Find(d => d.Id == definition.Id && d.Version == definition.Version);
            if (twin is not null)
            {
                errors.Add(new DefinitionError(file, "version", lines.GetValueOrDefault("version"), $"{definition.Id} version {definition.Version} is also defined in {twin.SourceFile}"));
                continue;
            }

            definitions.Add(definition);
        }

        errors.AddRange(CrossReferences(definitions));
        return errors.Count > 0 ? throw new InvalidDefinitionException(errors) : new WorkflowCatalog(reference, definitions);
    }

    // What one definition names of another: the care definition of a case, the workflow a
    // trigger opens a linked case on.
    private static IEnumerable<DefinitionError> CrossReferences(List<WorkflowDefinition> definitions)
    {
        bool Exists(string? id, string kind) => definitions.Exists(d => d.Id == id && d.Kind == kind);
        foreach (var definition in definitions)
        {
            if (definition.Care is { } care && !Exists(care, "victim-care"))
            {
                yield return new DefinitionError(definition.SourceFile, "care", null, $"no loaded definition of kind victim-care has the id '{care}'");
            }

            for (var i = 0; i < definition.Triggers.Count; i++)
            {
                if (definition.Triggers[i].LinkedWorkflow is { } linked && !Exists(linked, "case"))
                {
                    yield return new DefinitionError(definition.SourceFile, $"triggers[{i}].linkedWorkflow", null, $"no loaded case definition has the id '{linked}'");
                }
            }
        }
    }
}
