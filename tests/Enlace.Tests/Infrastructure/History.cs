using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Cases;
using Enlace.WebGateway.Http;
using Npgsql;

namespace Enlace.Tests.Infrastructure;

/// <summary>Reads a case's audit trail the way the gateway does: the grain flushes and scopes, the read model answers.</summary>
public static class History
{
    /// <summary>Every event of case <paramref name="caseId"/> that <paramref name="caller"/> may read; null when the case is invisible to them.</summary>
    public static async Task<ImmutableArray<AuditEventView>?> ReadAsync(IGrainFactory grains, string connectionString, string caseId, Caller caller)
    {
        var scope = await grains.GetGrain<ICaseGrain>(caseId).OpenHistory(caller);
        if (scope is null)
        {
            return null;
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        var page = await new CaseHistory(database).PageAsync(caseId, scope, new Paging(1, Paging.MaxPageSize), after: null, CancellationToken.None);
        return [.. page.Items];
    }
}
