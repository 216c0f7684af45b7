namespace Emulator.Domain.Dns;

/// <summary>A ready endpoint address as PTR names it: <c>label.service.namespace.svc.zone</c>.</summary>
public sealed record DnsEndpointName(string Namespace, string Service, string Label);
