using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Roadmaps;

/// <summary>
/// An action seen by its workflow machine: guards look at its reports and its
/// verifications. <paramref name="verifiedByEachCountry"/> answers the
/// <see cref="ActionVerification.Field"/> guard (the grain computes it from the reference data).
/// </summary>
public sealed class ActionSubject(RoadmapActionState action, bool verifiedByEachCountry = false) : IWorkflowSubject
{
    /// <inheritdoc />
    public string State
    {
        get => action.Stage;
        set => action.Stage = value;
    }

    /// <inheritdoc />
    public bool TasksCompleted(string tag) => true;

    /// <inheritdoc />
    public bool FieldPresent(string field) => field switch
    {
        "progressReport" => action.Reports.Count > 0,
        "evidence" => action.Reports.Any(r => r.EvidenceRef is not null),
        "indicatorsReported" => action.Indicators.All(i => i.Current is not null),
        ActionVerification.Field => verifiedByEachCountry,
        _ => false,
    };
}
