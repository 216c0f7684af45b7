namespace Emulator.Domain.Proxy;

/// <summary>A Node's name and its status.addresses InternalIP: where its NodePorts listen.</summary>
public sealed record NodeAddress(string Name, string InternalIp);
