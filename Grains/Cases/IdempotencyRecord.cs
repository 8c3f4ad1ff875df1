namespace Enlace.Grains.Cases;

/// <summary>What a command applied with an idempotency key produced, to answer its retries.</summary>
[GenerateSerializer, Alias("Enlace.State.Idempotency")]
public sealed class IdempotencyRecord
{
    /// <summary>SHA-256 of the command, to tell a retry from another command with the same key.</summary>
    [Id(0)] public string Fingerprint { get; set; } = "";

    /// <summary>When it was applied.</summary>
    [Id(1)] public DateTimeOffset At { get; set; }

    /// <summary>True when the first answer was Created.</summary>
    [Id(2)] public bool Created { get; set; }

    /// <summary>What it created or concerned, if anything: a task id, or a victim's or perpetrator's code.</summary>
    [Id(3)] public string? CreatedId { get; set; }
}
