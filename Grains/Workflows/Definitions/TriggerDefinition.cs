namespace Enlace.Grains.Workflows.Definitions;

/// <summary>A trigger: from which states to which state, who may fire it and when.</summary>
public sealed class TriggerDefinition
{
    /// <summary>Name clients send, e.g. <c>open-investigation</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Title shown to users.</summary>
    public LocalizedText Title { get; set; } = new();

    /// <summary>States it may be fired from.</summary>
    public List<string> From { get; set; } = [];

    /// <summary>
    /// The state it leads to; empty for a trigger that keeps the instance where it is
    /// (one with an <see cref="Effect"/> or with <see cref="Tasks"/>).
    /// </summary>
    public string To { get; set; } = "";

    /// <summary>True when firing it keeps the instance in the state it was fired from.</summary>
    public bool StaysInState => string.IsNullOrEmpty(To);

    /// <summary>
    /// Who may fire it: <c>coordinator</c>, <c>responsible</c> (an agent of a responsible
    /// agency) or an agency kind (an agent of an agency of that kind taking part). Never
    /// <c>admin</c>: administrators do not act on case content.
    /// </summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Exit criteria that must hold.</summary>
    public GuardDefinition Guards { get; set; } = new();

    /// <summary>A note must accompany it.</summary>
    public bool RequiresNote { get; set; }

    /// <summary>A resolution (one of the definition's, or of <see cref="Resolutions"/>) must accompany it.</summary>
    public bool RequiresResolution { get; set; }

    /// <summary>The resolutions this trigger may record, when fewer than the definition's.</summary>
    public List<string> Resolutions { get; set; } = [];

    /// <summary>
    /// Roles that may record the decision on behalf of the institution that holds it, only
    /// with the number of the document that made it (<c>decisionRef</c>): typically
    /// <c>coordinator</c> for a prosecutor's or judge's decision.
    /// </summary>
    public List<string> RecordedBy { get; set; } = [];

    /// <summary>Everyone who fires it gives the number of the document that made the decision.</summary>
    public bool RequiresDecisionRef { get; set; }

    /// <summary>What else firing it does: <c>transfer-lead</c> or <c>open-linked-case</c> (see <see cref="Effects"/>).</summary>
    public string? Effect { get; set; }

    /// <summary>For <c>open-linked-case</c>: the workflow of the case it opens.</summary>
    public string? LinkedWorkflow { get; set; }

    /// <summary>Tasks that firing it creates (as entering a state does).</summary>
    public List<TaskTemplate> Tasks { get; set; } = [];

    /// <summary>The effects a trigger may have.</summary>
    public static class Effects
    {
        /// <summary>The case's lead country becomes the one the command names; the former lead becomes a partner.</summary>
        public const string TransferLead = "transfer-lead";

        /// <summary>A case of <see cref="LinkedWorkflow"/> opens with the pseudonymous victim records, linked both ways.</summary>
        public const string OpenLinkedCase = "open-linked-case";

        /// <summary>Every effect.</summary>
        public static readonly IReadOnlyList<string> All = [TransferLead, OpenLinkedCase];
    }

    /// <summary>The resolutions a command may give for this trigger within <paramref name="definition"/>.</summary>
    public IReadOnlyList<string> AllowedResolutions(WorkflowDefinition definition) =>
        Resolutions.Count > 0 ? Resolutions : definition.Resolutions;
}
