namespace Enlace.Silo.Notifications;

/// <summary>Exponential back-off between delivery attempts (pure).</summary>
public static class DeliveryBackoff
{
    /// <summary>
    /// The wait after failed attempt number <paramref name="attempts"/> (1-based): <paramref name="first"/>,
    /// doubling each time, never more than <paramref name="max"/>.
    /// </summary>
    public static TimeSpan After(int attempts, TimeSpan first, TimeSpan max)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var wait = first.TotalMilliseconds * Math.Pow(2, doublings);
        return wait >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(wait);
    }
}
