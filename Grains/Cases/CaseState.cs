using Enlace.Grains.Victims;

namespace Enlace.Grains.Cases;

/// <summary>The persisted state of a case grain (state name <c>case</c>).</summary>
[GenerateSerializer, Alias("Enlace.State.Case")]
public sealed class CaseState
{
    /// <summary>Human-readable reference, e.g. PE-2026-000123; null until the case is opened.</summary>
    [Id(0)] public string? Reference { get; set; }

    /// <summary>Workflow definition id.</summary>
    [Id(1)] public string WorkflowId { get; set; } = "";

    /// <summary>Definition version the case runs on.</summary>
    [Id(2)] public int WorkflowVersion { get; set; }

    /// <summary>Title.</summary>
    [Id(3)] public string Title { get; set; } = "";

    /// <summary>Summary.</summary>
    [Id(4)] public string Summary { get; set; } = "";

    /// <summary>Current workflow state.</summary>
    [Id(5)] public string Stage { get; set; } = "";

    /// <summary>Lead country.</summary>
    [Id(6)] public string LeadCountry { get; set; } = "";

    /// <summary>Partner countries.</summary>
    [Id(7)] public List<string> PartnerCountries { get; set; } = [];

    /// <summary>Border point, if any.</summary>
    [Id(8)] public string? BorderPoint { get; set; }

    /// <summary>Pseudonymous victim records.</summary>
    [Id(9)] public List<VictimRecord> Victims { get; set; } = [];

    /// <summary>Identities in clear, as records written before encryption kept them; emptied by <see cref="CaseDataUpgrade"/>.</summary>
    [Id(10)] public Dictionary<string, VictimIdentityRecord> LegacyIdentities { get; set; } = [];

    /// <summary>Tasks of the case.</summary>
    [Id(11)] public List<CaseTask> Tasks { get; set; } = [];

    /// <summary>Version, incremented by every change (the ETag).</summary>
    [Id(12)] public int Version { get; set; }

    /// <summary>When it was opened.</summary>
    [Id(13)] public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Last change.</summary>
    [Id(14)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it reached a terminal state.</summary>
    [Id(15)] public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Resolution recorded at closure.</summary>
    [Id(16)] public string? Resolution { get; set; }

    /// <summary>Sequence number of the last audit event.</summary>
    [Id(17)] public long LastEventSeq { get; set; }

    /// <summary>Hash of the last audit event.</summary>
    [Id(18)] public string LastEventHash { get; set; } = "";

    /// <summary>
    /// Audit events written with the state in the same write. They are the outbox the
    /// read model projects from, exactly once by (case, seq).
    /// </summary>
    [Id(19)] public List<AuditEventRecord> Events { get; set; } = [];

    /// <summary>Commands applied with an idempotency key in the last 24 h, by caller and key.</summary>
    [Id(20)] public Dictionary<string, IdempotencyRecord> Idempotency { get; set; } = [];

    /// <summary>Number of the last task created (task ids are t1, t2, …).</summary>
    [Id(21)] public int LastTaskNumber { get; set; }

    /// <summary>Perpetrator records (P-1, P-2, …).</summary>
    [Id(22)] public List<PerpetratorRecord> Perpetrators { get; set; } = [];

    /// <summary>Identities of victims and perpetrators by code, each sealed under its own key.</summary>
    [Id(23)] public Dictionary<string, SealedIdentity> SealedIdentities { get; set; } = [];

    /// <summary>The case's data key, wrapped by the master key (null until the first identity).</summary>
    [Id(24)] public byte[]? WrappedCaseKey { get; set; }

    /// <summary>Number of the last victim recorded (codes V-1, V-2, …).</summary>
    [Id(25)] public int LastVictimNumber { get; set; }

    /// <summary>Number of the last perpetrator recorded (codes P-1, P-2, …).</summary>
    [Id(26)] public int LastPerpetratorNumber { get; set; }

    /// <summary>Which <see cref="CaseDataUpgrade"/> steps this state has been through.</summary>
    [Id(27)] public int DataVersion { get; set; }

    /// <summary>Cases linked to this one (a smuggling case reclassified as trafficking, and back).</summary>
    [Id(28)] public List<string> LinkedCases { get; set; } = [];

    /// <summary>True once the case has been opened.</summary>
    public bool IsOpen => Reference is not null;

    /// <summary>Lead and partner countries.</summary>
    public IEnumerable<string> Countries => PartnerCountries.Prepend(LeadCountry);
}
