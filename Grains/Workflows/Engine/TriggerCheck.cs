namespace Enlace.Grains.Workflows.Engine;

/// <summary>Whether a trigger can be fired now, and if not, why — in words a person can act on.</summary>
public sealed record TriggerCheck(string Trigger, RefusalReason Reason, IReadOnlyList<string> UnmetGuards, string Message)
{
    /// <summary>True when the trigger can be fired.</summary>
    public bool Permitted => Reason == RefusalReason.None;
}
