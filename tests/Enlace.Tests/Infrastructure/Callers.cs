using Enlace.Grains.Interfaces.Security;

namespace Enlace.Tests.Infrastructure;

/// <summary>Callers of every kind, for tests.</summary>
public static class Callers
{
    /// <summary>A coordinator of the technical secretariat of <paramref name="country"/>.</summary>
    public static Caller Coordinator(string country = "PE") =>
        new($"coord-{country.ToLowerInvariant()}", $"Coordinación {country}", [Caller.Coordinator], country == "PE" ? "PE-CMNP-ST" : "BO-CPTT-ST", [country]);

    /// <summary>An officer of <paramref name="agency"/>.</summary>
    public static Caller Agent(string agency) =>
        new($"agent-{agency.ToLowerInvariant()}", $"Oficial {agency}", [Caller.Agent], agency, [agency[..2]]);

    /// <summary>A manager of <paramref name="country"/>.</summary>
    public static Caller Manager(string country = "PE") =>
        new($"manager-{country.ToLowerInvariant()}", $"Gestión {country}", [Caller.Manager], null, [country]);

    /// <summary>An administrator.</summary>
    public static Caller Admin() => new("admin", "Administración", [Caller.Admin], null, ["PE", "BO"]);
}
