namespace Enlace.WebGateway.Statistics;

/// <summary>
/// Primary cell suppression (CTDC practice): a row counting fewer than k victims is left out.
/// Only the number of rows left out is told, never the victims in them: with one row left
/// out, that number would be the row's count.
/// </summary>
public static class KAnonymity
{
    /// <summary>The rows of at least <paramref name="k"/> victims, and how many rows were left out.</summary>
    public static (IReadOnlyList<VictimStatisticsRow> Rows, int Suppressed) Apply(IEnumerable<VictimStatisticsRow> cells, int k)
    {
        var shown = new List<VictimStatisticsRow>();
        var suppressed = 0;
        foreach (var cell in cells)
        {
            if (cell.Count >= k)
            {
                shown.Add(cell);
            }
            else
            {
                suppressed++;
            }
        }

        return (shown, suppressed);
    }
}
