namespace Emulator.Domain.Proxy;

/// <summary>
/// One backend of a service port, read from an EndpointSlice: addresses[0] and the slice port with the service
/// port's name and protocol, with the conditions kube-proxy reads (nil ready means ready, nil serving means ready).
/// </summary>
public sealed record ProxyEndpoint(string Address, int Port, string? NodeName, bool Ready, bool Serving, bool Terminating)
{
    public override string ToString() => $"{Address}:{Port}";
}
