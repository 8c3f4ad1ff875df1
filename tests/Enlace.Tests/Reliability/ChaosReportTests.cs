using System.Net;
using System.Net.Http.Headers;
using Enlace.Bench.Chaos;

namespace Enlace.Tests.Reliability;

/// <summary>The chaos verdict fails on any 500 and on a 503 that does not say when to retry.</summary>
public sealed class ChaosReportTests
{
    [Fact]
    public void AReportWithOnly2xxAnd503sWithRetryAfterPasses()
    {
        var report = Clean();
        report.Answered("POST /api/v1/cases/c1/notes", Response(HttpStatusCode.OK));
        report.Answered("POST /api/v1/cases/c1/notes", Response(HttpStatusCode.ServiceUnavailable, retryAfter: true, problem: true), "{}");

        Assert.True(report.Passed, report.Markdown());
    }

    [Fact]
    public void One500FailsTheRunAndIsListedWithItsRoute()
    {
        var report = Clean();
        report.Answered("POST /api/v1/cases/c1/notes", Response(HttpStatusCode.InternalServerError, problem: true), "{\"status\":500}");

        Assert.False(report.Passed);
        Assert.Equal(1, report.InternalServerErrors);
        Assert.StartsWith("FAIL", report.Verdict, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/cases/c1/notes: 500", report.Markdown(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A503WithoutRetryAfterOrWithoutAProblemBodyFailsTheRun(bool retryAfter, bool problem)
    {
        var report = Clean();
        report.Answered("GET /api/v1/cases", Response(HttpStatusCode.ServiceUnavailable, retryAfter, problem));

        Assert.False(report.Passed);
        Assert.Single(report.ServerErrors);
    }

    // A run where everything else went right.
    private static ChaosReport Clean() => new() { Cases = 1, ChainsVerified = 1, ReadModelEqual = 1 };

    private static HttpResponseMessage Response(HttpStatusCode status, bool retryAfter = false, bool problem = false)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(problem ? "application/problem+json" : "application/json");
        if (retryAfter)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
        }

        return response;
    }
}
