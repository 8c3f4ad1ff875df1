namespace Enlace.Silo.Notifications;

/// <summary>How one attempt ended; <see cref="Error"/> is text the sender made (status codes, reasons), never a payload or an address.</summary>
public sealed record DeliveryResult(string Outcome, string? Error)
{
    /// <summary>Accepted by the mail server or the subscriber.</summary>
    public static readonly DeliveryResult Sent = new("sent", null);

    /// <summary>Failed this time; try again after the back-off.</summary>
    public static DeliveryResult Retry(string error) => new("retry", error);

    /// <summary>Refused for good (no retry helps).</summary>
    public static DeliveryResult Permanent(string error) => new("failed", error);
}
