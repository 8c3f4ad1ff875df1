namespace Enlace.Grains.Cases;

/// <summary>An audit event as persisted in the case's outbox.</summary>
[GenerateSerializer, Alias("Enlace.State.AuditEvent")]
public sealed class AuditEventRecord
{
    /// <summary>Sequence number within the case, from 1.</summary>
    [Id(0)] public long Seq { get; set; }

    /// <summary>When.</summary>
    [Id(1)] public DateTimeOffset At { get; set; }

    /// <summary>User id.</summary>
    [Id(2)] public string Actor { get; set; } = "";

    /// <summary>The actor's agency.</summary>
    [Id(3)] public string? Agency { get; set; }

    /// <summary>case-opened, transition, task-created, task-transition, definition-upgraded, …</summary>
    [Id(4)] public string Kind { get; set; } = "";

    /// <summary>Trigger fired.</summary>
    [Id(5)] public string? Trigger { get; set; }

    /// <summary>State before.</summary>
    [Id(6)] public string? From { get; set; }

    /// <summary>State after.</summary>
    [Id(7)] public string? To { get; set; }

    /// <summary>Task concerned.</summary>
    [Id(8)] public string? TaskId { get; set; }

    /// <summary>Note.</summary>
    [Id(9)] public string? Note { get; set; }

    /// <summary>SHA-256 of this event and the previous hash.</summary>
    [Id(10)] public string Hash { get; set; } = "";

    /// <summary>Hash of the previous event.</summary>
    [Id(11)] public string PreviousHash { get; set; } = "";

    /// <summary>The victim or perpetrator concerned (<c>V-1</c>, <c>P-1</c>), if any.</summary>
    [Id(12)] public string? Subject { get; set; }

    /// <summary>The number of the document that made a prosecutorial or judicial decision, when recorded.</summary>
    [Id(13)] public string? DecisionRef { get; set; }

    /// <summary>
    /// The event that follows <paramref name="previousSeq"/> / <paramref name="previousHash"/> in a
    /// chain, its time cut to the microsecond the read model keeps (so the hash covers what it keeps).
    /// </summary>
    public static AuditEventRecord Next(
        long previousSeq, string previousHash, Interfaces.Security.Caller caller, DateTimeOffset at, string kind,
        string? trigger = null, string? from = null, string? to = null, string? taskId = null, string? note = null, string? subject = null, string? decisionRef = null)
    {
        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
        var previous = previousSeq == 0 ? Interfaces.Cases.AuditChain.Genesis : previousHash;
        var seq = previousSeq + 1;
        return new AuditEventRecord
        {
            Seq = seq,
            At = at,
            Actor = caller.UserId,
            Agency = caller.Agency,
            Kind = kind,
            Trigger = trigger,
            From = from,
            To = to,
            TaskId = taskId,
            Note = note,
            Subject = subject,
            DecisionRef = decisionRef,
            Hash = Interfaces.Cases.AuditChain.Hash(seq, at, caller.UserId, caller.Agency, kind, trigger, from, to, taskId, note, previous, subject, decisionRef),
            PreviousHash = previous,
        };
    }
}
