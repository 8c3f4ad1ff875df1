using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;

namespace Enlace.Grains.Cases;

/// <summary>Moving a case to another version of its workflow.</summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public Task<UpgradePlan> PlanUpgrade(Caller caller, int toVersion) =>
        Task.FromResult(Plan(caller, toVersion, ImmutableDictionary<string, string>.Empty));

    /// <inheritdoc />
    public async Task<CaseResult> Upgrade(CommandContext context, int toVersion, ImmutableDictionary<string, string> stateMapping)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("upgrade", new { toVersion, stateMapping });
        if (Refuse(context, access, fingerprint, Case.Version) is { } refusal)
        {
            return refusal;
        }

        var plan = Plan(context.Caller, toVersion, stateMapping ?? ImmutableDictionary<string, string>.Empty);
        if (!access.IsAdmin)
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: "Only administrators move cases between workflow versions.");
        }

        if (!plan.CanMove)
        {
            return new CaseResult(CaseOutcome.Invalid, Detail: plan.Message,
                Errors: ImmutableDictionary<string, string[]>.Empty.Add("stateMapping", [plan.Message]));
        }

        var now = time.GetUtcNow();
        var from = Case.Stage;
        var target = catalog.Find(Case.WorkflowId, toVersion)!;
        Case.Stage = target.FindState(from) is null ? stateMapping![from] : from;
        Case.WorkflowVersion = toVersion;
        Append(context.Caller, now, "definition-upgraded", from: from, to: Case.Stage, note: $"{plan.FromVersion} → {toVersion}");
        await CommitAsync(context, fingerprint, now);
        return new CaseResult(CaseOutcome.Ok, View(access, now));
    }

    private UpgradePlan Plan(Caller caller, int toVersion, ImmutableDictionary<string, string> mapping)
    {
        var access = Access(caller);
        if (!access.CanSee || !access.IsAdmin)
        {
            return new UpgradePlan(CaseId, false, 0, toVersion, false, null, "No such case.");
        }

        var target = catalog.Find(Case.WorkflowId, toVersion);
        if (target is null)
        {
            return new UpgradePlan(CaseId, true, Case.WorkflowVersion, toVersion, false, null, $"{Case.WorkflowId} has no version {toVersion}.");
        }

        if (target.FindState(Case.Stage) is not null)
        {
            return new UpgradePlan(CaseId, true, Case.WorkflowVersion, toVersion, true, null, $"State '{Case.Stage}' exists in version {toVersion}.");
        }

        return mapping.TryGetValue(Case.Stage, out var mapped) && target.FindState(mapped) is not null
            ? new UpgradePlan(CaseId, true, Case.WorkflowVersion, toVersion, true, null, $"State '{Case.Stage}' maps to '{mapped}'.")
            : new UpgradePlan(CaseId, true, Case.WorkflowVersion, toVersion, false, Case.Stage,
                $"State '{Case.Stage}' does not exist in version {toVersion}: map it to one of {string.Join(", ", target.States.Select(s => s.Name))}.");
    }
}
