using System.Net.Sockets;
using Emulator.Domain.Proxy;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Proxy;

/// <summary>
/// The proxy's programmed state: one listener per frontend address, owned by one Service. Applying a Service's plan
/// opens what is new, re-points what stays (new connections only) and closes what is gone. A service port without
/// endpoints gets no listener, so clients are refused by the kernel at once (kube-proxy's REJECT rule).
/// </summary>
public sealed partial class ProxyListenerTable(ILogger<ProxyListenerTable> logger, TimeProvider time) : IDisposable
{
    private readonly Dictionary<(string Address, int Port, string Protocol), (ServiceRef Owner, IFrontendListener Listener)> _listeners = [];
    private readonly Dictionary<(ServiceRef, string PortName, string Protocol), ClientIpAffinity> _affinities = [];
    private readonly Lock _gate = new();

    public readonly record struct ServiceRef(string Namespace, string Name);

    /// <summary>Services that currently own a listener (so a resync can close those of deleted Services).</summary>
    public IReadOnlyList<ServiceRef> Owners
    {
        get { lock (_gate) return [.. _listeners.Values.Select(v => v.Owner).Distinct()]; }
    }

    public IReadOnlyList<BindFailure> Apply(ServiceRef service, ServiceProxyPlan plan, IReadOnlyList<NodeAddress> nodes)
    {
        var failures = new List<BindFailure>();
        lock (_gate)
        {
            var desired = new Dictionary<(string, int, string), FrontendBinding>();
            foreach (var (frontend, route) in plan.Frontends)
            {
                if (!route.HasEndpoints || frontend.Protocol is not ("TCP" or "UDP")) continue;
                desired.TryAdd((frontend.Address, frontend.Port, frontend.Protocol), new FrontendBinding(frontend, route, Affinity(service, route), nodes));
            }
            foreach (var (key, (owner, listener)) in _listeners.ToList())
            {
                if (owner != service || desired.ContainsKey(key)) continue;
                listener.Dispose();
                _listeners.Remove(key);
                LogClosed(logger, key.Address, key.Port, key.Protocol, $"{service.Namespace}/{service.Name}");
            }
            foreach (var (key, binding) in desired)
            {
                if (_listeners.TryGetValue(key, out var existing))
                {
                    if (existing.Owner == service) existing.Listener.Binding = binding;
                    else failures.Add(new BindFailure(binding.Frontend, $"already in use by service {existing.Owner.Namespace}/{existing.Owner.Name}"));
                    continue;
                }
                try
                {
                    IFrontendListener listener = key.Item3 == "UDP"
                        ? UdpFrontendListener.Open(binding, logger)
                        : TcpFrontendListener.Open(binding, logger);
                    _listeners[key] = (service, listener);
                    LogOpened(logger, key.Item1, key.Item2, key.Item3, $"{service.Namespace}/{service.Name}");
                }
                catch (SocketException e)
                {
                    LogBindFailed(logger, binding.Frontend.ToString(), $"{service.Namespace}/{service.Name}", e.Message);
                    failures.Add(new BindFailure(binding.Frontend, e.SocketErrorCode == SocketError.AccessDenied
                        ? "permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : e.Message));
                }
            }
            foreach (var key in _affinities.Keys.Where(k => k.Item1 == service).ToList())
                if (!plan.Frontends.Any(f => f.Route.AffinityTimeout is not null && f.Route.PortName == key.PortName && f.Route.Protocol == key.Protocol))
                    _affinities.Remove(key);
        }
        return failures;
    }

    private ClientIpAffinity? Affinity(ServiceRef service, ServicePortRoute route)
    {
        if (route.AffinityTimeout is not { } timeout) return null;
        var key = (service, route.PortName, route.Protocol);
        if (_affinities.TryGetValue(key, out var existing) && existing.Timeout == timeout) return existing;
        return _affinities[key] = new ClientIpAffinity(timeout, time);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (_, listener) in _listeners.Values) listener.Dispose();
            _listeners.Clear();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "proxy: listening on {Address}:{Port}/{Protocol} for {Service}")]
    private static partial void LogOpened(ILogger logger, string address, int port, string protocol, string service);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "proxy: closed {Address}:{Port}/{Protocol} of {Service}")]
    private static partial void LogClosed(ILogger logger, string address, int port, string protocol, string service);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "proxy: can't open port {Frontend} for {Service}: {Error}")]
    private static partial void LogBindFailed(ILogger logger, string frontend, string service, string error);
}
