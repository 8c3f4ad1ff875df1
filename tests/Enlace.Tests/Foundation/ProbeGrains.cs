using Enlace.Grains.Hosting;

namespace Enlace.Tests.Foundation;

/// <summary>A test-only grain that keeps one value in PostgreSQL.</summary>
[Alias("Enlace.Tests.IProbeGrain")]
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Stores a value durably.</summary>
    [Alias("Set")]
    Task SetAsync(string value);

    /// <summary>The stored value, or null.</summary>
    [Alias("Get")]
    Task<string?> GetAsync();
}

/// <summary>A test-only grain that counts the ticks of a durable reminder in its state.</summary>
[Alias("Enlace.Tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers a reminder first due after <paramref name="dueTime"/>.</summary>
    [Alias("Arm")]
    Task ArmAsync(TimeSpan dueTime);

    /// <summary>How many ticks have been recorded.</summary>
    [Alias("Ticks")]
    Task<int> GetTicksAsync();
}

/// <summary>State of <see cref="ProbeGrain"/>.</summary>
[GenerateSerializer, Alias("Enlace.Tests.ProbeState")]
public sealed class ProbeState
{
    /// <summary>The value.</summary>
    [Id(0)] public string? Value { get; set; }

    /// <summary>Ticks seen by the reminder probe.</summary>
    [Id(1)] public int Ticks { get; set; }
}

/// <summary>Implements <see cref="IProbeGrain"/>.</summary>
public sealed class ProbeGrain(
    [PersistentState("probe", StorageNames.Workflow)] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    /// <inheritdoc />
    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);
}

/// <summary>Implements <see cref="IReminderProbeGrain"/>.</summary>
public sealed class ReminderProbeGrain(
    [PersistentState("reminderProbe", StorageNames.Workflow)] IPersistentState<ProbeState> state) : Grain, IReminderProbeGrain, IRemindable
{
    /// <inheritdoc />
    public async Task ArmAsync(TimeSpan dueTime) =>
        await this.RegisterOrUpdateReminder("probe", dueTime, TimeSpan.FromMinutes(1));

    /// <inheritdoc />
    public Task<int> GetTicksAsync() => Task.FromResult(state.State.Ticks);

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
