using System.Net;
using System.Net.Sockets;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// Picks loopback ports the kernel just handed out and released. Another process could take one before the emulator
/// binds it, but ephemeral ports are handed out in rotation, so that window is tiny in practice.
/// </summary>
public static class FreePorts
{
    public static EmulatorPorts ForEmulator()
    {
        var taken = new HashSet<int>();
        var api = Next(taken, udpToo: false);
        var http = Next(taken, udpToo: false);
        // DNS listens on UDP and TCP, so the port must be free for both.
        var dns = Next(taken, udpToo: true);
        return new EmulatorPorts(api, http, dns);
    }

    private static int Next(HashSet<int> taken, bool udpToo)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreeTcpPort();
            if (taken.Contains(port) || (udpToo && !UdpPortIsFree(port)))
            {
                continue;
            }

            taken.Add(port);
            return port;
        }

        throw new InvalidOperationException("Found no free loopback port in 50 attempts.");
    }

    private static int FreeTcpPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static bool UdpPortIsFree(int port)
    {
        try
        {
            using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
