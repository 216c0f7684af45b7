using System.Net;
using ARSoft.Tools.Net.Dns;
using Emulator.Domain.Dns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Dns;

/// <summary>
/// The cluster's DNS server (CoreDNS in a kubeadm cluster): UDP and TCP on 127.0.0.1:<c>--dns-port</c>, and on port 53
/// of the kube-dns Service's cluster IP whenever that Service exists and the process may bind it. A refused bind is
/// logged and the server carries on. Every query is answered by <see cref="DnsAnswerPlanner"/> from
/// <see cref="DnsZoneIndex"/>.
/// </summary>
public sealed partial class ClusterDnsServer(DnsZoneIndex index, DnsAnswerPlanner planner, ClusterOptions options, ILogger<ClusterDnsServer> logger)
    : IHostedService, IDisposable
{
    /// <summary>kube-dns serves DNS on port 53 (kubeadm's manifests.go: ports dns 53/UDP and dns-tcp 53/TCP).</summary>
    public const int KubeDnsPort = 53;

    /// <summary>The UDP size every resolver accepts (RFC 1035 §4.2.1), the limit without EDNS.</summary>
    private const int MinimumUdpSize = 512;

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private DnsServer? _local;
    private List<DnsServer> _clusterIp = [];
    private Task _rebinding = Task.CompletedTask;

    public Task StartAsync(CancellationToken ct)
    {
        if (options.DnsPort <= 0) return Task.CompletedTask;
        _local = Bind(new IPEndPoint(IPAddress.Loopback, options.DnsPort));
        if (_local is not null) LogListening(logger, $"127.0.0.1:{options.DnsPort}", options.ClusterDomain);
        // A kube-dns Service already in the store is bound now, before the controllers' proxy starts programming
        // cluster IPs; later changes follow in the background.
        BindNameServers();
        _rebinding = FollowKubeDnsAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        try
        {
            await _rebinding.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
        }
        lock (_gate)
        {
            _local?.Stop();
            _local = null;
            foreach (var s in _clusterIp) s.Stop();
            _clusterIp = [];
        }
    }

    /// <summary>Listens on each new set of kube-dns cluster IPs (port 53), releasing the previous ones.</summary>
    private async Task FollowKubeDnsAsync(CancellationToken ct)
    {
        try
        {
            while (await index.NameServerChanges.WaitToReadAsync(ct)) BindNameServers();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void BindNameServers()
    {
        IReadOnlyList<string>? latest = null;
        while (index.NameServerChanges.TryRead(out var ips)) latest = ips;
        if (latest is null) return;
        lock (_gate)
        {
            foreach (var s in _clusterIp) s.Stop();
            List<DnsServer> bound = [];
            foreach (var ip in latest)
            {
                if (!IPAddress.TryParse(ip, out var address)) continue;
                if (Bind(new IPEndPoint(address, KubeDnsPort)) is { } server)
                {
                    bound.Add(server);
                    LogListening(logger, $"{ip}:{KubeDnsPort}", options.ClusterDomain);
                }
            }
            _clusterIp = bound;
        }
    }

    private DnsServer? Bind(IPEndPoint endpoint)
    {
        DnsServer? server = null;
        try
        {
            server = new DnsServer(new UdpServerTransport(endpoint), new TcpServerTransport(endpoint));
            server.QueryReceived += OnQueryReceivedAsync;
            server.ExceptionThrown += OnExceptionAsync;
            server.Start();
            return server;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or UnauthorizedAccessException or InvalidOperationException)
        {
            server?.Stop();
            LogBindRefused(logger, endpoint.ToString(), e.Message);
            return null;
        }
    }

    private Task OnQueryReceivedAsync(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query) return Task.CompletedTask;
        var response = query.CreateResponseInstance();
        // Echo the client's EDNS buffer size, as CoreDNS does; the UDP transport truncates (TC) to it, not to its own maximum.
        if (query.IsEDnsEnabled && response.IsEDnsEnabled) response.EDnsOptions!.UdpPayloadSize = query.EDnsOptions!.UdpPayloadSize;
        if (query.Questions.Count != 1)
        {
            response.ReturnCode = ReturnCode.FormatError;
            e.Response = response;
            return Task.CompletedTask;
        }
        var question = query.Questions[0];
        var queryName = question.Name.ToString();
        var answer = planner.Plan(queryName, (ushort)question.RecordType, index);
        if (e.TransportProtocol == TransportProtocol.Udp)
        {
            var limit = query.IsEDnsEnabled ? Math.Max(MinimumUdpSize, (int)query.EDnsOptions!.UdpPayloadSize) : MinimumUdpSize;
            answer = DnsUdpTruncation.Fit(answer, DnsNames.Absolute(queryName), limit, out var truncated);
            response.IsTruncated = truncated;
        }
        var asked = (DnsNames.Absolute(queryName), question.Name);
        response.ReturnCode = DnsWireRecords.ToWire(answer.Code);
        response.IsAuthoritiveAnswer = answer.Authoritative;
        response.IsRecursionAllowed = false;
        foreach (var r in answer.Answers) response.AnswerRecords.Add(DnsWireRecords.ToWire(r, asked));
        foreach (var r in answer.Authority) response.AuthorityRecords.Add(DnsWireRecords.ToWire(r, asked));
        foreach (var r in answer.Additional) response.AdditionalRecords.Add(DnsWireRecords.ToWire(r, asked));
        e.Response = response;
        return Task.CompletedTask;
    }

    private Task OnExceptionAsync(object sender, ExceptionEventArgs e)
    {
        LogServerError(logger, e.Exception);
        return Task.CompletedTask;
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(EventId = 81, Level = LogLevel.Information, Message = "DNS: serving {Zone} on {Endpoint} (UDP and TCP)")]
    private static partial void LogListening(ILogger logger, string endpoint, string zone);

    [LoggerMessage(EventId = 82, Level = LogLevel.Warning, Message = "DNS: cannot listen on {Endpoint}: {Reason}")]
    private static partial void LogBindRefused(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 83, Level = LogLevel.Debug, Message = "DNS: query failed")]
    private static partial void LogServerError(ILogger logger, Exception e);
}
