using Enlace.Grains.Interfaces.Security;

namespace Enlace.Grains.Interfaces.Notifications;

/// <summary>
/// Seals a webhook subscriber's signing secret under the silos' master key, which the gateway
/// never holds; only the silos' sender opens it again.
/// </summary>
[Alias("Enlace.IWebhookSecretGrain")]
public interface IWebhookSecretGrain : IGrainWithIntegerKey
{
    /// <summary>The secret of subscriber <paramref name="webhookId"/> sealed for storage; null unless <paramref name="caller"/> is an administrator.</summary>
    [Alias("Seal")]
    Task<byte[]?> Seal(Caller caller, string webhookId, string secret);
}
