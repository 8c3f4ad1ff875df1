using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>A case's state seen by its workflow machine: the stage, task tags and fields for guards.</summary>
public sealed class CaseSubject(CaseState state) : IWorkflowSubject
{
    /// <inheritdoc />
    public string State
    {
        get => state.Stage;
        set => state.Stage = value;
    }

    /// <inheritdoc />
    public bool TasksCompleted(string tag) =>
        state.Tasks
            .Where(t => t.Tags.Contains(tag) && t.State != TaskLifecycle.States.Cancelled)
            .All(t => t.State == TaskLifecycle.States.Completed);

    /// <inheritdoc />
    public bool FieldPresent(string field) => field switch
    {
        "summary" => !string.IsNullOrWhiteSpace(state.Summary),
        "borderPoint" => !string.IsNullOrWhiteSpace(state.BorderPoint),
        "victims" => state.Victims.Count > 0,
        "partnerCountries" => state.PartnerCountries.Count > 0,
        "victimConsent" => state.Victims.Count > 0 && state.Victims.All(v => v.HasConsent(Victims.IdentityRules.DataProcessing)),
        _ => false,
    };
}
