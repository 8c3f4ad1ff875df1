namespace Enlace.Grains.Cases;

/// <summary>The persisted counter of a case reference grain (state name <c>caseReference</c>).</summary>
[GenerateSerializer, Alias("Enlace.State.CaseReference")]
public sealed class CaseReferenceState
{
    /// <summary>The last number handed out.</summary>
    [Id(0)] public int Last { get; set; }
}
