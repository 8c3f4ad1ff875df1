using Enlace.Grains.Interfaces.Hosting;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Commands;
using Enlace.Silo.Database;
using Enlace.Silo.Demo;
using Enlace.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
var options = command == "run" ? args : args[1..];
var keepV1 = command == "seed-demo" && options.Contains("--keep-v1");
options = [.. options.Where(o => o != "--keep-v1")];
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = options, ContentRootPath = AppContext.BaseDirectory });

WorkflowCatalog catalog;
try
{
    catalog = WorkflowCatalog.LoadDirectory(builder.Configuration["Workflows:Path"] ?? Enlace.Grains.Hosting.GrainServiceCollectionExtensions.DefaultWorkflowsPath);
}
catch (InvalidDefinitionException e)
{
    Console.Error.WriteLine("The silo refuses to start: " + e.Message);
    return 1;
}

switch (command)
{
    case "run":
        await MigrateIfConfiguredAsync(builder.Configuration);
        await SiloHost.RunAsync(options, builder.Configuration, catalog);
        return 0;
    case "migrate":
        var applied = await MigrateIfConfiguredAsync(builder.Configuration)
            ?? throw new InvalidOperationException($"migrate needs ConnectionStrings:{ClusterSettings.ConnectionStringName}.");
        Console.WriteLine(applied.Count == 0 ? "Database is up to date." : $"Applied: {string.Join(", ", applied)}");
        return 0;
    case "roles":
        return await RolesCommand.RunAsync(builder.Configuration, options);
    case "graph":
        return GraphCommand.Run(catalog, options);
    case "seed-demo":
        return await SeedDemoCommand.RunAsync(builder.Configuration, catalog, upgrade: !keepV1);
    case "upgrade":
        return await UpgradeCommand.RunAsync(builder.Configuration, catalog, options);
    case "certificates":
        return CertificatesCommand.Run(options);
    case "validate":
        Console.WriteLine($"{catalog.All.Count} definitions, {catalog.Reference.Countries.Count} countries, {catalog.Reference.Agencies.Count} agencies and {catalog.Reference.BorderPoints.Count} border points are valid.");
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{command}'. Commands: run (default), migrate, roles --silo-password-file F --gateway-password-file G, seed-demo, graph <workflow-id> [--format mermaid|dot] [--version N], upgrade <workflow> --to N [--from M] [--dry-run] [--map old=new]... (--help), certificates --out DIR [--names silo,gateway], validate.");
        return 2;
}

static async Task<IReadOnlyList<string>?> MigrateIfConfiguredAsync(IConfiguration configuration)
{
    var connectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
    if (string.IsNullOrWhiteSpace(connectionString) || configuration.GetValue<bool>("Cluster:Localhost"))
    {
        return null;
    }

    await DatabaseMigrator.EnsureDatabaseAsync(connectionString);
    return await DatabaseMigrator.MigrateAsync(connectionString);
}

/// <summary>
/// The silo's entry point, internal: referencing ASP.NET Core would otherwise make it public,
/// and the tests see the gateway's <c>Program</c> only.
/// </summary>
internal static partial class Program;
