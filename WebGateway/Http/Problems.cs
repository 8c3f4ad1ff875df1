using Microsoft.AspNetCore.Mvc;

namespace Enlace.WebGateway.Http;

/// <summary>RFC 9457 problem details as stored-able responses.</summary>
public static class Problems
{
    /// <summary>The media type of problem details.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>503 where the read model is needed but the setup has none (Cluster:Localhost).</summary>
    public static IResult NoReadModel() => Create(503, "No read model in this setup (Cluster:Localhost).").ToResult();

    /// <summary>The problem of a bodiless error answer (a challenge, an unknown route, an unsupported media type).</summary>
    public static ApiResponse ForStatus(int status) => Create(status, status switch
    {
        401 => "No valid bearer token: sign in again.",
        403 => "Your roles do not allow this.",
        404 => "No such address or object.",
        405 => "This address does not accept that method.",
        406 => "The Accept header names no media type this address answers.",
        415 => "Send the body as application/json.",
        _ => "The request could not be handled.",
    });

    /// <summary>A problem response.</summary>
    public static ApiResponse Create(
        int status, string detail, IDictionary<string, string[]>? errors = null, IEnumerable<string>? permittedTriggers = null)
    {
        var problem = errors is null ? new ProblemDetails() : new ValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = Title(status);
        problem.Type = status == 429 ? "https://www.rfc-editor.org/rfc/rfc6585#section-4" : $"https://www.rfc-editor.org/rfc/rfc9110#section-{Section(status)}";
        problem.Detail = detail;

        // The request's trace: a user's error report leads an operator to it (as the framework's own problems do).
        if (System.Diagnostics.Activity.Current?.Id is { } traceId)
        {
            problem.Extensions["traceId"] = traceId;
        }
        if (permittedTriggers is not null)
        {
            problem.Extensions["permittedTriggers"] = permittedTriggers.ToArray();
        }

        return new ApiResponse(status, Json.Write<object>(problem), MediaType);
    }

    private static string Title(int status) => status switch
    {
        400 => "The request is invalid",
        401 => "Not signed in",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Method not allowed",
        406 => "Not acceptable",
        415 => "Unsupported media type",
        409 => "Not permitted now",
        410 => "Gone for good",
        412 => "The version has changed",
        413 => "The request is too large",
        429 => "Too many requests",
        422 => "Idempotency-Key reused with another request",
        503 => "Temporarily unavailable",
        _ => "Error",
    };

    private static string Section(int status) => status switch
    {
        400 => "15.5.1",
        401 => "15.5.2",
        403 => "15.5.4",
        404 => "15.5.5",
        405 => "15.5.6",
        406 => "15.5.7",
        415 => "15.5.16",
        409 => "15.5.10",
        410 => "15.5.11",
        412 => "15.5.13",
        413 => "15.5.14",
        422 => "15.5.21",
        503 => "15.6.4",
        _ => "15",
    };
}
