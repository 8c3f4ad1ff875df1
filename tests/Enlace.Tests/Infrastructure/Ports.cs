using System.Net;
using System.Net.Sockets;

namespace Enlace.Tests.Infrastructure;

/// <summary>Loopback ports for test servers.</summary>
public static class Ports
{
    /// <summary>A port free on 127.0.0.1 right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
