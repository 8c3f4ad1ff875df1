namespace Enlace.Grains.ReferenceData;

/// <summary>Where and how an agency is told about its notifications (<c>notifications:</c> of an agency).</summary>
public sealed class AgencyNotifications
{
    /// <summary>The agency's notification address (a desk, not a person).</summary>
    public string Email { get; set; } = "";

    /// <summary>The language of its messages: <c>es</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "es";

    /// <summary>
    /// The notification kinds it wants (<see cref="Interfaces.Notifications.NotificationKinds"/>); absent: all
    /// that concern it.
    /// </summary>
    public List<string>? Kinds { get; set; }
}
