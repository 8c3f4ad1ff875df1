using System.Collections.Immutable;
using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.Workflows.Upgrades;

/// <summary>
/// The decisions of a definition upgrade, pure: whether a request makes sense, and what
/// becomes of one case. The grains only load, ask these and write.
/// </summary>
public static class UpgradeRules
{
    /// <summary>The most case ids one request may list.</summary>
    public const int MaxListedCases = 1000;

    /// <summary>
    /// The problems of <paramref name="spec"/>, field by field (empty when it is valid): an
    /// unknown workflow or version, a target not above the source, a map naming a state
    /// neither version has (or a terminal target state), malformed case ids.
    /// </summary>
    public static Dictionary<string, string[]> Validate(WorkflowCatalog catalog, UpgradeSpec spec, ImmutableArray<string> caseIds)
    {
        var errors = new Dictionary<string, string[]>();
        var versions = catalog.All.Where(d => d.Id == spec.WorkflowId).Select(d => d.Version).ToList();
        if (versions.Count == 0 || catalog.Find(spec.WorkflowId, versions[0])!.Kind != "case")
        {
            var known = string.Join(", ", catalog.All.Where(d => d.Kind == "case").Select(d => d.Id).Distinct());
            errors["workflowId"] = [$"'{spec.WorkflowId}' is not a case workflow; use one of: {known}"];
            return errors;
        }

        var loaded = string.Join(", ", versions);
        var from = catalog.Find(spec.WorkflowId, spec.FromVersion);
        var to = catalog.Find(spec.WorkflowId, spec.ToVersion);
        if (from is null)
        {
            errors["fromVersion"] = [$"{spec.WorkflowId} has no version {spec.FromVersion}; loaded versions: {loaded}"];
        }

        if (to is null)
        {
            errors["toVersion"] = [$"{spec.WorkflowId} has no version {spec.ToVersion}; loaded versions: {loaded}"];
        }
        else if (spec.ToVersion <= spec.FromVersion)
        {
            errors["toVersion"] = [$"must be above fromVersion ({spec.FromVersion}): cases only move to a newer version"];
        }

        foreach (var (old, target) in spec.StateMap ?? ImmutableDictionary<string, string>.Empty)
        {
            if (from is not null && from.FindState(old) is null)
            {
                errors[$"stateMap.{old}"] = [$"'{old}' is not a state of version {spec.FromVersion}; its states: {States(from)}"];
            }
            else if (to is not null && to.FindState(target) is null)
            {
                errors[$"stateMap.{old}"] = [$"'{target}' is not a state of version {spec.ToVersion}; its states: {States(to)}"];
            }
            else if (to?.FindState(target) is { Terminal: true })
            {
                errors[$"stateMap.{old}"] = [$"'{target}' ends a case in version {spec.ToVersion}; a case is closed through its triggers, map it to a running state"];
            }
        }

        var ids = caseIds.IsDefault ? [] : caseIds;
        if (ids.Length > MaxListedCases)
        {
            errors["caseIds"] = [$"at most {MaxListedCases} case ids per request; leave caseIds out to upgrade every running case"];
        }

        for (var i = 0; i < ids.Length && i < MaxListedCases; i++)
        {
            if (!CaseIds.IsValid(ids[i]))
            {
                errors[$"caseIds[{i}]"] = [$"'{ids[i]}' is not a case id (c followed by 32 hexadecimal digits)"];
            }
        }

        return errors;
    }

    /// <summary>
    /// What becomes of the case: refused (closed, another workflow or version), moved already
    /// (on the target version), can move (its state, or the state the map gives, is in the
    /// target), or needs a mapping. <paramref name="target"/> is the target version's definition.
    /// </summary>
    public static UpgradeItem Plan(string caseId, CaseState state, UpgradeSpec spec, WorkflowDefinition target)
    {
        UpgradeItem Item(string outcome, string? to = null, string? reason = null, string? code = null) =>
            new(caseId, state.Reference, state.Stage, to, outcome, reason, code);

        if (state.WorkflowId != spec.WorkflowId)
        {
            return Item(UpgradeOutcomes.Refused, reason: $"The case runs on {state.WorkflowId}, not {spec.WorkflowId}.", code: UpgradeOutcomes.OtherWorkflow);
        }

        if (state.WorkflowVersion == spec.ToVersion)
        {
            return Item(UpgradeOutcomes.Moved, state.Stage, $"Already on version {spec.ToVersion}.");
        }

        if (state.WorkflowVersion != spec.FromVersion)
        {
            return Item(UpgradeOutcomes.Refused, reason: $"The case runs on version {state.WorkflowVersion}, not {spec.FromVersion}.", code: UpgradeOutcomes.OtherVersion);
        }

        if (state.ClosedAt is not null)
        {
            return Item(UpgradeOutcomes.Refused, reason: "The case is closed; it keeps the version it closed on.", code: UpgradeOutcomes.Closed);
        }

        // A state the administrator maps moves there, even when the target has a state of that
        // name; any other state stays as it is when the target has it.
        if (spec.StateMap is not null && spec.StateMap.TryGetValue(state.Stage, out var mapped) && target.FindState(mapped) is { Terminal: false })
        {
            return Item(UpgradeOutcomes.CanMove, mapped);
        }

        return target.FindState(state.Stage) is not null
            ? Item(UpgradeOutcomes.CanMove, state.Stage)
            : Item(UpgradeOutcomes.NeedsMapping,
                reason: $"State '{state.Stage}' does not exist in version {spec.ToVersion}: map it to one of {States(target)}.", code: UpgradeOutcomes.StateMissing);
    }

    private static string States(WorkflowDefinition definition) => string.Join(", ", definition.States.Where(s => !s.Terminal).Select(s => s.Name));
}
