namespace Enlace.WebGateway.Http;

/// <summary>
/// A route class with a request budget of its own, tighter than the general one: what is costly
/// to serve (a re-hashed trail, a whole CSV page) or sensitive to repeat (identity reads), and
/// what anyone can call before signing in.
/// </summary>
public enum RateBudget
{
    /// <summary>Requests without a valid token, per client address.</summary>
    Anonymous,

    /// <summary>Reads of a victim's or perpetrator's identity, per user.</summary>
    IdentityReads,

    /// <summary>Lists and dashboards asked for as CSV (<c>Accept: text/csv</c>), per user.</summary>
    Exports,

    /// <summary>Re-computations of an audit trail's hash chain, per user.</summary>
    Verifications,
}
