using Microsoft.Extensions.Time.Testing;

namespace Enlace.Tests.Gateway;

/// <summary>
/// The gateway in front of a silo whose clock the tests move: what happens days after a task closed,
/// through real HTTP. The clock starts at the real present (tokens and the read model use real time)
/// and only goes forward.
/// </summary>
public sealed class ClockedGatewayFixture() : GatewayFixture(Clock)
{
    private static readonly FakeTimeProvider Clock = new(DateTimeOffset.UtcNow);

    /// <summary>The silo's clock.</summary>
    public FakeTimeProvider Time => Clock;
}

/// <summary>The collection sharing <see cref="ClockedGatewayFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ClockedGatewayCollection : ICollectionFixture<ClockedGatewayFixture>
{
    /// <summary>Collection name.</summary>
    public const string Name = "gateway-clocked";
}
