using Enlace.Grains.Interfaces.Security;

namespace Enlace.Bench;

/// <summary>The callers the benchmarks act as: a Peruvian coordinator, an officer of the agency the trafficking workflow assigns first, an administrator.</summary>
public static class BenchCallers
{
    /// <summary>Coordinator of the Peruvian technical secretariat (opens cases, reopens tasks).</summary>
    public static readonly Caller Coordinator = new("bench-coord", "Coordinación", [Caller.Coordinator], "PE-CMNP-ST", ["PE"]);

    /// <summary>Officer of the police unit the first task goes to.</summary>
    public static readonly Caller Police = new("bench-police", "Policía", [Caller.Agent], "PE-PNP-DIRCTPTIM", ["PE"]);

    /// <summary>An administrator, who may read every case.</summary>
    public static readonly Caller Admin = new("bench-admin", "Administración", [Caller.Admin], null, ["BO", "PE"]);
}
