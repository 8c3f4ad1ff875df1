namespace Enlace.Grains.Workflows.Definitions;

/// <summary>A task that entering a state creates, and to whom it goes.</summary>
public sealed class TaskTemplate
{
    /// <summary>Task kinds: an ordinary task, or a referral the receiving agency must acknowledge in time.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["task", "referral"];

    /// <summary>Priorities, least urgent first.</summary>
    public static readonly IReadOnlyList<string> Priorities = ["low", "normal", "high", "urgent"];

    /// <summary>Title shown to users.</summary>
    public LocalizedText Title { get; set; } = new();

    /// <summary><c>task</c> or <c>referral</c>.</summary>
    public string Kind { get; set; } = "task";

    /// <summary>Which agency or agencies receive it.</summary>
    public AssignmentRule Assign { get; set; } = new();

    /// <summary>ISO 8601 duration from creation to the due date, e.g. <c>P3D</c>.</summary>
    public string DueIn { get; set; } = "";

    /// <summary>For referrals: ISO 8601 duration within which the receiver must acknowledge.</summary>
    public string? AcknowledgeIn { get; set; }

    /// <summary><c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>.</summary>
    public string Priority { get; set; } = "normal";

    /// <summary>Tags that guards refer to (<c>tasksCompleted</c>).</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>
    /// In a case definition: one task per victim of the case instead of one per country.
    /// Tasks of a care track are always per victim.
    /// </summary>
    public bool PerVictim { get; set; }

    /// <summary>
    /// Victim conditions (<c>VictimConditions</c>), any one of which makes the task exist for a
    /// victim, e.g. <c>[minor, sexual-exploitation]</c>; empty: for every victim.
    /// </summary>
    public List<string> When { get; set; } = [];

    /// <summary>
    /// A consent purpose the victim (for a child, the legal representative) must have given
    /// before the task may be started or completed.
    /// </summary>
    public string? RequiresConsent { get; set; }
}
