namespace Enlace.Silo.Notifications;

/// <summary>Settings of the notification outbox and its sender (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Notifications";

    /// <summary>The web UI's address, for the links in messages (e.g. <c>https://enlace.example.org</c>).</summary>
    public string BaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>E-mail by SMTP.</summary>
    public EmailOptions Email { get; set; } = new();

    /// <summary>Signed webhook calls.</summary>
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>How the sender claims, retries and gives up.</summary>
    public DeliveryOptions Delivery { get; set; } = new();
}

/// <summary>E-mail settings (<c>Notifications:Email</c>).</summary>
public sealed class EmailOptions
{
    /// <summary>The SMTP server.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>E-mail is on only when an SMTP host is set: without one, no e-mail delivery is created.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);
}

/// <summary>SMTP settings (<c>Notifications:Email:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>Host name; empty turns e-mail off.</summary>
    public string Host { get; set; } = "";

    /// <summary>Port (587 submission with STARTTLS, 465 TLS on connect, 25 relay).</summary>
    public int Port { get; set; } = 587;

    /// <summary>The sender address, e.g. <c>Enlace &lt;no-reply@enlace.example.org&gt;</c>.</summary>
    public string From { get; set; } = "Enlace <no-reply@enlace.invalid>";

    /// <summary>Require TLS (STARTTLS, or TLS on connect at port 465); false only for a relay on a trusted network or loopback.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>User name for SMTP authentication (empty: none).</summary>
    public string User { get; set; } = "";

    /// <summary>Password for SMTP authentication.</summary>
    public string Password { get; set; } = "";

    /// <summary>Connect, command and data timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Webhook settings (<c>Notifications:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Hosts that may be called over plain <c>http</c> (otherwise only <c>https</c>).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Allow addresses in private, loopback, link-local and other non-public ranges (off: such a target is refused at send time).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The whole call's timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The sender's loop (<c>Notifications:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    /// <summary>How often each silo looks for deliveries due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed delivery is this silo's; a silo that dies lets it go after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Deliveries claimed (and sent concurrently) at a time.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Attempts before a delivery fails for good.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; doubled after each further one.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromHours(1);
}
