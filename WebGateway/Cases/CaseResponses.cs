using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.WebGateway.Http;

namespace Enlace.WebGateway.Cases;

/// <summary>Turns a grain's answer into the HTTP response of the API contract.</summary>
public static class CaseResponses
{
    /// <summary>The response for <paramref name="result"/>; <paramref name="body"/> picks what a success returns.</summary>
    public static ApiResponse From(CaseResult result, Func<CaseView, (object Body, int Version)> body, Func<CaseView, string>? location = null) =>
        From(result.Outcome, result.Detail, result.Errors, result.PermittedTriggers, () => body(result.Case!),
            location is null ? null : () => location(result.Case!));

    /// <summary>The response for a grain's outcome; <paramref name="success"/> gives the body and version of a success.</summary>
    public static ApiResponse From(
        CaseOutcome outcome, string? detail, IDictionary<string, string[]>? errors, ImmutableArray<string> permittedTriggers,
        Func<(object Body, int Version)> success, Func<string>? location = null)
    {
        var permitted = permittedTriggers.IsDefault ? [] : permittedTriggers;
        switch (outcome)
        {
            case CaseOutcome.Ok or CaseOutcome.Created:
                var (value, version) = success();
                return new ApiResponse(
                    outcome == CaseOutcome.Created ? 201 : 200,
                    Json.Write(value),
                    "application/json",
                    outcome == CaseOutcome.Created && location is not null ? location() : null,
                    $"\"{version}\"");
            case CaseOutcome.NotFound:
                return Problems.Create(404, detail ?? "Not found.");
            case CaseOutcome.Forbidden:
                return Problems.Create(403, detail ?? "Not allowed.");
            case CaseOutcome.Invalid:
                return Problems.Create(400, detail ?? "Invalid request.", errors ?? new Dictionary<string, string[]>(), permittedTriggers.IsDefault ? null : permitted);
            case CaseOutcome.NotPermitted:
                return Problems.Create(409, detail ?? "Not permitted now.", permittedTriggers: permitted);
            case CaseOutcome.VersionMismatch:
                return Problems.Create(412, detail ?? "The version has changed.");
            case CaseOutcome.Gone:
                return Problems.Create(410, detail ?? "It no longer exists.");
            default:
                return Problems.Create(422, detail ?? "This Idempotency-Key was already used with another request.");
        }
    }

    /// <summary>The whole case, with the case's version.</summary>
    public static (object, int) Case(CaseView view) => (view, view.Version);

    /// <summary>One task of the case, with the task's version.</summary>
    public static Func<CaseView, (object, int)> Task(string? taskId) => view =>
    {
        var task = view.Tasks.Single(t => t.Id == taskId);
        return (task, task.Version);
    };
}
