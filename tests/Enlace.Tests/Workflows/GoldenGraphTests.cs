using Enlace.Grains.Workflows.Engine;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Workflows;

/// <summary>
/// Pins the Mermaid and DOT graphs of each shipped definition. A deliberate change of a definition
/// updates its golden file: run the tests with ENLACE_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class GoldenGraphTests
{
    public static TheoryData<string, string> Graphs()
    {
        var data = new TheoryData<string, string>();
        foreach (var d in TestCatalog.Shipped.All)
        {
            data.Add($"{d.Id}.v{d.Version}", "mermaid");
            data.Add($"{d.Id}.v{d.Version}", "dot");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void TheGraphMatchesItsGoldenFile(string name, string format)
    {
        var definition = TestCatalog.Shipped.All.Single(d => $"{d.Id}.v{d.Version}" == name);
        var graph = WorkflowGraph.Draw(TestCatalog.Shipped.Compile(definition), format).ReplaceLineEndings("\n");
        var golden = Path.Combine(SourceFolder(), "Golden", $"{name}.{format}");

        if (Environment.GetEnvironmentVariable("ENLACE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, graph);
        }

        Assert.True(File.Exists(golden), $"missing golden file {golden}: run with ENLACE_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), graph);
    }

    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
