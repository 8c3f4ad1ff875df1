namespace Enlace.WebGateway.Notifications;

/// <summary>
/// One delivery of a notification: by which channel, to which kind of recipient (an agency by its
/// code, a user by id, a webhook subscriber by id — never an address), and what became of it.
/// </summary>
public sealed record DeliveryView(
    string Id, string Channel, string RecipientKind, string Recipient, string State, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt);

/// <summary>The deliveries of one notification.</summary>
public sealed record DeliveryList(IReadOnlyList<DeliveryView> Items);

/// <summary>A person's notification settings: the address e-mails go to (none: no e-mail), their language and the kinds wanted.</summary>
public sealed record NotificationSettingsView(string? Email, string Language, IReadOnlyList<string> Kinds, bool ReceivesEmail);

/// <summary>The body of <c>PUT /api/v1/me/notification-settings</c>.</summary>
public sealed record NotificationSettingsRequest(string? Email, string? Language, IReadOnlyList<string?>? Kinds);

/// <summary>The body of <c>POST /api/v1/webhooks</c>; the secret is write-only.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string?>? Kinds, string? Secret);

/// <summary>A webhook subscriber as administrators see it (never its secret).</summary>
public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Kinds, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>The registered subscribers.</summary>
public sealed record WebhookList(IReadOnlyList<WebhookView> Items);

/// <summary>One call (or series of attempts) to a subscriber: the event, and what became of it.</summary>
public sealed record WebhookDeliveryView(
    string Id, string NotificationId, string Kind, string Reference, string State, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt);
