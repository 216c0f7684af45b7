using System.Net.Sockets;
using Emulator.Domain.Proxy;
using Emulator.Infrastructure.Kubelet.Emulations;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Proxy;

/// <summary>
/// The HTTP servers behind healthCheckNodePorts (k/k pkg/proxy/healthcheck/service_health.go): one per node
/// InternalIP and port, owned by one Service, answering every path with the node's current local endpoint count.
/// </summary>
public sealed partial class HealthCheckServers(ILogger<HealthCheckServers> logger) : IDisposable
{
    private readonly Dictionary<(string Address, int Port), Served> _servers = [];
    private readonly Lock _gate = new();

    private sealed class Served(ProxyListenerTable.ServiceRef owner, HealthCheckFrontend check)
    {
        public ProxyListenerTable.ServiceRef Owner { get; } = owner;
        public volatile HealthCheckFrontend Check = check;
        public MiniHttpServer? Server { get; set; }

        public HttpReply Answer()
        {
            var check = Check;
            return new HttpReply(check.Status, "application/json", System.Text.Encoding.UTF8.GetBytes(check.Body), [("X-Content-Type-Options", "nosniff")]);
        }
    }

    /// <summary>Services that currently own a health-check server (so a resync can close those of deleted Services).</summary>
    public IReadOnlyList<ProxyListenerTable.ServiceRef> Owners
    {
        get { lock (_gate) return [.. _servers.Values.Select(v => v.Owner).Distinct()]; }
    }

    /// <summary>Serves exactly <paramref name="checks"/> for the Service: opens new ones, updates counts, closes the rest.</summary>
    public IReadOnlyList<BindFailure> Apply(ProxyListenerTable.ServiceRef service, IReadOnlyList<HealthCheckFrontend> checks)
    {
        var failures = new List<BindFailure>();
        var closing = new List<MiniHttpServer>();
        lock (_gate)
        {
            var desired = checks.ToDictionary(c => (c.Address, c.Port));
            foreach (var (key, served) in _servers.ToList())
            {
                if (served.Owner != service || desired.ContainsKey(key)) continue;
                _servers.Remove(key);
                if (served.Server is not null) closing.Add(served.Server);
                LogClosed(logger, key.Address, key.Port, $"{service.Namespace}/{service.Name}");
            }
            foreach (var (key, check) in desired)
            {
                if (_servers.TryGetValue(key, out var existing))
                {
                    if (existing.Owner == service) existing.Check = check;
                    else failures.Add(Failure(check, $"already in use by service {existing.Owner.Namespace}/{existing.Owner.Name}"));
                    continue;
                }
                var served = new Served(service, check);
                try
                {
                    served.Server = MiniHttpServer.Start(key.Address, key.Port, _ => served.Answer());
                    _servers[key] = served;
                    LogOpened(logger, key.Address, key.Port, $"{service.Namespace}/{service.Name}");
                }
                catch (SocketException e)
                {
                    failures.Add(Failure(check, e.Message));
                }
            }
        }
        foreach (var server in closing) _ = server.DisposeAsync().AsTask();
        return failures;
    }

    private static BindFailure Failure(HealthCheckFrontend check, string reason) =>
        new(new ProxyFrontend(check.Address, check.Port, "TCP", FrontendScope.NodePort, check.NodeName), $"health check: {reason}");

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var served in _servers.Values) served.Server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _servers.Clear();
        }
    }

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "proxy: serving the health check on {Address}:{Port} for {Service}")]
    private static partial void LogOpened(ILogger logger, string address, int port, string service);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "proxy: closed the health check on {Address}:{Port} of {Service}")]
    private static partial void LogClosed(ILogger logger, string address, int port, string service);
}
