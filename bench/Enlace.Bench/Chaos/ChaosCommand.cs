using System.Diagnostics;
using System.Globalization;

namespace Enlace.Bench.Chaos;

/// <summary><c>chaos</c>: the fault soak from the command line (see <c>./chaos</c>).</summary>
public static class ChaosCommand
{
    /// <summary>Runs it, prints and writes the report; exit code 0 only when it passed.</summary>
    public static async Task<int> RunAsync(string connectionString, Options options)
    {
        var outageAt = options.Int("outage-at", 0);
        var report = await ChaosRun.RunAsync(new ChaosOptions
        {
            ConnectionString = connectionString,
            SiloDirectory = options.Get("silo-dir") ?? throw new ArgumentException("--silo-dir is required"),
            GatewayDirectory = options.Get("gateway-dir") ?? throw new ArgumentException("--gateway-dir is required"),
            Duration = TimeSpan.FromMinutes(double.Parse(options.Get("minutes") ?? "1", CultureInfo.InvariantCulture)),
            Silos = options.Int("silos", 3),
            Clients = options.Int("clients", 12),
            Cases = options.Int("cases", 24),
            DatabaseOutageAt = outageAt > 0 ? TimeSpan.FromSeconds(outageAt) : null,
            StopDatabase = options.Get("pg-stop") is { } stop ? () => ShellAsync(stop) : null,
            StartDatabase = options.Get("pg-start") is { } start ? () => ShellAsync(start) : null,
        });
        var markdown = report.Markdown();
        Console.WriteLine(markdown);
        if (options.Get("out") is { } folder)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyy-MM-dd}-chaos.md");
            await File.WriteAllTextAsync(path, markdown);
            Console.WriteLine($"Report: {path}");
        }

        return report.Passed ? 0 : 1;
    }

    private static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command])) ?? throw new InvalidOperationException(command);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}");
        }
    }
}
