using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Cases;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Upgrades;

/// <summary>Definition upgrades of running cases (administrators): <c>/api/v1/workflows/{id}/upgrades</c>.</summary>
public static class UpgradesApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapUpgradesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workflows").WithTags("Definition upgrades").RequireAuthorization();
        group.MapPost("/{id}/upgrades", Upgrade).WithName("UpgradeCases")
            .WithSummary("Moves the running cases of a workflow version (or the listed ones) to a newer version, or says what would happen (dryRun); administrators.")
            .Produces<UpgradeResponse>().ProducesProblem(403).ProducesCommandProblems();
        return group;
    }

    private static Task<IResult> Upgrade(HttpContext http, IClusterClient grains, string id, UpgradeRequest body, [FromServices] IdempotencyStore? store = null)
    {
        if (!http.User.ToCaller().Is(Caller.Admin))
        {
            return Task.FromResult(Problems.Create(403, "Only administrators move cases between workflow versions.").ToResult());
        }

        var errors = new Dictionary<string, string[]>();
        if (body.FromVersion is null)
        {
            errors["fromVersion"] = ["is required: the version the cases run on now"];
        }

        if (body.ToVersion is null)
        {
            errors["toVersion"] = ["is required: the version to move them to"];
        }

        if (body.DryRun is null)
        {
            errors["dryRun"] = ["is required: true to see what would happen, false to move the cases"];
        }

        foreach (var (old, target) in body.StateMap ?? [])
        {
            if (string.IsNullOrWhiteSpace(target))
            {
                errors[$"stateMap.{old}"] = ["needs the name of a state of the target version"];
            }
        }

        if (body.CaseIds is { } listed && listed.Any(c => c is null))
        {
            errors["caseIds"] = ["holds case ids, no nulls"];
        }

        if (errors.Count > 0)
        {
            return Task.FromResult(Problems.Create(400, "The upgrade request is invalid; nothing was changed.", errors).ToResult());
        }

        var spec = new UpgradeSpec(id, body.FromVersion!.Value, body.ToVersion!.Value,
            (body.StateMap ?? []).ToImmutableDictionary(p => p.Key, p => p.Value!), body.DryRun!.Value);
        ImmutableArray<string> caseIds = [.. (body.CaseIds ?? []).Select(c => c!)];
        return CommandRequest.RunAsync(http, store, body, async context =>
        {
            var report = await WorkflowUpgrades.RunAsync(grains, context, spec, caseIds, http.RequestAborted);
            return CaseResponses.From(report.Outcome, report.Detail, report.Errors, [], () => (UpgradeResponse.From(report), 0)) with { ETag = null };
        });
    }
}
