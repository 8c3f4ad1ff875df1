namespace Enlace.Silo.Demo;

/// <summary>
/// The clock of the demo-seeding silo (and of nothing else: only <see cref="SeedDemoCommand"/>
/// constructs one). It starts at an instant of the past, moves only forward as the demo
/// script advances it, never past the present, and once caught up it is the system clock.
/// Timers and timestamps stay the system's: only "what time is it" is the script's.
/// </summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _at = start < TimeProvider.System.GetUtcNow() ? start : null;

    /// <summary>True once the clock has caught up with the present.</summary>
    public bool InPresent
    {
        get
        {
            lock (_lock)
            {
                return _at is null;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _at ?? TimeProvider.System.GetUtcNow();
        }
    }

    /// <summary>Moves the clock to <paramref name="instant"/> when it is later (never back, never past the present).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        lock (_lock)
        {
            if (_at is not { } at || instant <= at)
            {
                return;
            }

            _at = instant < TimeProvider.System.GetUtcNow() ? instant : null;
        }
    }

    /// <summary>From now on the clock is the system clock.</summary>
    public void CatchUp()
    {
        lock (_lock)
        {
            _at = null;
        }
    }
}
