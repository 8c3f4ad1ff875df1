using System.Collections.Concurrent;
using System.Diagnostics;
using Enlace.Bench.Seed;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Workflows.Engine;
using Enlace.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Enlace.Bench;

/// <summary>
/// Like for like with a peer engine: the same six-step task lifecycle (accept, start,
/// complete, reopen, accept, complete — each step the same Stateless <see cref="TaskLifecycle"/>)
/// run to the end in WorkflowCore (in-memory persistence, its defaults) and in Enlace (a
/// silo in this process with Orleans memory storage, no read model). Both start the
/// lifecycle (a workflow instance, a case) and keep <see cref="InFlight"/> lifecycles going;
/// both are warmed first (Enlace 8 s, WorkflowCore 3 s), and WorkflowCore starts empty each round.
/// </summary>
public static class PeerBenchmark
{
    /// <summary>Lifecycles in flight at once in both engines.</summary>
    public const int InFlight = 32;

    private static readonly string[] Steps = ["accept", "start", "complete", "reopen", "accept", "complete"];

    /// <summary>Lifecycles per second of each engine, one figure per round.</summary>
    public static async Task<(List<double> Enlace, List<double> WorkflowCore)> RunAsync(int lifecycles, int rounds)
    {
        var enlace = new List<double>();
        var peer = new List<double>();
        using var silo = await StartMemorySiloAsync();
        var grains = silo.Services.GetRequiredService<IGrainFactory>();

        // Warm both engines (JIT tiers, pools; the silo's reminder service, which new cases
        // register with, takes a few seconds to start) before measuring.
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(8);)
        {
            await EnlaceLifecyclesAsync(grains, InFlight * 4);
        }

        for (var round = 0; round < rounds; round++)
        {
            enlace.Add(await EnlaceLifecyclesAsync(grains, lifecycles));

            // WorkflowCore's in-memory store looks instances up in a list, so its rate falls as
            // instances accumulate: each round starts a fresh engine, warmed the same way.
            await using (var workflowCore = await WorkflowCoreEngine.StartAsync())
            {
                for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(3);)
                {
                    await workflowCore.RunAsync(InFlight * 4);
                }

                peer.Add(await workflowCore.RunAsync(lifecycles));
            }

            Console.WriteLine($"round {round + 1}: six-step lifecycles/s — Enlace (memory storage) {enlace[^1]:0}, WorkflowCore {peer[^1]:0}");
        }

        await silo.StopAsync();
        return (enlace, peer);
    }

    private static async Task<IHost> StartMemorySiloAsync()
    {
        var builder = BenchHost.Create(new Dictionary<string, string?>
        {
            ["Cluster:Localhost"] = "true",
            ["Cluster:SiloPort"] = "22111",
            ["Cluster:GatewayPort"] = "41000",
            ["Cluster:ClusterId"] = "bench-peer",
        });
        builder.UseOrleans(silo => silo.UseEnlace(builder.Configuration, SeedCommand.LoadCatalog()));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<double> EnlaceLifecyclesAsync(IGrainFactory grains, int lifecycles)
    {
        var clock = Stopwatch.StartNew();
        await InParallel(lifecycles, async () =>
        {
            var id = CaseIds.New();
            var grain = grains.GetGrain<ICaseGrain>(id);
            var opened = await grain.Open(new CommandContext(BenchCallers.Coordinator), new OpenCaseCommand(
                "trafficking-case", "Caso de medición", "Ciclo de seis pasos", "PE", [], null, []));
            var taskId = opened.Case?.Tasks[0].Id ?? throw new InvalidOperationException($"open: {opened.Outcome} {opened.Detail}");
            foreach (var step in Steps)
            {
                var caller = step == "reopen" ? BenchCallers.Coordinator : BenchCallers.Police;
                var result = await grain.FireTask(new CommandContext(caller), new FireTaskTriggerCommand(taskId, step));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"{step}: {result.Outcome} {result.Detail}");
                }
            }
        });
        return lifecycles / clock.Elapsed.TotalSeconds;
    }

    private static async Task InParallel(int count, Func<Task> body)
    {
        var remaining = count;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(InFlight, count)).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await body();
            }
        }));
    }

    /// <summary>WorkflowCore with its in-memory persistence and default options.</summary>
    private sealed class WorkflowCoreEngine : IAsyncDisposable
    {
        private static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Finished = new();
        private readonly ServiceProvider _services;
        private readonly IWorkflowHost _host;

        private WorkflowCoreEngine(ServiceProvider services)
        {
            _services = services;
            _host = services.GetRequiredService<IWorkflowHost>();
            _host.RegisterWorkflow<LifecycleWorkflow, LifecycleData>();
        }

        public static async Task<WorkflowCoreEngine> StartAsync()
        {
            var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddWorkflow().BuildServiceProvider();
            var engine = new WorkflowCoreEngine(services);
            await engine._host.StartAsync(CancellationToken.None);
            return engine;
        }

        public async Task<double> RunAsync(int lifecycles)
        {
            var clock = Stopwatch.StartNew();
            await InParallel(lifecycles, async () =>
            {
                var data = new LifecycleData { Key = Guid.NewGuid() };
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Finished[data.Key] = done;
                await _host.StartWorkflow(LifecycleWorkflow.Name, 1, data);
                await done.Task;
                Finished.TryRemove(data.Key, out _);
            });
            return lifecycles / clock.Elapsed.TotalSeconds;
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync(CancellationToken.None);
            await _services.DisposeAsync();
        }

        private sealed class LifecycleData
        {
            public Guid Key { get; set; }

            public string State { get; set; } = TaskLifecycle.States.Assigned;
        }

        private sealed class LifecycleWorkflow : IWorkflow<LifecycleData>
        {
            public const string Name = "enlace-task-lifecycle";

            public string Id => Name;

            public int Version => 1;

            public void Build(IWorkflowBuilder<LifecycleData> builder)
            {
                var flow = builder.StartWith(_ => ExecutionResult.Next());
                foreach (var step in Steps)
                {
                    flow = flow.Then(context => Fire(context, step));
                }

                flow.Then(context =>
                {
                    Finished[((LifecycleData)context.Workflow.Data).Key].TrySetResult();
                    return ExecutionResult.Next();
                });
            }

            private static ExecutionResult Fire(IStepExecutionContext context, string trigger)
            {
                var data = (LifecycleData)context.Workflow.Data;
                var lifecycle = new TaskLifecycle(() => data.State, s => data.State = s);
                if (!lifecycle.CanFire(trigger))
                {
                    throw new InvalidOperationException($"{trigger} from {data.State}");
                }

                lifecycle.FireAsync(trigger).GetAwaiter().GetResult();
                return ExecutionResult.Next();
            }
        }
    }
}
