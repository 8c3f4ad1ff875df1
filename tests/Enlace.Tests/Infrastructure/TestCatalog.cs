using Enlace.Grains.Hosting;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Tests.Infrastructure;

/// <summary>The shipped definitions and reference data (copied next to the test binaries), loaded once.</summary>
public static class TestCatalog
{
    private static readonly Lazy<WorkflowCatalog> LazyShipped = new(() => WorkflowCatalog.LoadDirectory(GrainServiceCollectionExtensions.DefaultWorkflowsPath));

    /// <summary>The catalog the silo loads by default.</summary>
    public static WorkflowCatalog Shipped => LazyShipped.Value;

    /// <summary>The shipped reference data.</summary>
    public static ReferenceDataSet Reference => Shipped.Reference;

    /// <summary>The YAML text of a shipped definition file, e.g. <c>trafficking-case.v1.yaml</c>.</summary>
    public static string ShippedYaml(string file) => File.ReadAllText(Path.Combine(GrainServiceCollectionExtensions.DefaultWorkflowsPath, file));

    /// <summary>Copies the shipped <c>reference/</c> folder, calendars included, to <paramref name="destination"/>.</summary>
    public static void CopyReference(string destination)
    {
        var shipped = Path.Combine(GrainServiceCollectionExtensions.DefaultWorkflowsPath, "reference");
        foreach (var file in Directory.GetFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(destination, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
