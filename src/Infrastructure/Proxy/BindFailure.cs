using Emulator.Domain.Proxy;

namespace Emulator.Infrastructure.Proxy;

/// <summary>A frontend the proxy could not listen on (a privileged port without CAP_NET_BIND_SERVICE, a port in use).</summary>
public sealed record BindFailure(ProxyFrontend Frontend, string Reason);
