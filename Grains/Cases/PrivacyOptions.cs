namespace Enlace.Grains.Cases;

/// <summary>Who may see victims' identity (configuration section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    /// <summary>The agency kinds entitled to identities when configuration names none.</summary>
    public static readonly IReadOnlyList<string> DefaultIdentityEntitledAgencyKinds = ["prosecutor", "protection", "child-protection"];

    /// <summary>
    /// Agency kinds whose agents see victims' identity (coordinators always do), as configured;
    /// null when configuration is silent. No initial list: the configuration binder appends to one,
    /// so a default here could be widened but never narrowed.
    /// </summary>
    public List<string>? IdentityEntitledAgencyKinds { get; set; }

    /// <summary>The entitled kinds in force: those configured (possibly none), else the defaults.</summary>
    public IReadOnlyList<string> EntitledKinds => IdentityEntitledAgencyKinds ?? DefaultIdentityEntitledAgencyKinds;

    /// <summary>
    /// The file holding the master key that wraps every case's data key (32 bytes in base64),
    /// outside PostgreSQL; <c>./run</c> creates one per data folder with mode 0600.
    /// </summary>
    public string? MasterKeyFile { get; set; }
}
