namespace Enlace.Silo.Notifications;

/// <summary>
/// A claimed delivery and the system fields of its notification: ids, kind, reference, agency
/// code and time. Nothing typed by a person (titles, notes) and nothing about a victim is here,
/// so nothing of the sort can reach a message.
/// </summary>
public sealed record Delivery(
    string Id, string NotificationId, string Channel, string Recipient, string RecipientKind, string RecipientRef, string Language, int Attempt,
    string Kind, string SourceKind, string SourceId, string Reference, string? TaskId, string? Agency, DateTimeOffset At);
