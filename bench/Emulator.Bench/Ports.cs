using System.Net;
using System.Net.Sockets;

namespace Emulator.Bench;

/// <summary>Free loopback ports picked at random below the Linux ephemeral range, never handed out twice per run.</summary>
internal static class Ports
{
    private static readonly HashSet<int> Used = [];

    public static int Pick()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            if (Used.Add(port) && IsFree(port)) return port;
        }
        throw new InvalidOperationException("no free loopback port found in 20000-32000");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var tcp = new TcpListener(IPAddress.Loopback, port);
            tcp.Start();
            tcp.Stop();
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
