namespace Enlace.Grains.Interfaces.Hosting;

/// <summary>
/// Limits on the queries of the gateway and of the silo's read model (configuration section
/// <c>Database</c>, shared by both kinds of process). The Orleans providers' grain-state,
/// reminder and membership queries are not limited: a cancelled state write would only turn a
/// slow command into a failed one.
/// </summary>
public sealed class DatabaseSettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Database";

    /// <summary>
    /// The longest a statement may run, lock waits included, before PostgreSQL cancels it
    /// (SQLSTATE 57014, answered 503 with Retry-After); zero turns the limit off (e.g. when it is
    /// set on the database roles instead).
    /// </summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
