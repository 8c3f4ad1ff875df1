using Enlace.Bench.Seed;

namespace Enlace.Bench;

/// <summary>
/// Enlace benchmarks. Commands:
/// <c>seed --cases N [--seed S] [--service-id ID]</c> loads N generated cases;
/// <c>read-model --url URL [--rounds 3] [--requests 200] [--out DIR]</c> measures the inbox and the dashboards;
/// <c>transitions [--seconds 10] [--rounds 3] [--out DIR]</c> measures raw upserts, grain transitions and growth against a running silo.
/// The database comes from <c>ConnectionStrings__Workflow</c> or <c>--connection</c>.
/// </summary>
public static class BenchProgram
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "";
        var options = Options.Parse(args.Skip(1));
        var connectionString = options.Get("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Workflow");
        if (connectionString is null)
        {
            Console.Error.WriteLine("Set ConnectionStrings__Workflow (or --connection) to the database to use.");
            return 2;
        }

        return command switch
        {
            "seed" => await SeedCommand.RunAsync(connectionString, options),
            "read-model" => await ReadModelBenchmark.RunAsync(connectionString, options),
            "transitions" => await TransitionsBenchmark.RunAsync(connectionString, options),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Commands: seed --cases N [--seed S] [--service-id ID]; read-model --url URL [--rounds N] [--requests N] [--out DIR]");
        return 2;
    }
}
