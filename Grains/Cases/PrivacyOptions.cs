namespace Enlace.Grains.Cases;

/// <summary>Who may see victims' identity (configuration section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    /// <summary>Agency kinds whose agents see victims' identity; coordinators always do.</summary>
    public List<string> IdentityEntitledAgencyKinds { get; set; } = ["prosecutor", "protection"];
}
