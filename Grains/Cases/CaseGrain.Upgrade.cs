using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Upgrades;

namespace Enlace.Grains.Cases;

/// <summary>Moving a case to another version of its workflow.</summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public async Task<UpgradeItem> Upgrade(CommandContext context, UpgradeSpec spec)
    {
        // Administrators move cases without seeing their content; to anyone else a case they
        // may not see does not exist.
        var access = Access(context.Caller);
        if (!Case.IsOpen || (!access.IsAdmin && !access.CanSee))
        {
            return new UpgradeItem(CaseId, null, null, null, UpgradeOutcomes.Refused, "No such case.", UpgradeOutcomes.NotFound);
        }

        if (!access.IsAdmin)
        {
            return new UpgradeItem(CaseId, Case.Reference, Case.Stage, null, UpgradeOutcomes.Refused,
                "Only administrators move cases between workflow versions.", UpgradeOutcomes.Forbidden);
        }

        var target = catalog.Find(spec.WorkflowId, spec.ToVersion);
        if (target is null)
        {
            return new UpgradeItem(CaseId, Case.Reference, Case.Stage, null, UpgradeOutcomes.Refused,
                $"{spec.WorkflowId} has no version {spec.ToVersion}.", UpgradeOutcomes.OtherVersion);
        }

        var plan = UpgradeRules.Plan(CaseId, Case, spec, target);
        if (plan.Outcome != UpgradeOutcomes.CanMove || spec.DryRun)
        {
            return plan;
        }

        var now = time.GetUtcNow();
        ApplyUpgrade(context, target, plan.ToState!, now);
        await CommitAsync(context, fingerprint: null, now);
        return plan with { Outcome = UpgradeOutcomes.Moved };
    }

    // The one place where a case changes definition version: the new version and state, the
    // tasks of a state it enters anew, the audit event. Whatever else a newer definition
    // brings to running cases (e.g. tracks it starts) belongs here too.
    private void ApplyUpgrade(CommandContext context, WorkflowDefinition target, string toState, DateTimeOffset now)
    {
        var from = Case.Stage;
        var fromVersion = Case.WorkflowVersion;
        Case.WorkflowVersion = target.Version;
        Case.Stage = toState;
        Append(context.Caller, now, "definition-upgraded", from: from, to: toState, note: $"{target.Id} v{fromVersion} → v{target.Version}");
        if (toState != from)
        {
            CreateCaseTasks(target.FindState(toState)!.Tasks, toState, context.Caller, now, exceptExisting: true);
        }

        // A definition with care tracks starts one for each victim who has none yet.
        foreach (var victim in Case.Victims)
        {
            StartCare(victim, context.Caller, now);
        }
    }
}
