namespace Enlace.Grains.Workflows.Engine;

/// <summary>Draws a definition's state graph from its Stateless machine.</summary>
public static class WorkflowGraph
{
    /// <summary>The graph as text: <paramref name="format"/> is <c>mermaid</c> or <c>dot</c>.</summary>
    public static string Draw(CompiledWorkflow workflow, string format)
    {
        var machine = new WorkflowMachine(workflow, new DrawingSubject(workflow.Definition.InitialState));
        return format switch
        {
            "mermaid" => machine.ToMermaid(),
            "dot" => machine.ToDot(),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "use mermaid or dot"),
        };
    }

    private sealed class DrawingSubject(string state) : IWorkflowSubject
    {
        public string State { get; set; } = state;

        public bool TasksCompleted(string tag) => false;

        public bool FieldPresent(string field) => false;
    }
}
