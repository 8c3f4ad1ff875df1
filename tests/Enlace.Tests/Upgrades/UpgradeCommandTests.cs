using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Upgrades;

/// <summary>
/// The built <c>Enlace.Silo upgrade</c> run as a process that joins the running cluster: the
/// dry run lists every running v1 case and changes nothing, the run with a mapping moves them.
/// </summary>
[Collection(UpgradeCollection.Name)]
public sealed class UpgradeCommandTests(UpgradeFixture fixture)
{
    [Fact]
    public async Task TheUpgradeCommandDryRunsThenMovesTheRunningCasesOfAWorkflow()
    {
        var coordinator = await fixture.ClientFor(Callers.Coordinator());
        var cases = fixture.Cases[UpgradeFixture.Cli];
        var references = new Dictionary<string, string>();
        foreach (var id in cases.Running)
        {
            references[id] = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("reference").GetString()!;
        }

        var help = await RunAsync("upgrade", "--help");
        Assert.True(help.ExitCode == 0 && help.Output.Contains("--map old=new", StringComparison.Ordinal), help.ToString());

        var before = await fixture.StoredStateAsync(cases.InReview);
        var dryRun = await RunAsync("upgrade", UpgradeFixture.Cli, "--to", "2", "--dry-run");
        Assert.True(dryRun.ExitCode == 2, $"a case needs a mapping, so the exit code is 2: {dryRun}");
        Assert.Contains($"{references[cases.InReport]}  report → report  can-move", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains($"{references[cases.InReview]}  review → ?  needs-mapping  State 'review' does not exist in version 2", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("2 cases: 0 moved, 1 can move, 1 need a mapping, 0 refused", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.StoredStateAsync(cases.InReview));

        var run = await RunAsync("upgrade", UpgradeFixture.Cli, "--to", "2", "--from", "1", "--map", "review=assessment");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{references[cases.InReview]}  review → assessment  moved", run.Output, StringComparison.Ordinal);
        Assert.Contains("2 cases: 2 moved, 0 can move, 0 need a mapping, 0 refused", run.Output, StringComparison.Ordinal);
        var moved = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{cases.InReview}");
        Assert.Equal((2, "assessment"), (moved.GetProperty("workflowVersion").GetInt32(), moved.GetProperty("state").GetString()));
        Assert.True((await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{cases.InReview}/history/verify")).GetProperty("valid").GetBoolean());

        var again = await RunAsync("upgrade", UpgradeFixture.Cli, "--to", "2", "--map", "review=assessment");
        Assert.True(again.ExitCode == 0 && again.Output.Contains("0 cases: 0 moved", StringComparison.Ordinal), again.ToString());

        var bad = await RunAsync("upgrade", UpgradeFixture.Cli, "--to", "2", "--map", "revew=assessment");
        Assert.True(bad.ExitCode == 2 && bad.Error.Contains("stateMap.revew: 'revew' is not a state of version 1", StringComparison.Ordinal), bad.ToString());
    }

    private async Task<Result> RunAsync(params string[] args)
    {
        var (silo, _) = BuildOutput.Find();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = silo, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(silo, "Enlace.Silo.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Workflow"] = fixture.ConnectionString;
        start.Environment["Cluster__ServiceId"] = UpgradeFixture.ServiceId;
        start.Environment["Cluster__ClusterId"] = UpgradeFixture.ClusterId;
        start.Environment["Workflows__Path"] = fixture.WorkflowsPath;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    private sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }
}
