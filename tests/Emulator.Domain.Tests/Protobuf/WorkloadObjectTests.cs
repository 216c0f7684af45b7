using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>Hand-built apps/v1 bodies: the parts of the workload kinds kubectl create does not set.</summary>
public sealed class WorkloadObjectTests
{
    private const long Jan2 = 1767323045; // 2026-01-02T03:04:05Z

    private static void PodTemplate(ProtoWriter t) =>
        t.Message(1, m => m.Entry(11, "app", "web"))
         .Message(2, s => s.Message(2, c => c.String(1, "web").String(2, "nginx").Message(8, _ => { })));

    [Fact]
    public void Decodes_deployment_strategy_and_status()
    {
        var body = ProtoWriter.Body("apps/v1", "Deployment", w => w
            .Message(1, m => m.String(1, "web"))
            .Message(2, s => s.Int32(1, 0)
                .Message(2, l => l.Entry(1, "app", "web"))
                .Message(3, PodTemplate)
                .Message(4, st => st.String(1, "RollingUpdate")
                    .Message(2, r => r.IntOrString(1, 0).IntOrString(2, "25%")))
                .Int32(5, 5).Int32(6, 0).Bool(7, true).Int32(9, 600).String(10, "TerminationComplete"))
            .Message(3, st => st.Varint(1, 2).Int32(2, 3).Int32(3, 3).Int32(7, 2).Int32(4, 2).Int32(5, 1).Int32(9, 0)
                .Message(6, c => c.String(1, "Progressing").String(2, "True").Time(6, Jan2).Time(7, Jan2 - 10)
                    .String(4, "NewReplicaSetAvailable").String(5, "ReplicaSet \"web-1\" has successfully progressed."))
                .Int32(8, 0)));

        JsonAssert.Equal(
            """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{}}]}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
               "minReadySeconds":5,"revisionHistoryLimit":0,"paused":true,"progressDeadlineSeconds":600,"podReplacementPolicy":"TerminationComplete"},
             "status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2,"unavailableReplicas":1,
               "terminatingReplicas":0,
               "conditions":[{"type":"Progressing","status":"True","lastUpdateTime":"2026-01-02T03:04:05Z","lastTransitionTime":"2026-01-02T03:03:55Z",
                 "reason":"NewReplicaSetAvailable","message":"ReplicaSet \"web-1\" has successfully progressed."}],
               "collisionCount":0}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Replica_set_status_keeps_replicas_zero_like_go_json()
    {
        var body = ProtoWriter.Body("apps/v1", "ReplicaSet", w => w
            .Message(1, m => m.String(1, "web-1")
                .Message(13, o => o.String(5, "apps/v1").String(1, "Deployment").String(3, "web").String(4, "d-uid").Bool(6, true).Bool(7, true)))
            .Message(2, s => s.Int32(1, 2).Int32(4, 0).Message(2, l => l.Entry(1, "app", "web")).Message(3, PodTemplate))
            // Every non-pointer status field is on the wire, as Go writes it for an empty status.
            .Message(3, st => st.Int32(1, 0).Int32(2, 0).Int32(4, 0).Int32(5, 0).Varint(3, 0)
                .Message(6, c => c.String(1, "ReplicaFailure").String(2, "True").Time(3, Jan2).String(4, "FailedCreate").String(5, "quota"))));

        JsonAssert.Equal(
            """
            {"apiVersion":"apps/v1","kind":"ReplicaSet",
             "metadata":{"name":"web-1","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"d-uid","controller":true,"blockOwnerDeletion":true}]},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{}}]}}},
             "status":{"replicas":0,"conditions":[{"type":"ReplicaFailure","status":"True","lastTransitionTime":"2026-01-02T03:04:05Z","reason":"FailedCreate","message":"quota"}]}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_stateful_set_with_claim_templates()
    {
        var body = ProtoWriter.Body("apps/v1", "StatefulSet", w => w
            .Message(1, m => m.String(1, "db"))
            .Message(2, s => s.Int32(1, 3)
                .Message(2, l => l.Entry(1, "app", "web"))
                .Message(3, PodTemplate)
                .Message(4, pvc => pvc.Message(1, m => m.String(1, "data"))
                    .Message(2, ps => ps.String(1, "ReadWriteOnce").Message(2, r => r.QuantityEntry(2, "storage", "1Gi")))
                    .Message(3, _ => { }))
                .String(5, "db").String(6, "Parallel")
                .Message(7, u => u.String(1, "RollingUpdate").Message(2, r => r.Int32(1, 0).IntOrString(2, "50%")))
                .Int32(8, 10).Int32(9, 0)
                .Message(10, p => p.String(1, "Delete").String(2, "Retain"))
                .Message(11, o => o.Int32(1, 0)))
            .Message(3, st => st.Varint(1, 0).Int32(2, 0).Int32(3, 0).Int32(4, 0).Int32(5, 0)
                .String(6, "db-1").String(7, "db-2").Int32(11, 0)));

        JsonAssert.Equal(
            """
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{}}]}},
               "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}},"status":{}}],
               "serviceName":"db","podManagementPolicy":"Parallel",
               "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0,"maxUnavailable":"50%"}},
               "revisionHistoryLimit":10,"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete","whenScaled":"Retain"},
               "ordinals":{"start":0}},
             "status":{"replicas":0,"currentRevision":"db-1","updateRevision":"db-2","availableReplicas":0}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_daemon_set_keeping_its_required_counters()
    {
        var body = ProtoWriter.Body("apps/v1", "DaemonSet", w => w
            .Message(1, m => m.String(1, "agent"))
            .Message(2, s => s.Message(1, l => l.Entry(1, "app", "web")).Message(2, PodTemplate)
                .Message(3, u => u.String(1, "RollingUpdate").Message(2, r => r.IntOrString(1, 1).IntOrString(2, 0)))
                .Int32(4, 0).Int32(6, 5))
            .Message(3, st => st.Int32(1, 0).Int32(2, 0).Int32(3, 0).Int32(4, 0).Varint(5, 0).Int32(6, 0).Int32(7, 0).Int32(8, 0)
                .Message(10, c => c.String(1, "Healthy").String(2, "False").Time(3, Jan2).String(4, "").String(5, ""))));

        JsonAssert.Equal(
            """
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx","resources":{}}]}},
               "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}},"revisionHistoryLimit":5},
             "status":{"currentNumberScheduled":0,"numberMisscheduled":0,"desiredNumberScheduled":0,"numberReady":0,
               "conditions":[{"type":"Healthy","status":"False","lastTransitionTime":"2026-01-02T03:04:05Z"}]}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Controller_revision_data_holds_json_or_an_embedded_protobuf_object()
    {
        var json = ProtoWriter.Body("apps/v1", "ControllerRevision", w => w
            .Message(1, m => m.String(1, "web-1"))
            .Message(2, r => r.Varint(7, 1).Bytes(1, """{"spec":{"template":{"$patch":"replace"}}}"""u8))
            .Varint(3, 1));
        var embedded = ProtoWriter.Body("v1", "ConfigMap", w => w.Message(1, m => m.String(1, "inner")).Entry(2, "k", "v"));
        var nested = ProtoWriter.Body("apps/v1", "ControllerRevision", w => w
            .Message(1, m => m.String(1, "web-2"))
            .Message(2, r => r.Bytes(1, embedded))
            .Varint(3, 0));
        var empty = ProtoWriter.Body("apps/v1", "ControllerRevision", w => w.Message(2, _ => { }).Varint(3, 2));

        JsonAssert.Equal(
            """{"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"web-1"},"data":{"spec":{"template":{"$patch":"replace"}}},"revision":1}""",
            KubeProtobuf.Decode(json));
        JsonAssert.Equal(
            """{"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"web-2"},"data":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"inner"},"data":{"k":"v"}},"revision":0}""",
            KubeProtobuf.Decode(nested));
        JsonAssert.Equal(
            """{"apiVersion":"apps/v1","kind":"ControllerRevision","revision":2}""",
            KubeProtobuf.Decode(empty));
    }
}
