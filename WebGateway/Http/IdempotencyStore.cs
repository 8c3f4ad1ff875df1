using Npgsql;

namespace Enlace.WebGateway.Http;

/// <summary>
/// Remembers command responses by (user, Idempotency-Key) in PostgreSQL for 24 h. The first
/// request claims the key; a retry with the same request gets the stored response; another
/// request with the key gets 422; a retry while the first still runs gets 409. A claim whose
/// gateway died before storing the response is taken over after <c>Api:AbandonedClaimAfter</c>
/// (default 2 minutes); taking one over early is safe, since the grain applies a key once too.
/// </summary>
public sealed partial class IdempotencyStore(NpgsqlDataSource database, IConfiguration configuration, ILogger<IdempotencyStore> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly TimeSpan _abandoned = configuration.GetValue("Api:AbandonedClaimAfter", TimeSpan.FromMinutes(2));

    /// <summary>What claiming a key found.</summary>
    public enum ClaimOutcome
    {
        /// <summary>The key is ours: run the command.</summary>
        Claimed,

        /// <summary>A finished response exists for the same request.</summary>
        Replay,

        /// <summary>The key was used with another request.</summary>
        Mismatch,

        /// <summary>The first request with this key is still running.</summary>
        InProgress,
    }

    /// <summary>Claims <paramref name="key"/> for <paramref name="userId"/>, or says why not.</summary>
    public async Task<(ClaimOutcome Outcome, ApiResponse? Response)> ClaimAsync(string userId, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var claim = new NpgsqlCommand("""
            INSERT INTO enlace_http_idempotency (user_id, key, request_hash) VALUES (@user, @key, @hash)
            ON CONFLICT (user_id, key) DO UPDATE
                SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL, location = NULL, etag = NULL, created_at = now()
                WHERE enlace_http_idempotency.created_at < now() - @window
                   OR (enlace_http_idempotency.status IS NULL AND enlace_http_idempotency.created_at < now() - @abandoned
                       AND enlace_http_idempotency.request_hash = EXCLUDED.request_hash)
            RETURNING 1
            """, connection);
        claim.Parameters.AddWithValue("user", userId);
        claim.Parameters.AddWithValue("key", key);
        claim.Parameters.AddWithValue("hash", requestHash);
        claim.Parameters.AddWithValue("window", Window);
        claim.Parameters.AddWithValue("abandoned", _abandoned);
        if (await claim.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return (ClaimOutcome.Claimed, null);
        }

        await using var read = new NpgsqlCommand(
            "SELECT request_hash, status, body, location, etag FROM enlace_http_idempotency WHERE user_id = @user AND key = @key", connection);
        read.Parameters.AddWithValue("user", userId);
        read.Parameters.AddWithValue("key", key);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (ClaimOutcome.InProgress, null);
        }

        if (reader.GetString(0) != requestHash)
        {
            return (ClaimOutcome.Mismatch, null);
        }

        return reader.IsDBNull(1)
            ? (ClaimOutcome.InProgress, null)
            : (ClaimOutcome.Replay, new ApiResponse(reader.GetInt32(1), reader.GetString(2), reader.GetInt32(1) >= 400 ? Problems.MediaType : "application/json",
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
    }

    /// <summary>Stores the response of a claimed key.</summary>
    public async Task CompleteAsync(string userId, string key, ApiResponse response, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "UPDATE enlace_http_idempotency SET status = @status, body = @body, location = @location, etag = @etag WHERE user_id = @user AND key = @key");
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("status", response.Status);
        command.Parameters.AddWithValue("body", response.Body);
        command.Parameters.AddWithValue("location", (object?)response.Location ?? DBNull.Value);
        command.Parameters.AddWithValue("etag", (object?)response.ETag ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Releases a claimed key whose command failed before answering, so that a retry runs it.
    /// When the database is away too the claim stays, and a retry takes it over once it counts
    /// as abandoned; the caller's own failure, not this one, is what the client hears about.
    /// </summary>
    public async Task ReleaseAsync(string userId, string key)
    {
        try
        {
            await using var command = database.CreateCommand("DELETE FROM enlace_http_idempotency WHERE user_id = @user AND key = @key AND status IS NULL");
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            LogReleaseFailed(e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing an idempotency claim failed ({Exception}); a retry takes it over once abandoned")]
    private partial void LogReleaseFailed(string exception);
}
