using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using Enlace.Grains.Interfaces.ReadModel;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;
using static Enlace.WebGateway.Http.FailureClassifier;

namespace Enlace.Tests.Gateway;

/// <summary>
/// Every failure the API meets while a silo dies or the database is away is classified
/// as unavailable (503 with Retry-After); a bug stays a bug (500); a client that left is
/// not answered.
/// </summary>
public sealed class FailureClassifierTests
{
    private static readonly Dictionary<string, Func<Exception>> Unavailable = new()
    {
        ["SiloUnavailableException"] = () => new SiloUnavailableException("The target silo became unavailable"),
        ["OrleansMessageRejectionException"] = () => Internal<OrleansMessageRejectionException>("No gateways available"),
        ["GatewayTooBusyException"] = () => new GatewayTooBusyException(),
        ["ConnectionFailedException"] = () => new ConnectionFailedException("Connection attempt to endpoint failed", new SocketException((int)SocketError.ConnectionRefused)),
        ["ClientNotAvailableException"] = () => Internal<ClientNotAvailableException>("The client is not available"),
        ["OrleansClusterConnectivityCheckFailedException"] = () => new Orleans.Runtime.MembershipService.OrleansClusterConnectivityCheckFailedException(),
        ["OrleansLifecycleCanceledException"] = () => Internal<OrleansLifecycleCanceledException>("Lifecycle start canceled"),
        ["InconsistentStateException"] = () => new InconsistentStateException("ETag mismatch"),
        ["ReadModelUnavailableException"] = () => new ReadModelUnavailableException("the database did not answer"),
        ["plain OrleansException"] = () => new OrleansException("Unexpected error."),
        ["TimeoutException"] = () => new TimeoutException("Response did not arrive on time"),
        ["TaskCanceledException (the client still waits)"] = () => new TaskCanceledException(),
        ["OperationCanceledException (the client still waits)"] = () => new OperationCanceledException(),
        ["NpgsqlException connection refused"] = () => new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        ["NpgsqlException broken stream"] = () => new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        ["NpgsqlException pool exhausted"] = () => new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 100) or 'Timeout' (currently 15 seconds) in your connection string.", new TimeoutException()),
        ["InvalidOperationException pool exhausted"] = () => new InvalidOperationException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 100) or 'Timeout'."),
        ["SocketException"] = () => new SocketException((int)SocketError.ConnectionReset),
        ["IOException"] = () => new IOException("Broken pipe"),
        ["HttpRequestException around a socket"] = () => new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)),
        ["PostgresException 08006 connection failure"] = () => Postgres("08006"),
        ["PostgresException 57P01 admin shutdown"] = () => Postgres("57P01"),
        ["PostgresException 57P02 crash shutdown"] = () => Postgres("57P02"),
        ["PostgresException 57P03 cannot connect now"] = () => Postgres("57P03"),
        ["PostgresException 53300 too many connections"] = () => Postgres("53300"),
        ["PostgresException 40001 serialization failure"] = () => Postgres("40001"),
        ["PostgresException 40P01 deadlock"] = () => Postgres("40P01"),
        ["storage failure in a grain (OrleansException around NpgsqlException)"] = () =>
            new OrleansException("Error from storage provider AdoNetGrainStorage.case during WriteStateAsync", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))),
        ["activation failure (rejection around a storage failure)"] = () =>
            Internal<OrleansMessageRejectionException>("Failed to activate grain", new OrleansException("Error from storage provider", Postgres("57P03"))),
        ["PostgresException after crossing from a silo (SQLSTATE in Data only)"] = () => Crossed("57P01"),
        ["AggregateException holding a timeout"] = () => new AggregateException(new InvalidOperationException("unrelated"), new TimeoutException()),
        ["ObjectDisposedException while the gateway stops"] = () => new ObjectDisposedException("NpgsqlDataSource"),
        ["UnavailableExceptionFallbackException of an Npgsql type"] = () => Fallback("Npgsql.NpgsqlException,Npgsql"),
        ["UnavailableExceptionFallbackException of a transient PostgresException"] = () => Fallback("Npgsql.PostgresException,Npgsql", "53300"),
    };

    private static readonly Dictionary<string, Func<Exception>> Bugs = new()
    {
        ["InvalidOperationException"] = () => new InvalidOperationException("Sequence contains no elements"),
        ["NullReferenceException"] = () => new NullReferenceException(),
        ["ArgumentException"] = () => new ArgumentException("bad argument"),
        ["PostgresException 23505 unique violation"] = () => Postgres("23505"),
        ["PostgresException 42P01 undefined table"] = () => Postgres("42P01"),
        ["storage failure from a bug (OrleansException around 42703 undefined column)"] = () => new OrleansException("Error from storage provider", Postgres("42703")),
        ["CodecNotFoundException (a grain threw what cannot cross the wire)"] = () => new CodecNotFoundException("Could not find a codec for type Enlace.Grains.SomethingException."),
        ["ObjectDisposedException while running"] = () => new ObjectDisposedException("IClusterClient"),
        ["UnavailableExceptionFallbackException of an unknown type"] = () => Fallback("Enlace.Grains.SomethingException,Enlace.Grains"),
        ["UnavailableExceptionFallbackException of PostgresException 23505"] = () => Fallback("Npgsql.PostgresException,Npgsql", "23505"),
    };

    public static TheoryData<string> UnavailableCases() => [.. Unavailable.Keys];

    public static TheoryData<string> BugCases() => [.. Bugs.Keys];

    [Theory]
    [MemberData(nameof(UnavailableCases))]
    public void TheClusterOrTheDatabaseAwayIsUnavailable(string name)
    {
        var failure = Classify(Unavailable[name](), requestAborted: false, stopping: name.Contains("stops", StringComparison.Ordinal));

        Assert.Equal(Kind.Unavailable, failure.Kind);
        Assert.Equal(503, failure.Status);
    }

    [Theory]
    [MemberData(nameof(BugCases))]
    public void ABugIsUnexpected(string name)
    {
        var failure = Classify(Bugs[name](), requestAborted: false, stopping: false);

        Assert.Equal(Kind.Unexpected, failure.Kind);
        Assert.Equal(500, failure.Status);
    }

    [Fact]
    public void ACancellationOrAResetAfterTheClientLeftIsNotAnswered()
    {
        Assert.Equal(Kind.ClientGone, Classify(new TaskCanceledException(), requestAborted: true, stopping: false).Kind);
        Assert.Equal(Kind.ClientGone, Classify(new IOException("reset"), requestAborted: true, stopping: false).Kind);

        // Anything else is classified on its own, even if the client left meanwhile.
        Assert.Equal(Kind.Unavailable, Classify(new SiloUnavailableException(), requestAborted: true, stopping: false).Kind);
    }

    [Fact]
    public void APermissionDeniedByTheDatabaseIsADeploymentErrorNotARetry()
    {
        Exception[] refusals =
        [
            Postgres("42501"),
            new OrleansException("Error from storage", Postgres("42501")),
            Crossed("42501"),
            Fallback("Npgsql.PostgresException,Npgsql", "42501"),
            new AggregateException(new InvalidOperationException("other"), Postgres("42501")),
        ];

        foreach (var refusal in refusals)
        {
            Assert.Equal(new Failure(Kind.PermissionDenied, 500, "PostgresException 42501"), Classify(refusal, requestAborted: false, stopping: false));
        }

        // Only PostgreSQL's own SQLSTATE counts: another fallback type carrying the same Data is a plain bug.
        Assert.Equal(Kind.Unexpected, Classify(Fallback("System.InvalidOperationException,System.Private.CoreLib", "42501"), requestAborted: false, stopping: false).Kind);
    }

    [Fact]
    public void AnUnreadableRequestKeepsItsStatus()
    {
        var failure = Classify(new BadHttpRequestException("Request body too large.", 413), requestAborted: false, stopping: false);

        Assert.Equal(new Failure(Kind.Rejected, 413, nameof(BadHttpRequestException)), failure);
    }

    [Fact]
    public void TheCauseNamesTypesAndSqlStatesNeverMessages()
    {
        var failure = Classify(new OrleansException("Error for grain case/c1 of Ana Pérez", Postgres("57P01")), requestAborted: false, stopping: false);

        Assert.Equal("PostgresException 57P01", failure.Cause);
    }

    [Theory]
    [InlineData("08001", true)]
    [InlineData("08P01", true)]
    [InlineData("53100", true)]
    [InlineData("57014", true)]
    [InlineData("25006", true)]
    [InlineData("23503", false)]
    [InlineData("22P02", false)]
    [InlineData("42601", false)]
    public void SqlStatesOfAnAbsentOrBusyServerAreTransient(string sqlState, bool transient) =>
        Assert.Equal(transient, IsTransientSqlState(sqlState));

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    // What a PostgresException is after the Orleans exception codec rebuilt it: base fields and Data.
    private static PostgresException Crossed(string sqlState)
    {
        var rebuilt = (PostgresException)RuntimeHelpers.GetUninitializedObject(typeof(PostgresException));
        rebuilt.Data["SqlState"] = sqlState;
        return rebuilt;
    }

    private static UnavailableExceptionFallbackException Fallback(string type, string? sqlState = null)
    {
        var fallback = new UnavailableExceptionFallbackException();
        typeof(UnavailableExceptionFallbackException).GetProperty(nameof(UnavailableExceptionFallbackException.ExceptionType))!.SetValue(fallback, type);
        if (sqlState is not null)
        {
            fallback.Data["SqlState"] = sqlState;
        }

        return fallback;
    }

    // Orleans creates these itself (internal constructors).
    private static T Internal<T>(string message, Exception? inner = null)
        where T : Exception
    {
        object[] arguments = inner is null ? [message] : [message, inner];
        return (T)Activator.CreateInstance(typeof(T), BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null, arguments, null)!;
    }
}
