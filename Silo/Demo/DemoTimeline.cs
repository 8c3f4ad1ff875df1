namespace Enlace.Silo.Demo;

/// <summary>
/// Runs the demo's stories in one chronological order. A story is an async iterator that
/// yields the instant of its next step and, when resumed, finds the <see cref="DemoClock"/>
/// at that instant and does the step through the grains. The earliest pending step of all
/// stories always runs next, so the clock only moves forward and every grain sees its
/// events in the order of their instants.
/// </summary>
public sealed class DemoTimeline(DemoClock clock)
{
    private readonly List<IAsyncEnumerable<DateTimeOffset>> _stories = [];

    /// <summary>Adds a story.</summary>
    public void Add(IAsyncEnumerable<DateTimeOffset> story) => _stories.Add(story);

    /// <summary>Runs every story to its end.</summary>
    public async Task RunAsync()
    {
        // Ties keep the order stories were added in, then their own order.
        var queue = new PriorityQueue<IAsyncEnumerator<DateTimeOffset>, (DateTimeOffset, long)>();
        long order = 0;
        var running = new List<IAsyncEnumerator<DateTimeOffset>>();
        try
        {
            foreach (var story in _stories)
            {
                var steps = story.GetAsyncEnumerator();
                running.Add(steps);
                if (await steps.MoveNextAsync())
                {
                    queue.Enqueue(steps, (steps.Current, order++));
                }
            }

            while (queue.TryDequeue(out var steps, out var next))
            {
                clock.AdvanceTo(next.Item1);
                if (await steps.MoveNextAsync())
                {
                    queue.Enqueue(steps, (Max(steps.Current, next.Item1), order++));
                }
            }
        }
        finally
        {
            foreach (var steps in running)
            {
                await steps.DisposeAsync();
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
