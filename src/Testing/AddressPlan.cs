using System.Net;
using System.Net.Sockets;

namespace Emulator.Testing;

/// <summary>
/// Free loopback ports and a private pair of 127.X.0.0/16 ranges per cluster. Ports are ones the kernel just handed
/// out and released; the ranges avoid the emulator's defaults (127.96.0.0/12 services, 127.244.0.0/16 pods,
/// 127.18.x load balancers) and each other within this process.
/// </summary>
internal static class AddressPlan
{
    private static readonly HashSet<int> UsedOctets = [];

    public static (string Pods, string Services, string LoadBalancers) Ranges()
    {
        lock (UsedOctets)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                // Even octets 120..238: the pair (X, X+1) stays clear of 96-111, 18 and 244.
                var pods = 120 + 2 * Random.Shared.Next(0, 60);
                if (!UsedOctets.Add(pods)) continue;
                return ($"127.{pods}.0.0/16", $"127.{pods + 1}.0.0/16", $"127.{pods}.255.200-127.{pods}.255.250");
            }
        }
        throw new InvalidOperationException("No unused 127.X.0.0/16 pair left for another cluster in this process.");
    }

    public static void Release(string podCidr)
    {
        if (int.TryParse(podCidr.Split('.')[1], out var octet)) lock (UsedOctets) UsedOctets.Remove(octet);
    }

    public static (int Api, int Http, int Dns) Ports()
    {
        var taken = new HashSet<int>();
        return (Next(taken, udp: false), Next(taken, udp: false), Next(taken, udp: true));
    }

    private static int Next(HashSet<int> taken, bool udp)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (taken.Contains(port) || (udp && !UdpFree(port))) continue;
            taken.Add(port);
            return port;
        }
        throw new InvalidOperationException("Found no free loopback port in 50 attempts.");
    }

    private static bool UdpFree(int port)
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
