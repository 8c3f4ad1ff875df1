namespace Enlace.Grains.Interfaces.Cases;

/// <summary>
/// One entry of a case's append-only audit trail. <see cref="Hash"/> is the SHA-256 of
/// the entry's content and <see cref="PreviousHash"/> (see <see cref="AuditChain"/>).
/// <see cref="Subject"/> names the victim or perpetrator (<c>V-1</c>, <c>P-1</c>) an event concerns.
/// </summary>
[GenerateSerializer, Immutable, Alias("Enlace.AuditEvent")]
public sealed record AuditEventView(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Agency,
    [property: Id(4)] string Kind,
    [property: Id(5)] string? Trigger,
    [property: Id(6)] string? From,
    [property: Id(7)] string? To,
    [property: Id(8)] string? TaskId,
    [property: Id(9)] string? Note,
    [property: Id(10)] string Hash,
    [property: Id(11)] string PreviousHash,
    [property: Id(12)] string? Subject = null,
    [property: Id(13)] string? DecisionRef = null);
