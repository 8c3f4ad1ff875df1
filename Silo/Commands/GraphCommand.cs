using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Silo.Commands;

/// <summary><c>graph &lt;workflow-id&gt; [--format mermaid|dot] [--version N]</c>: prints a definition's state graph.</summary>
public static class GraphCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(WorkflowCatalog catalog, string[] args)
    {
        var id = args.FirstOrDefault(a => !a.StartsWith('-'));
        var format = Option(args, "--format") ?? "mermaid";
        var version = Option(args, "--version");
        var definition = id is null ? null
            : version is null ? catalog.Latest(id)
            : int.TryParse(version, out var v) ? catalog.Find(id, v) : null;
        if (definition is null || format is not ("mermaid" or "dot"))
        {
            Console.Error.WriteLine($"Usage: graph <workflow-id> [--format mermaid|dot] [--version N]. Workflows: {string.Join(", ", catalog.All.Select(d => $"{d.Id} v{d.Version}"))}");
            return 2;
        }

        Console.WriteLine(WorkflowGraph.Draw(catalog.Compile(definition), format));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
