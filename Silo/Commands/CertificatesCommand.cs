using System.Security.Cryptography.X509Certificates;
using Enlace.Silo.Hosting;

namespace Enlace.Silo.Commands;

/// <summary>
/// <c>certificates --out DIR [--names silo,gateway]</c>: a local certificate authority
/// (<c>ca.pem</c>, <c>ca.key</c>) and one certificate per name (<c>NAME.pem</c>, <c>NAME.key</c>)
/// in DIR, for the cluster's mutual TLS. What is there already is kept: a second run issues only
/// the missing certificates, from the same authority. Keys are written readable by the owner only.
/// </summary>
public static class CertificatesCommand
{
    private const string Usage = "Usage: certificates --out DIR [--names silo,gateway]";

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null)
    {
        var log = output ?? Console.Out;
        var folder = Option(args, "--out");
        var names = (Option(args, "--names") ?? "silo,gateway").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (string.IsNullOrWhiteSpace(folder) || names.Length == 0 || names.Any(n => n == "ca" || n.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')))
        {
            Console.Error.WriteLine(Usage + " (names: letters, digits and '-', not 'ca').");
            return 2;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var now = DateTimeOffset.UtcNow;
        var authorityPath = Path.Combine(folder, "ca.pem");
        var authorityKeyPath = Path.Combine(folder, "ca.key");
        X509Certificate2 authority;
        if (File.Exists(authorityPath) && File.Exists(authorityKeyPath))
        {
            authority = X509Certificate2.CreateFromPemFile(authorityPath, authorityKeyPath);
        }
        else
        {
            authority = LocalCertificateAuthority.CreateAuthority($"Enlace cluster authority {now:yyyy-MM-dd}", now);
            LocalCertificateAuthority.WritePem(authority, authorityPath, authorityKeyPath);
            log.WriteLine($"Created the certificate authority {authorityPath}.");
        }

        using (authority)
        {
            foreach (var name in names)
            {
                var certificatePath = Path.Combine(folder, name + ".pem");
                var keyPath = Path.Combine(folder, name + ".key");
                if (File.Exists(certificatePath) && File.Exists(keyPath))
                {
                    continue;
                }

                using var certificate = LocalCertificateAuthority.Issue(authority, $"enlace-{name}", now);
                LocalCertificateAuthority.WritePem(certificate, certificatePath, keyPath);
                log.WriteLine($"Issued {certificatePath} (valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}).");
            }
        }

        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
