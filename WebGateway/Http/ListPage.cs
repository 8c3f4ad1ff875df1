using System.Text.Json.Serialization;

namespace Enlace.WebGateway.Http;

/// <summary>
/// A page of a list: <c>{items, page, pageSize, total}</c>, and <c>next</c> — the cursor for
/// <c>?after=</c> — on the lists that take one while more items follow. <c>totalIsExact</c> is
/// false where the list counted only up to <see cref="Paging.CountLimit"/> items: there are more.
/// </summary>
public sealed record ListPage<T>(
    IReadOnlyList<T> Items, int Page, int PageSize, int Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Next = null,
    bool TotalIsExact = true);
