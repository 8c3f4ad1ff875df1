using Enlace.Grains.Cases;

namespace Enlace.Grains.Roadmaps;

/// <summary>The persisted state of a roadmap action grain (state name <c>roadmap-action</c>).</summary>
[GenerateSerializer, Alias("Enlace.State.RoadmapAction")]
public sealed class RoadmapActionState
{
    /// <summary>Roadmap id.</summary>
    [Id(0)] public string RoadmapId { get; set; } = "";

    /// <summary>Title; null until created.</summary>
    [Id(1)] public string? Title { get; set; }

    /// <summary>Description.</summary>
    [Id(2)] public string? Description { get; set; }

    /// <summary>Area code.</summary>
    [Id(3)] public string Area { get; set; } = "";

    /// <summary>Responsible agencies (of any of the roadmap's countries).</summary>
    [Id(4)] public List<string> ResponsibleAgencies { get; set; } = [];

    /// <summary>The roadmap's countries.</summary>
    [Id(5)] public List<string> Countries { get; set; } = [];

    /// <summary>Indicators.</summary>
    [Id(6)] public List<IndicatorRecord> Indicators { get; set; } = [];

    /// <summary>Start date.</summary>
    [Id(7)] public DateOnly StartDate { get; set; }

    /// <summary>Due date (the action is overdue after that day, UTC).</summary>
    [Id(8)] public DateOnly DueDate { get; set; }

    /// <summary>Workflow state.</summary>
    [Id(9)] public string Stage { get; set; } = "";

    /// <summary>Latest reported percent complete.</summary>
    [Id(10)] public int PercentComplete { get; set; }

    /// <summary>Progress reports, oldest first.</summary>
    [Id(11)] public List<ProgressReportRecord> Reports { get; set; } = [];

    /// <summary>Escalated as overdue to the coordinators.</summary>
    [Id(12)] public bool Escalated { get; set; }

    /// <summary>The audit trail (an action's is short: it stays whole in its state).</summary>
    [Id(13)] public List<AuditEventRecord> Events { get; set; } = [];

    /// <summary>Version.</summary>
    [Id(14)] public int Version { get; set; }

    /// <summary>Creation time.</summary>
    [Id(15)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last change.</summary>
    [Id(16)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Commands applied with an idempotency key in the last 24 h.</summary>
    [Id(17)] public Dictionary<string, IdempotencyRecord> Idempotency { get; set; } = [];

    /// <summary>Workflow definition version.</summary>
    [Id(18)] public int WorkflowVersion { get; set; }

    /// <summary>Fingerprint of the command that created it (a repeated creation is recognised).</summary>
    [Id(19)] public string CreationFingerprint { get; set; } = "";

    /// <summary>The verifications recorded per country since the action was last reported done.</summary>
    [Id(20)] public List<CountryVerificationRecord> Verifications { get; set; } = [];

    /// <summary>When the action entered a terminal state (verified, cancelled); null while it runs.</summary>
    [Id(21)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>True once created.</summary>
    public bool Exists => Title is not null;

    /// <summary>The moment the action becomes overdue: the end of its due day, UTC.</summary>
    public DateTimeOffset Deadline => new(DueDate.ToDateTime(TimeOnly.MinValue).AddDays(1), TimeSpan.Zero);

    /// <summary>Still expected to deliver (not reported done, verified or cancelled).</summary>
    public bool Unfinished => Stage is "planned" or "in_progress" or "at_risk";
}

/// <summary>An indicator of an action.</summary>
[GenerateSerializer, Alias("Enlace.State.Indicator")]
public sealed class IndicatorRecord
{
    /// <summary>Name.</summary>
    [Id(0)] public string Name { get; set; } = "";

    /// <summary>Unit.</summary>
    [Id(1)] public string Unit { get; set; } = "";

    /// <summary>Baseline.</summary>
    [Id(2)] public decimal Baseline { get; set; }

    /// <summary>Target.</summary>
    [Id(3)] public decimal Target { get; set; }

    /// <summary>Latest reported value.</summary>
    [Id(4)] public decimal? Current { get; set; }
}

/// <summary>A progress report.</summary>
[GenerateSerializer, Alias("Enlace.State.ProgressReport")]
public sealed class ProgressReportRecord
{
    /// <summary>When.</summary>
    [Id(0)] public DateTimeOffset At { get; set; }

    /// <summary>Who.</summary>
    [Id(1)] public string Author { get; set; } = "";

    /// <summary>Their agency.</summary>
    [Id(2)] public string? Agency { get; set; }

    /// <summary>Indicator values reported.</summary>
    [Id(3)] public Dictionary<string, decimal> IndicatorValues { get; set; } = [];

    /// <summary>Percent complete.</summary>
    [Id(4)] public int PercentComplete { get; set; }

    /// <summary>Note.</summary>
    [Id(5)] public string Note { get; set; } = "";

    /// <summary>Evidence reference.</summary>
    [Id(6)] public string? EvidenceRef { get; set; }
}

/// <summary>One country's verification of an action, by a coordinator of its secretariat.</summary>
[GenerateSerializer, Alias("Enlace.State.CountryVerification")]
public sealed class CountryVerificationRecord
{
    /// <summary>The country verified for.</summary>
    [Id(0)] public string Country { get; set; } = "";

    /// <summary>The coordinator.</summary>
    [Id(1)] public string UserId { get; set; } = "";

    /// <summary>Their name.</summary>
    [Id(2)] public string? UserName { get; set; }

    /// <summary>Their agency.</summary>
    [Id(3)] public string? Agency { get; set; }

    /// <summary>When.</summary>
    [Id(4)] public DateTimeOffset At { get; set; }
}
