namespace Enlace.Grains.Interfaces.Cases;

/// <summary>The outcomes of <see cref="UpgradeItem"/> and the reason codes of those that do not move (API contract).</summary>
public static class UpgradeOutcomes
{
    /// <summary>The case is on the target version (moved now, or before: a repeat changes nothing).</summary>
    public const string Moved = "moved";

    /// <summary>A dry run found the case can move with the mapping given.</summary>
    public const string CanMove = "can-move";

    /// <summary>The case's state does not exist in the target version and the mapping does not name it.</summary>
    public const string NeedsMapping = "needs-mapping";

    /// <summary>The case does not take part: closed, on another version or workflow, or not visible.</summary>
    public const string Refused = "refused";

    /// <summary>Reason code: the state is missing from the target version.</summary>
    public const string StateMissing = "state-missing";

    /// <summary>Reason code: the case is closed and keeps its version.</summary>
    public const string Closed = "closed";

    /// <summary>Reason code: the case runs on another version than the one being upgraded.</summary>
    public const string OtherVersion = "other-version";

    /// <summary>Reason code: the case runs on another workflow.</summary>
    public const string OtherWorkflow = "other-workflow";

    /// <summary>Reason code: no such case (or one the caller may not see).</summary>
    public const string NotFound = "not-found";

    /// <summary>Reason code: the caller is not an administrator.</summary>
    public const string Forbidden = "forbidden";
}
