namespace Enlace.Grains.Cases;

/// <summary>How long an agency keeps acting where its work ended (configuration section <c>Participation</c>).</summary>
public sealed class ParticipationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Participation";

    /// <summary>The longest grace period accepted, in days.</summary>
    public const int MaxGraceDays = 365;

    /// <summary>
    /// Days after an agency's last task in a case left its hands (or after a roadmap action it is
    /// responsible for ended) during which it still acts there: fires its triggers, records victims,
    /// reads the identities its kind is entitled to — a late correction, a consent recorded after the
    /// fact. 0 ends its part when its last task closes.
    /// </summary>
    public int GraceDays { get; set; } = 7;

    /// <summary>The grace period.</summary>
    public TimeSpan Grace => TimeSpan.FromDays(GraceDays);
}
