namespace Enlace.Grains.Workflows.Engine;

/// <summary>
/// The instance a workflow machine drives (a case, a roadmap action). Its state is
/// external to the machine: the grain's persisted state is the only truth.
/// </summary>
public interface IWorkflowSubject
{
    /// <summary>The current state name; the machine reads and writes it.</summary>
    string State { get; set; }

    /// <summary>True when tasks tagged <paramref name="tag"/> exist and all (cancelled ones aside) are completed.</summary>
    bool TasksCompleted(string tag);

    /// <summary>True when the field <paramref name="field"/> is filled in.</summary>
    bool FieldPresent(string field);
}
