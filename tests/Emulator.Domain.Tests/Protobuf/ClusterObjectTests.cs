using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>Hand-built discovery.k8s.io, events.k8s.io and coordination.k8s.io bodies.</summary>
public sealed class ClusterObjectTests
{
    private const long Jan2 = 1767323045; // 2026-01-02T03:04:05Z

    [Fact]
    public void Decodes_endpoint_slice_with_pointer_fields()
    {
        var body = ProtoWriter.Body("discovery.k8s.io/v1", "EndpointSlice", w => w
            .Message(1, m => m.String(1, "web-abc").Entry(11, "kubernetes.io/service-name", "web"))
            .String(4, "IPv4")
            .Message(2, e => e
                .String(1, "10.1.0.7")
                .Message(2, c => c.Bool(1, false).Bool(2, true).Bool(3, false))
                .String(3, "")
                .Message(4, r => r.String(1, "Pod").String(2, "default").String(3, "web-0").String(4, "pod-uid"))
                .Entry(5, "kubernetes.io/hostname", "node-1")
                .String(6, "node-1").String(7, "zone-a")
                .Message(8, h => h.Message(1, z => z.String(1, "zone-a")).Message(2, n => n.String(1, "node-1"))))
            .Message(2, e => e.String(1, "10.1.0.8").Message(2, _ => { }))
            .Message(3, p => p.String(1, "").String(2, "TCP").Int32(3, 0).String(4, "http")));

        JsonAssert.Equal(
            """
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
             "metadata":{"name":"web-abc","labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4",
             "endpoints":[
               {"addresses":["10.1.0.7"],"conditions":{"ready":false,"serving":true,"terminating":false},"hostname":"",
                "targetRef":{"kind":"Pod","namespace":"default","name":"web-0","uid":"pod-uid"},
                "deprecatedTopology":{"kubernetes.io/hostname":"node-1"},"nodeName":"node-1","zone":"zone-a",
                "hints":{"forZones":[{"name":"zone-a"}],"forNodes":[{"name":"node-1"}]}},
               {"addresses":["10.1.0.8"],"conditions":{}}],
             "ports":[{"name":"","protocol":"TCP","port":0,"appProtocol":"http"}]}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_events_k8s_io_event()
    {
        var body = ProtoWriter.Body("events.k8s.io/v1", "Event", w => w
            .Message(1, m => m.String(1, "web.17f").String(3, "default"))
            .Time(2, Jan2, nanos: 42_000)
            .Message(3, s => s.Int32(1, 0).Time(2, Jan2 + 60))
            .String(4, "kubernetes.io/kubelet").String(5, "kubelet-node-1").String(6, "Pulling").String(7, "Pulling")
            .Message(8, r => r.String(1, "Pod").String(3, "web"))
            .Message(9, r => r.String(1, "Node").String(3, "node-1"))
            .String(10, "Pulling image \"nginx\"").String(11, "Normal")
            .Message(12, s => s.String(1, "kubelet").String(2, "node-1"))
            .Message(13, _ => { }).Message(14, _ => { })
            .Int32(15, 0));

        JsonAssert.Equal(
            """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"web.17f","namespace":"default"},
             "eventTime":"2026-01-02T03:04:05.000042Z","series":{"count":0,"lastObservedTime":"2026-01-02T03:05:05.000000Z"},
             "reportingController":"kubernetes.io/kubelet","reportingInstance":"kubelet-node-1","action":"Pulling","reason":"Pulling",
             "regarding":{"kind":"Pod","name":"web"},"related":{"kind":"Node","name":"node-1"},
             "note":"Pulling image \"nginx\"","type":"Normal","deprecatedSource":{"component":"kubelet","host":"node-1"}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_lease_whose_spec_fields_are_all_pointers()
    {
        var body = ProtoWriter.Body("coordination.k8s.io/v1", "Lease", w => w
            .Message(1, m => m.String(1, "node-1").String(3, "kube-node-lease"))
            .Message(2, s => s.String(1, "").Int32(2, 40).Time(3, 0).Time(4, Jan2, nanos: 999_999)
                .Int32(5, 0).String(6, "OldestEmulationVersion").String(7, "node-2")));

        JsonAssert.Equal(
            """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-1","namespace":"kube-node-lease"},
             "spec":{"holderIdentity":"","leaseDurationSeconds":40,"acquireTime":"1970-01-01T00:00:00.000000Z",
               "renewTime":"2026-01-02T03:04:05.000999Z","leaseTransitions":0,"strategy":"OldestEmulationVersion","preferredHolder":"node-2"}}
            """,
            KubeProtobuf.Decode(body));
    }
}
