using System.Diagnostics;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Notifications;

/// <summary>
/// A real SMTP server on loopback (Debian's aiosmtpd, <c>smtp_recorder.py</c> beside this file)
/// that writes each message it receives to a folder; it can refuse the first messages with a
/// transient 451 and hold the first accepted one before answering.
/// </summary>
public sealed class SmtpRecorder : IDisposable
{
    /// <summary>How to install the server.</summary>
    public const string InstallCommand = "apt-get update && apt-get install -y python3-aiosmtpd";

    private const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private SmtpRecorder(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Where the messages are written (<c>n.eml</c>).</summary>
    public string Folder { get; }

    /// <summary>Starts a server; fails with the install command when aiosmtpd is missing.</summary>
    public static async Task<SmtpRecorder> StartAsync(int refuse = 0, TimeSpan? holdFirst = null)
    {
        var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{Python} cannot be started; install Debian's python3 and aiosmtpd: {InstallCommand}");
        await check.WaitForExitAsync();
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"Debian's aiosmtpd is missing (the e-mail tests need a real SMTP server). ./test installs it; by hand: {InstallCommand}");
        }

        var port = Ports.Free();
        var folder = Directory.CreateTempSubdirectory("enlace-smtp-").FullName;
        var script = Path.Combine(Checkout.Root, "tests", "Enlace.Tests", "Notifications", "smtp_recorder.py");
        var start = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, $"{port}", folder, "--refuse", $"{refuse}", "--hold-first", $"{(holdFirst ?? TimeSpan.Zero).TotalSeconds}" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (ready != "ready")
        {
            throw new InvalidOperationException($"the SMTP recorder did not start: {await process.StandardError.ReadToEndAsync()}");
        }

        return new SmtpRecorder(process, port, folder);
    }

    /// <summary>The messages received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedMail> Messages() =>
        [.. Directory.GetFiles(Folder, "*.eml").OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture))
            .Select(f => ReceivedMail.Parse(File.ReadAllText(f)))];

    /// <summary>How many messages were refused with 451.</summary>
    public int Refused => File.Exists(Path.Combine(Folder, "refused.log")) ? File.ReadAllLines(Path.Combine(Folder, "refused.log")).Length : 0;

    /// <summary>Waits until <paramref name="condition"/> holds of the messages, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(Func<IReadOnlyList<ReceivedMail>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages();
            if (condition(messages))
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the SMTP server did not see {what} within {timeout.TotalSeconds:0} s; it received {messages.Count}: {string.Join(", ", messages.Select(m => $"{m.To} {m.MessageId}"))}");
            }

            await Task.Delay(100);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}

/// <summary>A message as the SMTP server received it: the envelope recipient, its headers and body.</summary>
public sealed record ReceivedMail(string To, string MessageId, string Subject, string Raw)
{
    /// <summary>Reads the recorded file.</summary>
    public static ReceivedMail Parse(string raw)
    {
        var mime = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));
        var envelope = raw[..raw.IndexOf("\r\n", StringComparison.Ordinal)]["X-Envelope-To: ".Length..];
        return new ReceivedMail(envelope, mime.MessageId ?? "", mime.Subject ?? "", raw);
    }

    /// <summary>The plain-text body.</summary>
    public string Body => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Raw))).TextBody ?? "";
}
