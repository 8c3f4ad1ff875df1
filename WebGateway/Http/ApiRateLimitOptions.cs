namespace Enlace.WebGateway.Http;

/// <summary>Request budgets per minute (configuration section <c>Api</c>; the route budgets under <c>Api:Budgets</c>).</summary>
public sealed class ApiRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Api";

    /// <summary>Every <c>/api</c> request of one user (or, before sign-in, one address).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>The route budgets, each counted on top of <see cref="RequestsPerMinute"/>.</summary>
    public RouteBudgets Budgets { get; set; } = new();

    /// <summary>The budget of <paramref name="budget"/>.</summary>
    public int PerMinute(RateBudget budget) => budget switch
    {
        RateBudget.Anonymous => Budgets.Anonymous,
        RateBudget.IdentityReads => Budgets.IdentityReads,
        RateBudget.Exports => Budgets.Exports,
        _ => Budgets.Verifications,
    };

    /// <summary>Throws with the setting's name when a budget is not positive.</summary>
    public void Validate()
    {
        if (RequestsPerMinute < 1)
        {
            throw new InvalidOperationException("Api:RequestsPerMinute must be 1 or more.");
        }

        foreach (var budget in Enum.GetValues<RateBudget>().Where(b => PerMinute(b) < 1))
        {
            throw new InvalidOperationException($"Api:Budgets:{budget} must be 1 or more.");
        }
    }

    /// <summary>Route budgets per minute.</summary>
    public sealed class RouteBudgets
    {
        /// <summary>Requests without a token, per address (sign-in, configuration, a bad token).</summary>
        public int Anonymous { get; set; } = 120;

        /// <summary>Identity reads per user.</summary>
        public int IdentityReads { get; set; } = 30;

        /// <summary>CSV exports per user.</summary>
        public int Exports { get; set; } = 30;

        /// <summary>Audit chain verifications per user.</summary>
        public int Verifications { get; set; } = 10;
    }
}
