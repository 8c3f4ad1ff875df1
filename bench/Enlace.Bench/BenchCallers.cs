using Enlace.Grains.Interfaces.Security;

namespace Enlace.Bench;

/// <summary>The callers the benchmarks act as: a Peruvian coordinator, an officer of the agency the trafficking workflow assigns first, a manager of both countries.</summary>
public static class BenchCallers
{
    /// <summary>Coordinator of the Peruvian technical secretariat (opens cases, reopens tasks).</summary>
    public static readonly Caller Coordinator = new("bench-coord", "Coordinación", [Caller.Coordinator], "PE-CMNP-ST", ["PE"]);

    /// <summary>Officer of the police unit the first task goes to.</summary>
    public static readonly Caller Police = new("bench-police", "Policía", [Caller.Agent], "PE-PNP-DIRCTPTIM", ["PE"]);

    /// <summary>A manager of both countries, who may read every case (administrators see no case content).</summary>
    public static readonly Caller Reader = new("bench-manager", "Gestión", [Caller.Manager], null, ["BO", "PE"]);
}
