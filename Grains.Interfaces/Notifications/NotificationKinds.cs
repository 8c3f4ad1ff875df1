using System.Collections.Immutable;

namespace Enlace.Grains.Interfaces.Notifications;

/// <summary>
/// The kinds of notification the system raises, and so the event kinds a webhook or an
/// address may subscribe to. Each is the projection of one audit event.
/// </summary>
public static class NotificationKinds
{
    /// <summary>A task's due date passed before it was done.</summary>
    public const string TaskEscalated = "task-escalated";

    /// <summary>A referral's acknowledgement date passed before the receiving agency accepted it.</summary>
    public const string ReferralUnacknowledged = "referral-unacknowledged";

    /// <summary>A task was given to an agency (created, or reassigned to it).</summary>
    public const string TaskAssigned = "task-assigned";

    /// <summary>A roadmap action's due day passed before it was done.</summary>
    public const string ActionOverdue = "action-overdue";

    /// <summary>Every kind, in the order people read them.</summary>
    public static readonly ImmutableArray<string> All = [TaskEscalated, ReferralUnacknowledged, TaskAssigned, ActionOverdue];

    /// <summary>The channels a notification is delivered by.</summary>
    public static class Channels
    {
        /// <summary>An e-mail to an agency's or a person's address.</summary>
        public const string Email = "email";

        /// <summary>A signed HTTP call to a registered subscriber.</summary>
        public const string Webhook = "webhook";
    }

    /// <summary>What became of a delivery.</summary>
    public static class States
    {
        /// <summary>Not sent yet (or to be retried).</summary>
        public const string Pending = "pending";

        /// <summary>Accepted by the mail server or the subscriber.</summary>
        public const string Sent = "sent";

        /// <summary>Given up: refused for good, or out of attempts.</summary>
        public const string Failed = "failed";
    }
}
