using System.Net;
using System.Net.Sockets;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>A loopback port the kernel just handed out and released, for kubectl proxy and port-forward to listen on.</summary>
public static class LocalPorts
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
