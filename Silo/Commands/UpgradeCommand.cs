using System.Collections.Immutable;
using System.Globalization;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Enlace.Silo.Commands;

/// <summary>
/// <c>upgrade &lt;workflow&gt; --to N [--from M] [--dry-run] [--map old=new]…</c>: joins the running
/// cluster as a client and moves running cases to a newer definition version, through the same
/// <see cref="WorkflowUpgrades"/> path as <c>POST /api/v1/workflows/{id}/upgrades</c>.
/// </summary>
public static class UpgradeCommand
{
    /// <summary>The usage text.</summary>
    public const string Help = """
        Usage: upgrade <workflow> --to N [--from M] [--dry-run] [--map old=new]...

        Moves the running (not closed) cases of <workflow> on version M to version N, as an
        administrator, in batches; prints one line per case and the totals.

          --to N          the version to move the cases to (required; above M)
          --from M        the version they run on now (default: the newest loaded version below N)
          --dry-run       say what would happen; change nothing
          --map old=new   move cases in state 'old' to state 'new' of version N (repeatable);
                          needed for every state version N does not have
          --help          this text

        Exit code: 0 when every case moved (or can move), 2 when any needs a mapping or was
        refused, or when the request is invalid. Running it again is safe: moved cases are
        not moved twice, and an interrupted run continues where it stopped.
        """;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, WorkflowCatalog catalog, string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Help);
            return 0;
        }

        if (Parse(args, catalog) is not { } spec)
        {
            return 2;
        }

        using var host = await ClusterClientHost.StartAsync(configuration);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var caller = new Caller($"cli:{Environment.UserName}", $"Enlace upgrade command ({Environment.UserName})", [Caller.Admin], null, []);
        var report = await WorkflowUpgrades.RunAsync(grains, new CommandContext(caller), spec, []);
        await host.StopAsync();
        if (report.Outcome != CaseOutcome.Ok)
        {
            Console.Error.WriteLine(report.Detail);
            foreach (var (field, messages) in report.Errors ?? ImmutableDictionary<string, string[]>.Empty)
            {
                Console.Error.WriteLine($"  {field}: {string.Join("; ", messages)}");
            }

            return 2;
        }

        Console.WriteLine($"{spec.WorkflowId} v{spec.FromVersion} → v{spec.ToVersion}{(spec.DryRun ? " (dry run: nothing changes)" : "")}");
        foreach (var item in report.Items)
        {
            var reason = item.Reason is null ? "" : $"  {item.Reason}";
            Console.WriteLine($"{item.Reference ?? item.CaseId}  {item.FromState} → {item.ToState ?? "?"}  {item.Outcome}{reason}");
        }

        Console.WriteLine($"{report.Items.Length} cases: {report.Moved} moved, {report.CanMove} can move, {report.NeedsMapping} need a mapping, {report.Refused} refused");
        return report.NeedsMapping + report.Refused == 0 ? 0 : 2;
    }

    private static UpgradeSpec? Parse(string[] args, WorkflowCatalog catalog)
    {
        var problems = new List<string>();
        var workflow = args.FirstOrDefault(a => !a.StartsWith('-') && !IsValueOfOption(args, a));
        var to = Number(args, "--to", problems);
        var from = Number(args, "--from", problems);
        var map = ImmutableDictionary.CreateBuilder<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--map")
            {
                continue;
            }

            var pair = i + 1 < args.Length ? args[i + 1].Split('=', 2) : [];
            if (pair.Length != 2 || pair[0].Length == 0 || pair[1].Length == 0)
            {
                problems.Add("--map takes old=new, e.g. --map review=assessment");
            }
            else if (!map.TryAdd(pair[0], pair[1]))
            {
                problems.Add($"--map names '{pair[0]}' twice");
            }
        }

        if (workflow is null)
        {
            problems.Add("name the workflow, e.g. upgrade trafficking-case --to 2");
        }

        if (to is null)
        {
            problems.Add("--to N is required");
        }

        // Without --from, the cases of the newest loaded version below the target move.
        from ??= catalog.All.Where(d => d.Id == workflow && d.Version < to).Select(d => (int?)d.Version).Max();
        if (workflow is not null && to is not null && from is null)
        {
            problems.Add($"{workflow} has no version below {to}; loaded: {string.Join(", ", catalog.All.Where(d => d.Id == workflow).Select(d => $"v{d.Version}"))}");
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Console.Error.WriteLine(problem);
            }

            Console.Error.WriteLine();
            Console.Error.WriteLine(Help);
            return null;
        }

        return new UpgradeSpec(workflow!, from!.Value, to!.Value, map.ToImmutable(), args.Contains("--dry-run"));
    }

    private static bool IsValueOfOption(string[] args, string value)
    {
        var index = Array.IndexOf(args, value);
        return index > 0 && args[index - 1] is "--to" or "--from" or "--map";
    }

    private static int? Number(string[] args, string name, List<string> problems)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return null;
        }

        if (index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{name} takes a version number, e.g. {name} 2");
        return null;
    }
}
