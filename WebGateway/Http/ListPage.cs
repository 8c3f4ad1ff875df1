namespace Enlace.WebGateway.Http;

/// <summary>A page of a list: <c>{items, page, pageSize, total}</c>.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
