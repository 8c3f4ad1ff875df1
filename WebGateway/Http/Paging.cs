namespace Enlace.WebGateway.Http;

/// <summary><c>?page=1&amp;pageSize=50</c> (at most 500), checked.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 500;

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

        problem = errors.Count == 0 ? null : Problems.Create(400, "Invalid paging.", errors);
        return problem is null;
    }

    /// <summary>This page of <paramref name="items"/>.</summary>
    public ListPage<T> Of<T>(IReadOnlyList<T> items) =>
        new([.. items.Skip((int)Math.Min(int.MaxValue, (long)(Page - 1) * PageSize)).Take(PageSize)], Page, PageSize, items.Count);
}
