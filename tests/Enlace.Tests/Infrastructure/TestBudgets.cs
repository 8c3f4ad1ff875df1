using Microsoft.AspNetCore.Hosting;

namespace Enlace.Tests.Infrastructure;

/// <summary>Request budgets no test run reaches: suites sign in and read far more often than a person.</summary>
public static class TestBudgets
{
    private const string Unreachable = "100000";

    /// <summary>Lifts every rate limit of the gateway (tests of a budget lower the one they test again).</summary>
    public static IWebHostBuilder WithUnreachableBudgets(this IWebHostBuilder web) => web
        .UseSetting("Auth:TokenRequestsPerMinute", Unreachable)
        .UseSetting("Api:RequestsPerMinute", Unreachable)
        .UseSetting("Api:Budgets:Anonymous", Unreachable)
        .UseSetting("Api:Budgets:IdentityReads", Unreachable)
        .UseSetting("Api:Budgets:Exports", Unreachable)
        .UseSetting("Api:Budgets:Verifications", Unreachable);
}
