using System.Net;
using System.Net.Sockets;
using Emulator.Domain.Allocation;
using Emulator.Domain.Dns;
using Emulator.Domain.Kubelet.Shell;
using Emulator.Infrastructure.Dns;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// The network of one pod's interpreted processes. DNS questions are answered in process by the same planner and zone
/// index the embedded DNS server uses (so the answer is the server's answer, without a UDP round trip per lookup);
/// connections are real TCP connections over loopback, to a pod IP or through the embedded service proxy's ClusterIP
/// listeners, so the traffic is what any other client would send.
/// </summary>
public sealed class PodNetwork(DnsZoneIndex zone, DnsAnswerPlanner planner, ClusterOptions cluster, string ns) : IPodNetwork
{
    /// <summary>The kubelet's clusterDNS: kube-dns's fixed ClusterIP (the tenth of the service range), as kubeadm configures it.</summary>
    public string NameServer { get; } = IpRange.Parse(cluster.ServiceCidr).At(9).ToString();

    public IReadOnlyList<string> Search { get; } = PodResolvConf.SearchFor(ns, cluster.ClusterDomain);

    public Task<DnsReply> QueryAsync(string name, int type, CancellationToken ct)
    {
        var answer = planner.Plan(DnsNames.Absolute(name.ToLowerInvariant()), (ushort)type, zone);
        var code = answer.Code switch
        {
            DnsResponseCode.NoError => "NOERROR",
            DnsResponseCode.NameError => "NXDOMAIN",
            DnsResponseCode.ServerFailure => "SERVFAIL",
            DnsResponseCode.FormatError => "FORMERR",
            _ => "REFUSED",
        };
        var family = type == 28 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var addresses = answer.Answers.OfType<DnsAddressRecord>().Where(a => a.Address.AddressFamily == family).Select(a => a.Address).ToList();
        var names = answer.Answers.OfType<DnsPtrRecord>().Select(p => p.Target.TrimEnd('.')).ToList();
        return Task.FromResult(new DnsReply(code, type is 1 or 28 ? addresses : [], names));
    }

    /// <summary>
    /// The pod IP: a pod's localhost is its own network namespace, where its containers listen; here they listen on the
    /// pod IP, so 127.0.0.1 (and localhost) lead there.
    /// </summary>
    public IPAddress? Loopback { get; init; }

    public async Task<Stream> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken ct)
    {
        if (Loopback is not null && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback))) address = Loopback;
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), cts.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new PodNetworkException("Connection timed out", timedOut: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new PodNetworkException(e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "Connection refused",
                SocketError.TimedOut => "Connection timed out",
                SocketError.HostUnreachable => "No route to host",
                SocketError.NetworkUnreachable => "Network is unreachable",
                SocketError.AddressNotAvailable => "Cannot assign requested address",
                _ => e.Message,
            }, e.SocketErrorCode == SocketError.TimedOut);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
