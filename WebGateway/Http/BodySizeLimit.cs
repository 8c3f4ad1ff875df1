namespace Enlace.WebGateway.Http;

/// <summary>
/// Bodies over 1 MiB are refused with 413 before anything reads them: by their declared
/// length here (whatever the server), and by Kestrel's own limit for streamed bodies.
/// </summary>
public static class BodySizeLimit
{
    /// <summary>The largest body accepted.</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Adds the check to the pipeline.</summary>
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBytes)
            {
                await Problems.Create(413, $"The request body is larger than {MaxBytes / 1024} KiB.").ToResult().ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
