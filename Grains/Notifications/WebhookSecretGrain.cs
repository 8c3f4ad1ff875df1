using System.Text;
using Enlace.Grains.Interfaces.Notifications;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Victims;
using Orleans.Concurrency;

namespace Enlace.Grains.Notifications;

/// <summary>Seals webhook secrets with the identity vault's master key (a purpose of its own, bound to the subscriber's id).</summary>
[StatelessWorker]
public sealed class WebhookSecretGrain(IdentityVault vault) : Grain, IWebhookSecretGrain
{
    /// <summary>The vault purpose of webhook secrets.</summary>
    public const string Purpose = "webhook";

    /// <inheritdoc />
    public Task<byte[]?> Seal(Caller caller, string webhookId, string secret) =>
        Task.FromResult(caller.Is(Caller.Admin) ? vault.SealSecret(Purpose, webhookId, Encoding.UTF8.GetBytes(secret)) : null);
}
