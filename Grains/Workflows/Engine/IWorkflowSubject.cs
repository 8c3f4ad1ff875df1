namespace Enlace.Grains.Workflows.Engine;

/// <summary>The instance a workflow machine drives: its state and the facts guards ask about.</summary>
public interface IWorkflowSubject
{
    /// <summary>The instance's current state.</summary>
    string State { get; set; }

    /// <summary>Every task carrying <paramref name="tag"/> is completed (or cancelled with a note).</summary>
    bool TasksCompleted(string tag);

    /// <summary>The field is filled in.</summary>
    bool FieldPresent(string field);

    /// <summary>Every task carrying <paramref name="tag"/> was accepted by its agency (or is further on).</summary>
    bool TasksAccepted(string tag) => false;

    /// <summary>The person's latest decision for <paramref name="purpose"/> gives consent.</summary>
    bool ConsentGiven(string purpose) => false;

    /// <summary>The victim condition holds (<see cref="Victims.VictimConditions"/>).</summary>
    bool VictimIs(string condition) => false;
}
