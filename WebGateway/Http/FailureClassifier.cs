using System.Net.Sockets;
using Enlace.Grains.Interfaces.ReadModel;
using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Enlace.WebGateway.Http;

/// <summary>
/// What an exception that escaped an endpoint means for its answer: the cluster or the
/// database away (503 with Retry-After), a request that could not be read (its 4xx), a
/// client that went away (nothing to answer), or a bug (500). Pure: the exception and
/// two facts about the request decide.
/// </summary>
public static class FailureClassifier
{
    private const int MaxDepth = 8;
    private const string InsufficientPrivilege = "42501";

    /// <summary>How an escaped exception is answered.</summary>
    public enum Kind
    {
        /// <summary>The cluster or the database did not answer: 503 with Retry-After.</summary>
        Unavailable,

        /// <summary>The request could not be read (malformed, too large): the status it carries.</summary>
        Rejected,

        /// <summary>The client aborted the request: no one reads an answer.</summary>
        ClientGone,

        /// <summary>Nothing says it would work if retried: a bug, 500.</summary>
        Unexpected,

        /// <summary>
        /// The database refused a statement to the role it came from (SQLSTATE 42501): a
        /// deployment bug — a grant is missing — answered 500 and logged as such.
        /// </summary>
        PermissionDenied,
    }

    /// <summary>The verdict: kind, status, and a cause safe to log (type names and SQLSTATE, never a message).</summary>
    public readonly record struct Failure(Kind Kind, int Status, string Cause);

    /// <summary>Classifies <paramref name="exception"/>.</summary>
    /// <param name="exception">What escaped the endpoint or the middleware.</param>
    /// <param name="requestAborted">The client closed the connection (<c>HttpContext.RequestAborted</c>).</param>
    /// <param name="stopping">The gateway is shutting down (its services may already be disposed).</param>
    public static Failure Classify(Exception exception, bool requestAborted, bool stopping)
    {
        if (requestAborted && exception is OperationCanceledException or IOException)
        {
            return new(Kind.ClientGone, 499, exception.GetType().Name);
        }

        if (exception is BadHttpRequestException bad)
        {
            return new(Kind.Rejected, bad.StatusCode, nameof(BadHttpRequestException));
        }

        if (TransientCause(exception, stopping, 0) is { } cause)
        {
            return new(Kind.Unavailable, 503, cause);
        }

        return IsPermissionDenied(exception, 0)
            ? new(Kind.PermissionDenied, 500, $"{nameof(PostgresException)} {InsufficientPrivilege}")
            : new(Kind.Unexpected, 500, exception.GetType().Name);
    }

    /// <summary>True for the SQLSTATEs of a server that is away, starting, stopping, overloaded or in a conflict a retry resolves.</summary>
    public static bool IsTransientSqlState(string? sqlState) => sqlState switch
    {
        null => true,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => true, // connection exception
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) => true, // insufficient resources (53300 too many connections)
        "57P01" or "57P02" or "57P03" or "57P05" => true, // admin shutdown, crash shutdown, cannot connect now, idle session timeout
        "57014" => true, // query cancelled (statement timeout)
        "40001" or "40P01" or "55P03" => true, // serialization failure, deadlock, lock not available
        "58000" or "58030" => true, // system error, I/O error
        "25006" => true, // read-only transaction: a failover left us on a standby
        _ => false,
    };

    // What in the exception (or what it wraps) says that the same request may work shortly;
    // null when nothing does.
    private static string? TransientCause(Exception exception, bool stopping, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (exception)
        {
            case PostgresException postgres:
                var sqlState = SqlState(postgres);
                return IsTransientSqlState(sqlState) ? $"{nameof(PostgresException)} {sqlState}" : null;
            case NpgsqlException:
                // Not a server error: the connection failed, broke, timed out, or the pool was exhausted.
                return nameof(NpgsqlException);
            case UnavailableExceptionFallbackException fallback:
                // A silo-side exception whose type this process cannot load: only its name is left.
                return FallbackCause(fallback, stopping, depth);
            case TimeoutException or OperationCanceledException or SocketException or IOException:
                return exception.GetType().Name;
            case ObjectDisposedException when stopping:
                return $"{nameof(ObjectDisposedException)} while stopping";
            case InvalidOperationException when exception.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal):
                return "connection pool exhausted";
            case OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException or ClientNotAvailableException
                or OrleansLifecycleCanceledException or InconsistentStateException or ReadModelUnavailableException:
                // SiloUnavailableException is a rejection; the rest: no gateway, a busy one, a
                // stopping client, two activations racing, the read model behind.
                return exception.GetType().Name;
            case AggregateException aggregate:
                return aggregate.InnerExceptions.Select(e => TransientCause(e, stopping, depth + 1)).FirstOrDefault(c => c is not null);
            case OrleansException when exception.InnerException is null:
                // The runtime failed without saying why (a cluster connectivity check, a lost
                // activation): the cluster's trouble.
                return exception.GetType().Name;
        }

        // A wrapper (OrleansException around a storage failure, HttpRequestException around a
        // socket): what it wraps decides.
        return exception.InnerException is { } inner ? TransientCause(inner, stopping, depth + 1) : null;
    }

    // A PostgreSQL "permission denied" in the exception or what it wraps — raised here, or in a
    // silo and carried across (a PostgresException, or only its type name and SQLSTATE).
    private static bool IsPermissionDenied(Exception exception, int depth) =>
        depth <= MaxDepth && exception switch
        {
            PostgresException when SqlState(exception) == InsufficientPrivilege => true,
            UnavailableExceptionFallbackException fallback when fallback.ExceptionType?.StartsWith($"{typeof(PostgresException).FullName},", StringComparison.Ordinal) == true
                && SqlState(fallback) == InsufficientPrivilege => true,
            AggregateException aggregate => aggregate.InnerExceptions.Any(e => IsPermissionDenied(e, depth + 1)),
            _ => exception.InnerException is { } inner && IsPermissionDenied(inner, depth + 1),
        };

    // The SQLSTATE of a PostgreSQL error; after crossing from a silo only Exception.Data holds it.
    private static string? SqlState(Exception exception) =>
        (exception as PostgresException)?.SqlState ?? exception.Data[nameof(PostgresException.SqlState)] as string;

    private static string? FallbackCause(UnavailableExceptionFallbackException fallback, bool stopping, int depth)
    {
        var type = fallback.ExceptionType ?? "";
        if (type.StartsWith($"{typeof(PostgresException).FullName},", StringComparison.Ordinal))
        {
            var sqlState = SqlState(fallback);
            return IsTransientSqlState(sqlState) ? $"{nameof(PostgresException)} {sqlState}" : null;
        }

        if (type.StartsWith("Npgsql.", StringComparison.Ordinal) || type.StartsWith("System.Net.Sockets.", StringComparison.Ordinal)
            || type.StartsWith("System.IO.", StringComparison.Ordinal) || type.StartsWith("System.TimeoutException", StringComparison.Ordinal))
        {
            return type.Split(',')[0];
        }

        return fallback.InnerException is { } inner ? TransientCause(inner, stopping, depth + 1) : null;
    }
}
