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

    /// <summary>The state it leads to.</summary>
    public string To { get; set; } = "";

    /// <summary>
    /// Who may fire it: <c>coordinator</c>, <c>admin</c>, <c>responsible</c> (an agent of a
    /// responsible agency) or an agency kind (an agent of an agency of that kind taking part).
    /// </summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Exit criteria that must hold.</summary>
    public GuardDefinition Guards { get; set; } = new();

    /// <summary>A note must accompany it.</summary>
    public bool RequiresNote { get; set; }

    /// <summary>A resolution (one of the definition's) must accompany it.</summary>
    public bool RequiresResolution { get; set; }
}
