namespace Enlace.Grains.Cases;

/// <summary>Who may see victims' identity (configuration section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    /// <summary>Agency kinds whose agents see victims' identity; coordinators always do.</summary>
    public List<string> IdentityEntitledAgencyKinds { get; set; } = ["prosecutor", "protection", "child-protection"];

    /// <summary>
    /// The file holding the master key that wraps every case's data key (32 bytes in base64),
    /// outside PostgreSQL; <c>./run</c> creates one per data folder with mode 0600.
    /// </summary>
    public string? MasterKeyFile { get; set; }
}
