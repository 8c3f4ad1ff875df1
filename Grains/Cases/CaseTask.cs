namespace Enlace.Grains.Cases;

/// <summary>A task of a case as persisted; its lifecycle is a Stateless machine over <see cref="State"/>.</summary>
[GenerateSerializer, Alias("Enlace.State.CaseTask")]
public sealed class CaseTask
{
    /// <summary>Id within the case: t1, t2, …</summary>
    [Id(0)] public string Id { get; set; } = "";

    /// <summary>Title.</summary>
    [Id(1)] public string Title { get; set; } = "";

    /// <summary>Description.</summary>
    [Id(2)] public string? Description { get; set; }

    /// <summary>Assigned agency code.</summary>
    [Id(3)] public string Agency { get; set; } = "";

    /// <summary>Lifecycle state.</summary>
    [Id(4)] public string State { get; set; } = "";

    /// <summary>Priority.</summary>
    [Id(5)] public string Priority { get; set; } = "normal";

    /// <summary>task or referral.</summary>
    [Id(6)] public string Kind { get; set; } = "task";

    /// <summary>Due date.</summary>
    [Id(7)] public DateTimeOffset DueAt { get; set; }

    /// <summary>For referrals: acknowledge (accept) by.</summary>
    [Id(8)] public DateTimeOffset? AcknowledgeBy { get; set; }

    /// <summary>Escalated to the coordinators.</summary>
    [Id(9)] public bool Escalated { get; set; }

    /// <summary>Creation time.</summary>
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    [Id(11)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Version of the task, incremented by each of its changes.</summary>
    [Id(12)] public int Version { get; set; }

    /// <summary>Tags from the definition (guards refer to them).</summary>
    [Id(13)] public List<string> Tags { get; set; } = [];

    /// <summary>Notes left by triggers.</summary>
    [Id(14)] public List<TaskNoteRecord> Notes { get; set; } = [];

    /// <summary>The workflow state whose entry created it, if any.</summary>
    [Id(15)] public string? CreatedByStage { get; set; }

    /// <summary>The victim the task is for (per-victim and care-track tasks), or null for the whole case.</summary>
    [Id(16)] public string? Victim { get; set; }

    /// <summary>Part of the victim's care track (its guards see it; the criminal case's do not).</summary>
    [Id(17)] public bool Care { get; set; }

    /// <summary>The assignment rule found no agency: the task went to the definition's fallback.</summary>
    [Id(18)] public bool UnmatchedRule { get; set; }

    /// <summary>A consent purpose the victim must have given before the task is started or completed.</summary>
    [Id(19)] public string? RequiresConsent { get; set; }

    /// <summary>
    /// When the task last left its agency's hands (completed, declined or cancelled); null while
    /// the agency has it to do. The agency's part in the case runs on from here (<see cref="Participation"/>).
    /// </summary>
    [Id(20)] public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Completed, or cancelled with a note saying why (only then does it satisfy a guard).</summary>
    public bool Settled =>
        State == Workflows.Engine.TaskLifecycle.States.Completed
        || (State == Workflows.Engine.TaskLifecycle.States.Cancelled && Notes.Exists(n => n.Trigger == "cancel" && n.Text.Length > 0));

    /// <summary>Accepted by its agency, or further on (in progress, completed).</summary>
    public bool Acknowledged => State is Workflows.Engine.TaskLifecycle.States.Accepted or Workflows.Engine.TaskLifecycle.States.InProgress or Workflows.Engine.TaskLifecycle.States.Completed;
}
