using Enlace.Grains.Interfaces.Cases;
using Enlace.WebGateway.Http;

namespace Enlace.WebGateway.Cases;

/// <summary>Turns a grain's answer into the HTTP response of the API contract.</summary>
public static class CaseResponses
{
    /// <summary>The response for <paramref name="result"/>; <paramref name="body"/> picks what a success returns.</summary>
    public static ApiResponse From(CaseResult result, Func<CaseView, (object Body, int Version)> body, Func<CaseView, string>? location = null)
    {
        var permitted = result.PermittedTriggers.IsDefault ? [] : result.PermittedTriggers;
        switch (result.Outcome)
        {
            case CaseOutcome.Ok or CaseOutcome.Created:
                var (value, version) = body(result.Case!);
                return new ApiResponse(
                    result.Outcome == CaseOutcome.Created ? 201 : 200,
                    Json.Write(value),
                    "application/json",
                    result.Outcome == CaseOutcome.Created && location is not null ? location(result.Case!) : null,
                    $"\"{version}\"");
            case CaseOutcome.NotFound:
                return Problems.Create(404, result.Detail ?? "Not found.");
            case CaseOutcome.Forbidden:
                return Problems.Create(403, result.Detail ?? "Not allowed.");
            case CaseOutcome.Invalid:
                return Problems.Create(400, result.Detail ?? "Invalid request.", (IDictionary<string, string[]>?)result.Errors ?? new Dictionary<string, string[]>(), result.PermittedTriggers.IsDefault ? null : permitted);
            case CaseOutcome.NotPermitted:
                return Problems.Create(409, result.Detail ?? "Not permitted now.", permittedTriggers: permitted);
            case CaseOutcome.VersionMismatch:
                return Problems.Create(412, result.Detail ?? "The version has changed.");
            default:
                return Problems.Create(422, result.Detail ?? "This Idempotency-Key was already used with another request.");
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
