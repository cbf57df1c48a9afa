using System.Net;
using System.Net.Sockets;

namespace Cordouan.Testing;

/// <summary>Free TCP ports on loopback, chosen by the kernel.</summary>
public static class PortAllocator
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
