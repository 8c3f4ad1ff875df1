using System.Net;
using System.Net.Sockets;

namespace Enlace.Silo.Notifications;

/// <summary>
/// Which addresses a webhook call may reach (pure): public unicast only, unless private addresses
/// are allowed by configuration. Checked on every address the host resolves to, at connect time.
/// </summary>
public static class WebhookAddresses
{
    /// <summary>Whether <paramref name="address"/> is public: not loopback, private, link-local, shared, multicast, documentation or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)       // 100.64.0.0/10 shared (carrier-grade NAT)
                || (b[0] == 169 && b[1] == 254)                      // 169.254.0.0/16 link-local (cloud metadata)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)         // 172.16.0.0/12
                || (b[0] == 192 && b[1] == 168)                      // 192.168.0.0/16
                || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) // 192.0.0.0/24, 192.0.2.0/24
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))       // 198.18.0.0/15 benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)        // documentation
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));       // documentation
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)  // 2001:db8::/32 documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)); // 64:ff9b::/96 NAT64 can reach IPv4 private ranges
        }

        return false;
    }
}
