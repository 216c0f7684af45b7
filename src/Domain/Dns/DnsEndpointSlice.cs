namespace Emulator.Domain.Dns;

/// <summary>The ready addresses of one EndpointSlice and the ports they share (object/endpoint.go EndpointSliceToEndpoints).</summary>
public sealed record DnsEndpointSlice(string Name, IReadOnlyList<DnsEndpointAddress> Addresses, IReadOnlyList<DnsPort> Ports);
