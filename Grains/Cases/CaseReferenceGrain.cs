using System.Globalization;
using System.Text.RegularExpressions;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Cases;

namespace Enlace.Grains.Cases;

/// <summary>
/// Counts case references for one country and year. The counter is written before a
/// number is handed out, and a second activation (possible during membership changes)
/// cannot write over the first: its stale ETag is refused, so no number is given twice.
/// </summary>
public sealed partial class CaseReferenceGrain(
    [PersistentState("caseReference", StorageNames.Workflow)] IPersistentState<CaseReferenceState> state) : Grain, ICaseReferenceGrain
{
    /// <inheritdoc />
    public async Task<string> Next()
    {
        var key = this.GetPrimaryKeyString();
        if (!KeyFormat().IsMatch(key))
        {
            throw new ArgumentException($"A case reference counter is keyed COUNTRY-YEAR (e.g. PE-2026), not '{key}'.");
        }

        state.State.Last++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The number was not handed out; drop this activation so the next call
            // starts from the stored counter (a skipped number is harmless, a repeat is not).
            DeactivateOnIdle();
            throw;
        }

        return $"{key}-{state.State.Last.ToString("D6", CultureInfo.InvariantCulture)}";
    }

    [GeneratedRegex("^[A-Z]{2}-[0-9]{4}$")]
    private static partial Regex KeyFormat();
}
