namespace Enlace.WebGateway.Http;

/// <summary>
/// <c>?page=1&amp;pageSize=50</c>, checked: a page holds at most 500 items, and no page reaches
/// past the 10,000th item of a list — an <c>OFFSET</c> makes PostgreSQL read and discard every
/// row before the page, so a deep page costs what the whole list costs.
/// </summary>
public readonly record struct Paging(int Page, int PageSize)
{
    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 500;

    /// <summary>How deep a list may be paged: <c>(page − 1) × pageSize + pageSize</c> at most this.</summary>
    public const int MaxDepth = 10_000;

    /// <summary>
    /// The most rows a list counts for its <c>total</c> where no counter knows it: past this the
    /// total says so (<c>totalIsExact: false</c>) instead of counting millions of rows.
    /// </summary>
    public const int CountLimit = 10_000;

    /// <summary>The number of rows skipped before this page (none after a cursor).</summary>
    public long Offset => After is null ? (long)(Page - 1) * PageSize : 0;

    /// <summary>Where a keyset page starts: the previous page's <c>next</c>, read back; null for page mode.</summary>
    public ListCursor? After { get; init; }

    /// <summary>
    /// Reads <c>page</c>, <c>pageSize</c> and <c>after</c> of a list that pages by cursor too: <paramref name="after"/>
    /// must be a <c>next</c> this list gave for the same <paramref name="filter"/>, and comes without a page.
    /// </summary>
    public static bool TryRead(int? page, int? pageSize, string? after, string list, string filter, out Paging paging, out ApiResponse? problem)
    {
        ListCursor? cursor = null;
        if (!string.IsNullOrEmpty(after) && (page is not (null or 1) || !ListCursor.TryRead(after, list, filter, out cursor)))
        {
            paging = default;
            problem = Problems.Create(400,
                "This after is not a position in this list: pass the next of the previous page unchanged, with the same filters and without page, or start again without after.",
                new Dictionary<string, string[]> { ["after"] = ["the next value of the previous page of this list with the same filters, without page"] });
            return false;
        }

        if (!TryRead(page, pageSize, out paging, out problem))
        {
            return false;
        }

        paging = paging with { After = cursor };
        return true;
    }

    /// <summary>Reads the query values, or a 400 problem naming the bad one.</summary>
    public static bool TryRead(int? page, int? pageSize, out Paging paging, out ApiResponse? problem)
    {
        paging = new Paging(page ?? 1, pageSize ?? 50);
        var errors = new Dictionary<string, string[]>();
        if (paging.Page < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }

        if (paging.PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        }

        if (errors.Count == 0 && paging.Offset + paging.PageSize > MaxDepth)
        {
            errors["page"] = [FormattableString.Invariant($"page × pageSize must be at most {MaxDepth} (this page would end at item {paging.Offset + paging.PageSize})")];
            problem = Problems.Create(400,
                "Lists are served by page only up to their 10,000th item. Narrow the filter (a state, a country, an agency, a search) so that what you look for is nearer the top, or page on with ?after= (the next of the previous page) where the list gives one.",
                errors);
            return false;
        }

        problem = errors.Count == 0 ? null : Problems.Create(400, "Invalid paging.", errors);
        return problem is null;
    }

    /// <summary>This page of <paramref name="items"/>.</summary>
    public ListPage<T> Of<T>(IReadOnlyList<T> items) =>
        new([.. items.Skip((int)Math.Min(int.MaxValue, Offset)).Take(PageSize)], Page, PageSize, items.Count);
}
