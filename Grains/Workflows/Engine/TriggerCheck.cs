namespace Enlace.Grains.Workflows.Engine;

/// <summary>Whether a trigger can be fired now, and if not why, in words for people.</summary>
public sealed record TriggerCheck(string Trigger, RefusalReason Reason, IReadOnlyList<Localized> UnmetGuards, Localized Explanation)
{
    /// <summary>True when the trigger may be fired.</summary>
    public bool Permitted => Reason == RefusalReason.None;

    /// <summary>The explanation in English (for logs and tests).</summary>
    public string Message => Explanation.En;

    /// <summary>
    /// The caller holds the trigger's role only as one that records the decision on behalf
    /// of the institution that made it: the command must carry <c>decisionRef</c>.
    /// </summary>
    public bool RecordsOnBehalf { get; init; }
}
