using static Emulator.Domain.Protobuf.CoreV1Schema;
using static Emulator.Domain.Protobuf.MetaV1Schema;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// k8s.io.api.discovery.v1, field numbers from kubernetes/api discovery/v1/generated.proto. Most scalars here are
/// Go pointers (hostname, nodeName, zone, every EndpointPort field, the conditions), hence keepZero.
/// </summary>
internal static class DiscoveryV1Schema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("discovery.EndpointSlice")
            .Message(1, "metadata", ObjectMeta)
            .String(4, "addressType")
            .Messages(2, "endpoints", "discovery.Endpoint")
            .Messages(3, "ports", "discovery.EndpointPort");
        b.Message("discovery.Endpoint")
            .Strings(1, "addresses")
            .Message(2, "conditions", "discovery.EndpointConditions")
            .String(3, "hostname", keepZero: true)
            .Message(4, "targetRef", ObjectReference)
            .StringMap(5, "deprecatedTopology")
            .String(6, "nodeName", keepZero: true)
            .String(7, "zone", keepZero: true)
            .Message(8, "hints", "discovery.EndpointHints");
        b.Message("discovery.EndpointConditions")
            .Bool(1, "ready", keepZero: true)
            .Bool(2, "serving", keepZero: true)
            .Bool(3, "terminating", keepZero: true);
        b.Message("discovery.EndpointHints")
            .Messages(1, "forZones", "discovery.ForZone")
            .Messages(2, "forNodes", "discovery.ForNode");
        b.Message("discovery.ForZone")
            .String(1, "name");
        b.Message("discovery.ForNode")
            .String(1, "name");
        b.Message("discovery.EndpointPort")
            .String(1, "name", keepZero: true)
            .String(2, "protocol", keepZero: true)
            .Int32(3, "port", keepZero: true)
            .String(4, "appProtocol", keepZero: true);
    }
}
