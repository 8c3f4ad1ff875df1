using Enlace.Grains.Interfaces.Reference;
using Enlace.WebGateway.Http;

namespace Enlace.WebGateway.Reference;

/// <summary>Countries, agencies, border points and workflow definitions: <c>/api/v1/countries</c>, <c>/agencies</c>, <c>/border-points</c>, <c>/workflows</c>.</summary>
public static class ReferenceApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Reference data").RequireAuthorization();
        group.MapGet("/countries", async (HttpContext http, IClusterClient grains) => Csv.Negotiate(http, await Reference(grains).GetCountries(), l => l, "paises"))
            .WithName("ListCountries").WithSummary("Countries configured, with their IANA time zone and locale.")
            .Produces<CountryInfo[]>().ProducesCsv();
        group.MapGet("/agencies", async (HttpContext http, IClusterClient grains) => Csv.Negotiate(http, await Reference(grains).GetAgencies(), l => l, "agencias"))
            .WithName("ListAgencies").WithSummary("Agencies configured.")
            .Produces<AgencyInfo[]>().ProducesCsv();
        group.MapGet("/border-points", BorderPoints).WithName("ListBorderPoints")
            .WithSummary("Border points configured, names in the caller's language: the values a case's borderPoint may take.")
            .Produces<BorderPointResponse[]>().ProducesCsv();
        group.MapGet("/workflows", async (HttpContext http, IClusterClient grains) => Csv.Negotiate(http, await Reference(grains).GetWorkflows(), l => l, "flujos"))
            .WithName("ListWorkflows").WithSummary("Workflow definitions loaded, every version.");
        group.MapGet("/workflows/{id}", GetWorkflow).WithName("GetWorkflow").WithSummary("A definition (newest version unless ?version=).")
            .Produces(200, contentType: "application/json").ProducesProblem(404);
        group.MapGet("/workflows/{id}/graph", GetGraph).WithName("GetWorkflowGraph").WithSummary("The state graph as Mermaid or DOT text.")
            .Produces<string>(200, "text/plain").ProducesProblem(400).ProducesProblem(404);
        return group;
    }

    private static async Task<IResult> BorderPoints(HttpContext http, IClusterClient grains)
    {
        var english = Language.PrefersEnglish(http.Request);
        var points = await Reference(grains).GetBorderPoints();
        BorderPointResponse[] body = [.. points.Select(b => new BorderPointResponse(b.Code, english ? b.NameEn : b.Name, [.. b.Countries]))];
        return Csv.Negotiate(http, body, l => l, "pasos-fronterizos");
    }

    private static async Task<IResult> GetWorkflow(IClusterClient grains, string id, int? version)
    {
        var json = await Reference(grains).GetWorkflowJson(id, version);
        return json is null ? NoSuchWorkflow() : TypedResults.Text(json, "application/json");
    }

    private static async Task<IResult> GetGraph(IClusterClient grains, string id, int? version, string? format)
    {
        format ??= "mermaid";
        if (format is not ("mermaid" or "dot"))
        {
            return Problems.Create(400, "Invalid format.", new Dictionary<string, string[]> { ["format"] = ["mermaid or dot"] }).ToResult();
        }

        var graph = await Reference(grains).GetWorkflowGraph(id, version, format);
        return graph is null ? NoSuchWorkflow() : TypedResults.Text(graph, "text/plain");
    }

    private static IResult NoSuchWorkflow() => Problems.Create(404, "No such workflow definition.").ToResult();

    private static IReferenceDataGrain Reference(IClusterClient grains) => grains.GetGrain<IReferenceDataGrain>(0);
}
