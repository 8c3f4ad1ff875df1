using System.Collections.Immutable;
using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Roadmaps;

namespace Enlace.Tests.Roadmaps;

/// <summary>The fingerprint that tells a retry from another command must not depend on the process that computes it.</summary>
public sealed class FingerprintTests
{
    [Fact]
    public void AProgressReportHasOneFingerprintWhateverOrderItsIndicatorsEnumerateIn()
    {
        var values = new Dictionary<string, decimal> { ["victimas-asistidas"] = 12, ["operativos"] = 3, ["capacitaciones"] = 7.5m, ["alertas"] = 0 };
        // Another process hashes strings differently: other comparers give other enumeration orders.
        var here = new ProgressReportCommand(values.ToImmutableDictionary(StringComparer.Ordinal), 40, "Avance del trimestre");
        var elsewhere = new ProgressReportCommand(values.ToImmutableDictionary(new OtherHashes()), 40, "Avance del trimestre");
        Assert.NotEqual(here.IndicatorValues.Keys, elsewhere.IndicatorValues.Keys);

        Assert.Equal(Fingerprint.Of("report", here), Fingerprint.Of("report", elsewhere));
        Assert.NotEqual(Fingerprint.Of("report", here), Fingerprint.Of("report", here with { IndicatorValues = here.IndicatorValues.SetItem("operativos", 4) }));
        Assert.NotEqual(Fingerprint.Of("report", here), Fingerprint.Of("report", here with { IndicatorValues = here.IndicatorValues.Remove("alertas") }));
    }

    private sealed class OtherHashes : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string value) => value.Length * 7919 + value[^1];
    }
}
