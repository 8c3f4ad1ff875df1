using System.Net.Sockets;
using Enlace.Grains.Interfaces.Hosting;
using Enlace.WebGateway.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Enlace.Tests.Foundation;

/// <summary>
/// A grain whose storage failed answers with an OrleansException around an Npgsql exception.
/// Orleans serializes only System, Microsoft and Azure exceptions by default; with
/// <see cref="WireExceptions"/> the database failure reaches the gateway as itself, which
/// then answers 503 instead of 500.
/// </summary>
public sealed class WireExceptionTests
{
    private static readonly Serializer Configured = Serializer(WireExceptions.Configure);

    [Fact]
    public void WithoutNpgsqlOnTheWireAStorageFailureCannotBeSent()
    {
        var plain = Serializer(_ => { });

        Assert.Throws<CodecNotFoundException>(() => plain.SerializeToArray<Exception>(StorageFailure(ConnectionRefused())));
    }

    [Fact]
    public void AConnectionFailureCrossesAndIsUnavailable()
    {
        var crossed = RoundTrip(StorageFailure(ConnectionRefused()));

        var npgsql = Assert.IsType<NpgsqlException>(crossed.InnerException);
        Assert.IsType<SocketException>(npgsql.InnerException);
        Assert.Equal(FailureClassifier.Kind.Unavailable, FailureClassifier.Classify(crossed, requestAborted: false, stopping: false).Kind);
    }

    [Theory]
    [InlineData("57P01", FailureClassifier.Kind.Unavailable)]
    [InlineData("53300", FailureClassifier.Kind.Unavailable)]
    [InlineData("23505", FailureClassifier.Kind.Unexpected)]
    public void APostgreSqlErrorCrossesWithItsSqlState(string sqlState, FailureClassifier.Kind expected)
    {
        var crossed = RoundTrip(StorageFailure(new PostgresException("terminating connection", "FATAL", "FATAL", sqlState)));

        var postgres = Assert.IsType<PostgresException>(crossed.InnerException);
        Assert.Equal(sqlState, postgres.Data["SqlState"]);
        Assert.Equal(expected, FailureClassifier.Classify(crossed, requestAborted: false, stopping: false).Kind);
    }

    private static Exception RoundTrip(Exception exception) => Configured.Deserialize<Exception>(Configured.SerializeToArray(exception))!;

    private static OrleansException StorageFailure(Exception inner) =>
        new("Error from storage provider AdoNetGrainStorage.case during WriteStateAsync for grain case/c1", inner);

    private static NpgsqlException ConnectionRefused() => new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    private static Serializer Serializer(Action<ExceptionSerializationOptions> configure) => new ServiceCollection()
        .AddSerializer()
        .Configure(configure)
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();
}
