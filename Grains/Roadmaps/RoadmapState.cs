using Enlace.Grains.Cases;

namespace Enlace.Grains.Roadmaps;

/// <summary>The persisted state of a roadmap grain (state name <c>roadmap</c>).</summary>
[GenerateSerializer, Alias("Enlace.State.Roadmap")]
public sealed class RoadmapState
{
    /// <summary>Title.</summary>
    [Id(0)] public string? Title { get; set; }

    /// <summary>Countries that signed it.</summary>
    [Id(1)] public List<string> Countries { get; set; } = [];

    /// <summary>When it was signed.</summary>
    [Id(2)] public DateOnly? SignedOn { get; set; }

    /// <summary>Where it was signed.</summary>
    [Id(3)] public string? SignedAt { get; set; }

    /// <summary>First day of its period.</summary>
    [Id(4)] public DateOnly PeriodStart { get; set; }

    /// <summary>Last day of its period.</summary>
    [Id(5)] public DateOnly PeriodEnd { get; set; }

    /// <summary>Its areas, by code.</summary>
    [Id(6)] public List<RoadmapAreaRecord> Areas { get; set; } = [];

    /// <summary>Number of the last action added (action ids are a1, a2, …).</summary>
    [Id(7)] public int LastActionNumber { get; set; }

    /// <summary>Version.</summary>
    [Id(8)] public int Version { get; set; }

    /// <summary>Creation time.</summary>
    [Id(9)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Commands applied with an idempotency key in the last 24 h.</summary>
    [Id(10)] public Dictionary<string, IdempotencyRecord> Idempotency { get; set; } = [];

    /// <summary>True once created.</summary>
    public bool Exists => Title is not null;
}

/// <summary>An area of a roadmap.</summary>
[GenerateSerializer, Alias("Enlace.State.RoadmapArea")]
public sealed class RoadmapAreaRecord
{
    /// <summary>Code, e.g. prevention.</summary>
    [Id(0)] public string Code { get; set; } = "";

    /// <summary>Title.</summary>
    [Id(1)] public string Title { get; set; } = "";
}
