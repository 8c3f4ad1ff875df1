using Enlace.Grains.Interfaces.Hosting;
using Enlace.Silo.Database;
using Microsoft.Extensions.Configuration;

namespace Enlace.Silo.Commands;

/// <summary>
/// <c>roles --silo-password-file F --gateway-password-file G</c>: gives the silo's and the
/// gateway's database roles LOGIN and the passwords read from the files, on the administrator's
/// connection string (ConnectionStrings:Workflow). Run after <c>migrate</c>, which creates the roles.
/// </summary>
public static class RolesCommand
{
    /// <summary>The usage text.</summary>
    public const string Help = """
        Usage: roles [--silo-password-file F] [--gateway-password-file G]

        Gives the database roles enlace_silo and enlace_gateway (created by migrate) LOGIN and
        the password in each file (its first line; at least 16 characters). Run it with the
        connection string of the database owner or of a role with CREATEROLE; give silos and
        gateways connection strings with Username=enlace_silo and Username=enlace_gateway.
        Running it again sets the passwords again (a rotation). At least one file is needed.
        """;

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, string[] args)
    {
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h") || args.Length % 2 != 0)
        {
            Console.WriteLine(Help);
            return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
        }

        var files = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            var role = args[i] switch
            {
                "--silo-password-file" => DatabaseRoles.Silo,
                "--gateway-password-file" => DatabaseRoles.Gateway,
                _ => null,
            };
            if (role is null)
            {
                Console.Error.WriteLine($"Unknown option '{args[i]}'.");
                Console.WriteLine(Help);
                return 2;
            }

            files[role] = args[i + 1];
        }

        var connectionString = configuration.GetConnectionString(ClusterSettings.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine($"roles needs the administrator's ConnectionStrings:{ClusterSettings.ConnectionStringName} (environment ConnectionStrings__{ClusterSettings.ConnectionStringName}).");
            return 2;
        }

        foreach (var (role, file) in files)
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"The password file of {role} does not exist: {file}.");
                return 2;
            }

            var password = File.ReadLines(file).FirstOrDefault()?.Trim() ?? "";
            try
            {
                await DatabaseRoles.EnableLoginAsync(connectionString, role, password);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            Console.WriteLine($"{role} may log in.");
        }

        return 0;
    }
}
