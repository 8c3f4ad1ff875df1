using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>
/// A case's state seen by its workflow machine: the stage, the criminal case's task tags and
/// fields for guards. Tasks of the victims' care tracks are not the criminal case's business.
/// </summary>
public sealed class CaseSubject(CaseState state) : IWorkflowSubject
{
    /// <inheritdoc />
    public string State
    {
        get => state.Stage;
        set => state.Stage = value;
    }

    /// <inheritdoc />
    public bool TasksCompleted(string tag) => state.Tasks.Where(t => !t.Care && t.Tags.Contains(tag)).All(t => t.Settled);

    /// <inheritdoc />
    public bool TasksAccepted(string tag) =>
        state.Tasks.Where(t => !t.Care && t.Tags.Contains(tag) && t.State != TaskLifecycle.States.Cancelled).All(t => t.Acknowledged);

    /// <inheritdoc />
    public bool FieldPresent(string field) => field switch
    {
        "summary" => !string.IsNullOrWhiteSpace(state.Summary),
        "borderPoint" => !string.IsNullOrWhiteSpace(state.BorderPoint),
        "victims" => state.Victims.Count > 0,
        "partnerCountries" => state.PartnerCountries.Count > 0,
        "victimConsent" => state.Victims.Count > 0 && state.Victims.All(v => v.HasConsent(IdentityRules.DataProcessing)),
        _ => false,
    };
}
