namespace Enlace.Grains.Victims;

/// <summary>
/// One victim's care track as persisted: where the person stands in the <c>victim-care</c>
/// workflow, apart from the criminal case (closing the case never closes it).
/// </summary>
[GenerateSerializer, Alias("Enlace.State.CareTrack")]
public sealed class CareTrack
{
    /// <summary>The care definition's id.</summary>
    [Id(0)] public string WorkflowId { get; set; } = "";

    /// <summary>The care definition's version.</summary>
    [Id(1)] public int WorkflowVersion { get; set; }

    /// <summary>Current state of the track.</summary>
    [Id(2)] public string State { get; set; } = "";

    /// <summary>When the track started.</summary>
    [Id(3)] public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the track reached a closing state.</summary>
    [Id(4)] public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Closure reason (HTCDS case closure reason codes, <c>careClosureReason</c>).</summary>
    [Id(5)] public string? Resolution { get; set; }
}
