using System.Net.Sockets;
using System.Text.Json;
using Enlace.WebGateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Enlace.Tests.Gateway;

/// <summary>What the exception handler writes for each kind of failure.</summary>
public sealed class UnavailableExceptionHandlerTests
{
    [Fact]
    public async Task AnAbsentDatabaseIsAnswered503WithRetryAfterAndAProblem()
    {
        var context = Context();

        var handled = await Handler().TryHandleAsync(context, new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), default);

        Assert.True(handled);
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal(UnavailableExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter.ToString());
        Assert.Equal(Problems.MediaType, context.Response.ContentType);
        using var problem = JsonDocument.Parse(Body(context));
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Temporarily unavailable", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ABugIsLeftToTheFrameworkWhichLogsItAndAnswersA500Problem()
    {
        var context = Context();

        var handled = await Handler().TryHandleAsync(context, new InvalidOperationException("Sequence contains no elements"), default);

        Assert.False(handled);
        Assert.Equal("", Body(context));
    }

    [Fact]
    public async Task APermissionDeniedIsA500ProblemAndAnErrorLineThatNamesTheDeploymentFault()
    {
        var context = Context();
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/cases";
        using var logs = new Enlace.Tests.Infrastructure.LogCapture();
        var handler = new UnavailableExceptionHandler(new Logger<UnavailableExceptionHandler>(new LoggerFactory([logs])), new RunningLifetime());

        var handled = await handler.TryHandleAsync(context, new PostgresException("permission denied for table rm_cases", "ERROR", "ERROR", "42501"), default);

        Assert.True(handled);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal(Problems.MediaType, context.Response.ContentType);
        using var problem = JsonDocument.Parse(Body(context));
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("rm_cases", Body(context), StringComparison.Ordinal);
        var line = Assert.Single(logs.Lines);
        Assert.Contains("PostgresException 42501 (permission denied) on GET /api/v1/cases: a database role lacks a grant", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientThatLeftIsNotAnswered()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = Context();
        context.RequestAborted = aborted.Token;

        var handled = await Handler().TryHandleAsync(context, new TaskCanceledException(), default);

        Assert.True(handled);
        Assert.Equal(499, context.Response.StatusCode);
        Assert.Equal("", Body(context));
    }

    private static UnavailableExceptionHandler Handler() => new(NullLogger<UnavailableExceptionHandler>.Instance, new RunningLifetime());

    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/cases/c0123456789abcdef0123456789abcdef/notes";
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return new StreamReader(context.Response.Body).ReadToEnd();
    }

    private sealed class RunningLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
