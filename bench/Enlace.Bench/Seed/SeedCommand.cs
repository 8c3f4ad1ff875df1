using System.Diagnostics;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Database;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace Enlace.Bench.Seed;

/// <summary>
/// <c>seed --cases N [--seed S] [--first-reference R]</c>: migrates the database and loads N generated
/// cases; a second load adds to the first when given another seed and reference block.
/// </summary>
public static class SeedCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(string connectionString, Options options)
    {
        var cases = options.Int("cases", 10_000);
        var seed = options.Int("seed", 2026);
        // A second load into the same database needs a seed and a block of references of its own.
        var firstReference = options.Int("first-reference", 500_000);
        var serviceId = options.Get("service-id") ?? "enlace";
        await DatabaseMigrator.EnsureDatabaseAsync(connectionString);
        await DatabaseMigrator.MigrateAsync(connectionString);

        var clock = Stopwatch.StartNew();
        await using var database = NpgsqlDataSource.Create(connectionString);
        var catalog = LoadCatalog();
        var writer = new SeedWriter(database, StorageSerializer(), serviceId, catalog.Reference.VictimValues);
        var generator = new CaseGenerator(catalog, DateTimeOffset.UtcNow, seed, firstReference);
        var tasks = 0L;
        var events = 0L;
        IEnumerable<(string, Grains.Cases.CaseState)> Generate()
        {
            for (var i = 0; i < cases; i++)
            {
                var next = generator.Next();
                tasks += next.State.Tasks.Count;
                events += next.State.Events.Count;
                yield return next;
            }
        }

        await writer.WriteAsync(Generate(), progress: n =>
        {
            if (n % 100_000 == 0 || n == cases)
            {
                Console.WriteLine($"  {n:N0} cases ({clock.Elapsed.TotalSeconds:0} s)");
            }
        });
        Console.WriteLine("Recomputing the dashboard counters and analysing the tables...");
        await writer.FinishAsync();
        Console.WriteLine($"Loaded {cases:N0} cases, {tasks:N0} tasks and {events:N0} audit events in {clock.Elapsed.TotalSeconds:0} s.");
        return 0;
    }

    /// <summary>The shipped workflows and reference data (copied next to the program).</summary>
    public static WorkflowCatalog LoadCatalog() => WorkflowCatalog.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "workflows"));

    /// <summary>The grain storage serializer the silo uses.</summary>
    public static IGrainStorageSerializer StorageSerializer()
    {
        var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(Grains.Cases.CaseState).Assembly)).BuildServiceProvider();
        return new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
    }
}
