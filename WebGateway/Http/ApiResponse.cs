namespace Enlace.WebGateway.Http;

/// <summary>
/// A command's response as data — status, JSON body, Location and ETag — so that it can
/// be stored for idempotent replay and written the same way the first time and after.
/// </summary>
public sealed record ApiResponse(int Status, string Body, string ContentType, string? Location = null, string? ETag = null)
{
    /// <summary>Writes the response.</summary>
    public IResult ToResult() => new StoredResult(this);

    private sealed class StoredResult(ApiResponse response) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            if (response.Location is not null)
            {
                context.Response.Headers.Location = response.Location;
            }

            if (response.ETag is not null)
            {
                context.Response.Headers.ETag = response.ETag;
            }

            return context.Response.WriteAsync(response.Body);
        }
    }
}
