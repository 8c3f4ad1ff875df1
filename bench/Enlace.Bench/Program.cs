using Enlace.Bench.Chaos;
using Enlace.Bench.Seed;

namespace Enlace.Bench;

/// <summary>
/// Enlace benchmarks. Commands:
/// <c>seed --cases N [--seed S] [--service-id ID]</c> loads N generated cases;
/// <c>read-model --url URL [--rounds 3] [--requests 200] [--out DIR] [--save FILE] [--baseline FILE]</c> measures every read route as its role (and, against a baseline, their growth);
/// <c>reads --url URL [--seconds 10] [--rounds 3] [--wrk PATH] [--out DIR] [--quick]</c> measures the read throughput and the floor with wrk (<see cref="ReadFloorBenchmark"/>);
/// <c>chaos --minutes N --silo-dir DIR --gateway-dir DIR [--silos 3] [--outage-at S --pg-stop CMD --pg-start CMD] [--out DIR]</c> runs the fault soak;
/// <c>peer [--lifecycles N] [--rounds N]</c> runs only the lifecycle against WorkflowCore, in memory;
/// <c>telemetry --off URL --metrics URL [--traces URL] [--seconds 10] [--rounds 3] [--wrk PATH] [--report FILE]</c> compares the HTTP figure across telemetry settings (<see cref="TelemetryBenchmark"/>);
/// <c>suite --url URL [--seconds 10] [--rounds 3] [--active 100000] [--lifecycles 2000] [--out DIR] [--quick]</c> measures everything the benchmark issue asks against a running silo and gateway.
/// The database comes from <c>ConnectionStrings__Workflow</c> or <c>--connection</c>.
/// </summary>
public static class BenchProgram
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var command = args.FirstOrDefault() ?? "";
        var options = Options.Parse(args.Skip(1));
        if (command == "peer")
        {
            // The like-for-like lifecycle alone (no database): for profiling the engine.
            var (enlace, workflowCore) = await PeerBenchmark.RunAsync(options.Int("lifecycles", 2_000), options.Int("rounds", 3));
            Console.WriteLine($"Enlace ÷ WorkflowCore: {Stats.Median(enlace) / Stats.Median(workflowCore):0.00}");
            return 0;
        }

        if (command == "telemetry")
        {
            return await TelemetryBenchmark.RunAsync(options);
        }

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
            "reads" => await ReadFloorBenchmark.RunCommandAsync(connectionString, options),
            "suite" => await SuiteBenchmark.RunAsync(connectionString, options),
            "chaos" => await ChaosCommand.RunAsync(connectionString, options),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Commands: seed --cases N [--seed S] [--first-reference R] [--service-id ID]; read-model --url URL [--rounds N] [--requests N] [--out DIR] [--save FILE] [--baseline FILE]; reads --url URL [--seconds N] [--rounds N] [--out DIR]; suite --url URL [--seconds N] [--rounds N] [--active N] [--lifecycles N] [--out DIR]");
        return 2;
    }
}
