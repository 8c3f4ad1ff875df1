using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Microsoft.Extensions.Logging;

namespace Enlace.Grains.Cases;

/// <summary>What every command shares: refusals, idempotent replay, audit events and the single write.</summary>
public sealed partial class CaseGrain
{
    private CaseResult? Refuse(CommandContext context, CaseAccess access, string fingerprint, int currentVersion)
    {
        if (!Case.IsOpen || !access.CanSee)
        {
            return NotFound();
        }

        if (Replay(context, fingerprint, access) is { } replay)
        {
            return replay;
        }

        return context.ExpectedVersion is { } expected && expected != currentVersion
            ? new CaseResult(CaseOutcome.VersionMismatch, Detail: $"The version is {currentVersion}, not {expected}: reload and try again.")
            : null;
    }

    // A caller who sees the case but holds no capacity in it (a manager; an agency whose part ended) only looks.
    private static CaseResult? ReadOnly(CaseAccess access, string what = "change it") =>
        access.Capacities.Count > 0 ? null
            : new CaseResult(CaseOutcome.Forbidden, Detail: access.EndedPart is { } ended
                ? $"You may look at this case but not {what}: {ended}."
                : $"You may look at this case but not {what}.");

    private CaseResult? Replay(CommandContext context, string fingerprint, CaseAccess access)
    {
        if (IdempotencyLog.Find(Case.Idempotency, context, time.GetUtcNow()) is not { } record)
        {
            return null;
        }

        return record.Fingerprint != fingerprint
            ? new CaseResult(CaseOutcome.IdempotencyConflict, Detail: "This Idempotency-Key was already used with another request.")
            : new CaseResult(record.Created ? CaseOutcome.Created : CaseOutcome.Ok, View(access, time.GetUtcNow()), TaskId: record.CreatedId, Replayed: true, Code: record.CreatedId);
    }

    private void Append(
        Caller caller, DateTimeOffset at, string kind, string? trigger = null, string? from = null, string? to = null, string? taskId = null, string? note = null,
        string? subject = null, string? decisionRef = null)
    {
        var e = AuditEventRecord.Next(Case.LastEventSeq, Case.LastEventHash, caller, at, kind, trigger, from, to, taskId, note, subject, decisionRef);
        Case.Events.Add(e);
        Case.LastEventSeq = e.Seq;
        Case.LastEventHash = e.Hash;
    }

    private async Task CommitAsync(CommandContext context, string? fingerprint, DateTimeOffset now, bool created = false, string? createdId = null)
    {
        IdempotencyLog.Remember(Case.Idempotency, context, fingerprint, now, created, createdId);

        // Events the read model holds leave the outbox, so a write carries only what is new
        // and the state does not grow with the history.
        Case.Events.RemoveAll(e => e.Seq <= _projectedSeq);
        Case.Version++;
        Case.UpdatedAt = now;
        try
        {
            await ScheduleDeadlineAsync(now, afterWrite: false);
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // The command changed the state in memory only. Drop this activation so that
            // the next call starts from what storage holds, and let the caller retry.
            LogWriteFailed(e, CaseId);
            DeactivateOnIdle();
            await ReloadQuietlyAsync();
            throw;
        }

        await ProjectQuietlyAsync();
    }

    // The state is durable; the read model follows. A failure here only delays it: the
    // next command, activation or sweep of this case projects the state again.
    private async Task ProjectQuietlyAsync()
    {
        try
        {
            await ProjectAsync();
        }
        catch (Exception e)
        {
            LogProjectionFailed(e, CaseId);
        }
    }

    private async Task ProjectAsync()
    {
        if (!Case.IsOpen || _projectedVersion == Case.Version)
        {
            return;
        }

        await projection.ProjectAsync(CaseId, Case, StorageVersion(), _projectedSeq, _projectedTasks, _projectedVictims);
        MarkProjected();
    }

    // The read model holds the state as it is now (its events, its tasks and victims at their versions).
    private void MarkProjected()
    {
        _projectedVersion = Case.Version;
        _projectedSeq = Case.LastEventSeq;
        foreach (var task in Case.Tasks)
        {
            _projectedTasks[task.Id] = task.Version;
        }

        foreach (var victim in Case.Victims)
        {
            _projectedVictims[victim.Code] = victim.Version;
        }
    }

    // A projection is one transaction that also records the storage version it came from,
    // so an equal (or newer) recorded version means the read model has all of this state.
    private async Task<bool> ReadModelHoldsStateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await projection.ProjectedStorageVersionAsync(CaseId, cancellationToken) >= StorageVersion();
        }
        catch (Exception e)
        {
            LogProjectionFailed(e, CaseId);
            return false;
        }
    }

    // The storage provider's ETag is the row version of orleans_grain_state; the sweeper
    // compares it with the version the read model last received.
    private int StorageVersion() => int.TryParse(state.Etag, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : 0;

    private async Task ReloadQuietlyAsync()
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception e)
        {
            LogReloadFailed(e, CaseId);
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static CaseResult NotFound() => new(CaseOutcome.NotFound, Detail: "No such case.");

    private static CaseResult Invalid(CaseInput input) =>
        new(CaseOutcome.Invalid, Detail: "The request has invalid fields; nothing was changed.", Errors: input.Errors.ToImmutableDictionary());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing case {CaseId} failed; the activation is dropped")]
    private partial void LogWriteFailed(Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projecting case {CaseId} into the read model failed; the next command or activation retries")]
    private partial void LogProjectionFailed(Exception exception, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading case {CaseId} after a failed write failed too")]
    private partial void LogReloadFailed(Exception exception, string caseId);
}
