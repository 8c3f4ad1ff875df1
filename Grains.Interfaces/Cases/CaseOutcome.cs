namespace Enlace.Grains.Interfaces.Cases;

/// <summary>How a case command or query ended; the gateway maps it to an HTTP status.</summary>
[GenerateSerializer, Alias("Enlace.CaseOutcome")]
public enum CaseOutcome
{
    /// <summary>Done (200).</summary>
    Ok,

    /// <summary>Created (201).</summary>
    Created,

    /// <summary>No such case, or one the caller may not see (404).</summary>
    NotFound,

    /// <summary>The caller sees the case but may not do this (403).</summary>
    Forbidden,

    /// <summary>Invalid input; nothing changed (400).</summary>
    Invalid,

    /// <summary>The trigger is not permitted now (409).</summary>
    NotPermitted,

    /// <summary>The expected version does not match (412).</summary>
    VersionMismatch,

    /// <summary>The idempotency key was used with another command (422).</summary>
    IdempotencyConflict,

    /// <summary>What was asked for existed and was destroyed for good, e.g. an erased identity (410).</summary>
    Gone,
}
