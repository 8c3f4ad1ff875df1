namespace Enlace.Grains.Workflows.Engine;

/// <summary>Why a trigger cannot be fired now.</summary>
public enum RefusalReason
{
    /// <summary>It can be fired.</summary>
    None,

    /// <summary>The definition has no trigger of that name.</summary>
    UnknownTrigger,

    /// <summary>The trigger does not leave the current state.</summary>
    WrongState,

    /// <summary>The caller holds none of the roles allowed to fire it.</summary>
    RoleNotAllowed,

    /// <summary>An exit criterion does not hold.</summary>
    GuardUnmet,
}
