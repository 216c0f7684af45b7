using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>
/// Hand-built core/v1 bodies covering what the captured kubectl requests did not: statuses, the rarer PodSpec
/// fields, Node, Event, Endpoints, PersistentVolumeClaim, PodTemplate and full Service/ServiceAccount specs.
/// </summary>
public sealed class CoreObjectTests
{
    private const long Jan2 = 1767323045; // 2026-01-02T03:04:05Z

    [Fact]
    public void Decodes_pod_status_with_container_states()
    {
        var body = ProtoWriter.Body("v1", "Pod", w => w
            .Message(1, m => m.String(1, "p"))
            .Message(2, s => s.Message(2, c => c.String(1, "c").String(2, "img")))
            .Message(3, s => s
                .Varint(17, 0)
                .String(1, "Running")
                .Message(2, c => c.String(1, "Ready").Varint(7, 4).String(2, "True").Message(3, _ => { })
                    .Time(4, Jan2).String(5, "").String(6, ""))
                .String(5, "10.0.0.5")
                .Message(16, ip => ip.String(1, "10.0.0.5"))
                .String(6, "10.1.0.7")
                .Message(12, ip => ip.String(1, "10.1.0.7"))
                .Time(7, Jan2)
                .Message(10, cs => cs.String(1, "init")
                    .Message(2, st => st.Message(1, wt => wt.String(1, "PodInitializing").String(2, "")))
                    .Message(3, _ => { })
                    .Bool(4, false).Int32(5, 2))
                .Message(8, cs => cs.String(1, "c")
                    .Message(2, st => st.Message(2, r => r.Time(1, Jan2)))
                    .Message(3, st => st.Message(3, t => t.Int32(1, -1).Int32(2, 0).String(3, "Error")
                        .Time(5, Jan2 - 60).Time(6, Jan2 - 1).String(7, "containerd://abc")))
                    .Bool(4, false).Int32(5, 0).String(6, "img").String(7, "sha256:1").String(8, "containerd://def")
                    .Bool(9, true)
                    .QuantityEntry(10, "cpu", "100m")
                    .Message(11, r => r.QuantityEntry(1, "memory", "64Mi"))
                    .Message(12, v => v.String(1, "data").String(2, "/data").Bool(3, true).String(4, "Disabled"))
                    .Message(13, u => u.Message(1, l => l.Varint(1, 0).Varint(2, 0).Packed(3, 1, 2)))
                    .Message(14, rs => rs.String(1, "claim:gpu/req").Message(2, h => h.String(1, "dev-1").String(2, "Healthy")))
                    .String(15, "SIGTERM"))
                .String(9, "Burstable")
                .Message(15, rc => rc.String(1, "gpu").String(2, "p-gpu-x"))
                .QuantityEntry(19, "cpu", "200m")));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"img"}]},
             "status":{"phase":"Running",
               "conditions":[{"type":"Ready","observedGeneration":4,"status":"True","lastTransitionTime":"2026-01-02T03:04:05Z"}],
               "hostIP":"10.0.0.5","hostIPs":[{"ip":"10.0.0.5"}],"podIP":"10.1.0.7","podIPs":[{"ip":"10.1.0.7"}],
               "startTime":"2026-01-02T03:04:05Z",
               "initContainerStatuses":[{"name":"init","state":{"waiting":{"reason":"PodInitializing"}},"lastState":{},"ready":false,"restartCount":2}],
               "containerStatuses":[{"name":"c","state":{"running":{"startedAt":"2026-01-02T03:04:05Z"}},
                 "lastState":{"terminated":{"exitCode":-1,"reason":"Error","startedAt":"2026-01-02T03:03:05Z","finishedAt":"2026-01-02T03:04:04Z","containerID":"containerd://abc"}},
                 "ready":false,"restartCount":0,"image":"img","imageID":"sha256:1","containerID":"containerd://def","started":true,
                 "allocatedResources":{"cpu":"100m"},"resources":{"limits":{"memory":"64Mi"}},
                 "volumeMounts":[{"name":"data","mountPath":"/data","readOnly":true,"recursiveReadOnly":"Disabled"}],
                 "user":{"linux":{"uid":0,"gid":0,"supplementalGroups":[1,2]}},
                 "allocatedResourcesStatus":[{"name":"claim:gpu/req","resources":[{"resourceID":"dev-1","health":"Healthy"}]}],
                 "stopSignal":"SIGTERM"}],
               "qosClass":"Burstable","resourceClaimStatuses":[{"name":"gpu","resourceClaimName":"p-gpu-x"}],
               "allocatedResources":{"cpu":"200m"}}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_the_rarer_pod_spec_fields()
    {
        var body = ProtoWriter.Body("v1", "Pod", w => w.Message(2, s => s
            .Message(1, v => v.String(1, "repo").Message(2, vs => vs.Message(5, g => g.String(1, "https://example.com/r.git").String(2, "main").String(3, "."))))
            .Message(1, v => v.String(1, "disk").Message(2, vs => vs.Message(8, i => i.String(1, "10.0.0.9:3260").String(2, "iqn.x").Int32(3, 0)
                .String(4, "default").String(5, "ext4").Bool(6, false).String(7, "10.0.0.10:3260").Bool(8, true).Bool(11, false)
                .Message(10, r => r.String(1, "chap")).String(12, "iqn.init"))))
            .Message(1, v => v.String(1, "fc").Message(2, vs => vs.Message(17, f => f.String(1, "500a0982991b8dc5").Int32(2, 0).String(3, "ext4"))))
            .Message(1, v => v.String(1, "az").Message(2, vs => vs.Message(22, a => a.String(1, "d").String(2, "https://d").String(3, "ReadOnly")
                .String(4, "ext4").Bool(5, false).String(6, "Managed"))))
            .Message(1, v => v.String(1, "flex").Message(2, vs => vs.Message(12, f => f.String(1, "example/lvm").Message(3, r => r.String(1, "s"))
                .Entry(5, "size", "1G"))))
            .Message(1, v => v.String(1, "img").Message(2, vs => vs.Message(30, i => i.String(1, "registry/data:1").String(2, "IfNotPresent"))))
            .Message(1, v => v.String(1, "bundle").Message(2, vs => vs.Message(26, p => p
                .Message(1, src => src.Message(5, c => c.String(2, "example.com/signer")
                    .Message(3, l => l.Entry(1, "trust", "yes")).Bool(5, true).String(4, "ca.pem")))
                .Message(1, src => src.Message(6, c => c.String(1, "example.com/pods").String(2, "ED25519")
                    .Int32(3, 3600).String(4, "creds.pem").Entry(7, "example.com/team", "a"))))))
            .Message(20, c => c.String(1, "sidecar").String(2, "envoy").String(24, "Always")
                .Message(25, r => r.String(1, "Restart").Message(2, e => e.String(1, "In").Packed(2, 42, 43).Int32(2, 44)))
                .Message(23, r => r.String(1, "cpu").String(2, "NotRequired"))
                .Message(21, d => d.String(1, "raw").String(2, "/dev/xvda"))
                .Message(12, l => l.Message(2, h => h.Message(2, g => g.String(1, "/quit").IntOrString(2, "admin"))).String(3, "SIGUSR1"))
                .Message(15, sc => sc
                    .Message(3, o => o.String(1, "system_u").String(2, "system_r").String(3, "spc_t").String(4, "s0"))
                    .Message(10, o => o.String(1, "gmsa").String(3, "ContainerUser").Bool(4, false))
                    .String(9, "Unmasked")
                    .Message(12, a => a.String(1, "Localhost").String(2, "k8s-apparmor"))
                    .Message(13, u => u.String(1, "nofile").Varint(2, 1048576).Varint(3, 0))))
            .Message(2, c => c.String(1, "app").String(2, "app:1").Message(19, e => e.Message(3, r => r.Message(1, l => l.String(1, "s")))))
            .Message(34, e => e.Message(1, c => c.String(1, "debugger").String(2, "busybox").Bool(16, true).Bool(18, true))
                .String(2, "app"))
            .Varint(5, 600)
            .Message(14, p => p.Varint(4, 10).Varint(4, 11).String(12, "Strict").String(13, "MountOption"))
            .String(29, "gvisor")
            .QuantityEntry(32, "cpu", "250m")
            .Bool(37, false)
            .Message(38, g => g.String(1, "example.com/wait"))
            .Message(39, rc => rc.String(1, "gpu").String(4, "gpu-template"))
            .Message(40, r => r.QuantityEntry(2, "cpu", "1"))
            .String(41, "override")
            .Message(42, wl => wl.String(1, "training").String(2, "workers").String(3, ""))));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Pod","spec":{
              "volumes":[
                {"name":"repo","gitRepo":{"repository":"https://example.com/r.git","revision":"main","directory":"."}},
                {"name":"disk","iscsi":{"targetPortal":"10.0.0.9:3260","iqn":"iqn.x","iscsiInterface":"default","fsType":"ext4",
                  "portals":["10.0.0.10:3260"],"chapAuthDiscovery":true,"secretRef":{"name":"chap"},"initiatorName":"iqn.init"}},
                {"name":"fc","fc":{"targetWWNs":["500a0982991b8dc5"],"lun":0,"fsType":"ext4"}},
                {"name":"az","azureDisk":{"diskName":"d","diskURI":"https://d","cachingMode":"ReadOnly","fsType":"ext4","readOnly":false,"kind":"Managed"}},
                {"name":"flex","flexVolume":{"driver":"example/lvm","secretRef":{"name":"s"},"options":{"size":"1G"}}},
                {"name":"img","image":{"reference":"registry/data:1","pullPolicy":"IfNotPresent"}},
                {"name":"bundle","projected":{"sources":[
                  {"clusterTrustBundle":{"signerName":"example.com/signer","labelSelector":{"matchLabels":{"trust":"yes"}},"optional":true,"path":"ca.pem"}},
                  {"podCertificate":{"signerName":"example.com/pods","keyType":"ED25519","maxExpirationSeconds":3600,
                    "credentialBundlePath":"creds.pem","userAnnotations":{"example.com/team":"a"}}}]}}],
              "initContainers":[{"name":"sidecar","image":"envoy","restartPolicy":"Always",
                "restartPolicyRules":[{"action":"Restart","exitCodes":{"operator":"In","values":[42,43,44]}}],
                "resizePolicy":[{"resourceName":"cpu","restartPolicy":"NotRequired"}],
                "volumeDevices":[{"name":"raw","devicePath":"/dev/xvda"}],
                "lifecycle":{"preStop":{"httpGet":{"path":"/quit","port":"admin"}},"stopSignal":"SIGUSR1"},
                "securityContext":{"seLinuxOptions":{"user":"system_u","role":"system_r","type":"spc_t","level":"s0"},
                  "windowsOptions":{"gmsaCredentialSpecName":"gmsa","runAsUserName":"ContainerUser","hostProcess":false},
                  "procMount":"Unmasked","appArmorProfile":{"type":"Localhost","localhostProfile":"k8s-apparmor"},
                  "ulimits":[{"name":"nofile","hard":1048576,"soft":0}]}}],
              "containers":[{"name":"app","image":"app:1","envFrom":[{"secretRef":{"name":"s"}}]}],
              "ephemeralContainers":[{"name":"debugger","image":"busybox","stdin":true,"tty":true,"targetContainerName":"app"}],
              "activeDeadlineSeconds":600,
              "securityContext":{"supplementalGroups":[10,11],"supplementalGroupsPolicy":"Strict","seLinuxChangePolicy":"MountOption"},
              "runtimeClassName":"gvisor","overhead":{"cpu":"250m"},"hostUsers":false,
              "schedulingGates":[{"name":"example.com/wait"}],
              "resourceClaims":[{"name":"gpu","resourceClaimTemplateName":"gpu-template"}],
              "resources":{"requests":{"cpu":"1"}},"hostnameOverride":"override",
              "workloadRef":{"name":"training","podGroup":"workers"}}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_pod_template()
    {
        var body = ProtoWriter.Body("v1", "PodTemplate", w => w
            .Message(1, m => m.String(1, "tpl"))
            .Message(2, t => t.Message(1, m => m.Entry(11, "app", "x"))
                .Message(2, s => s.Message(2, c => c.String(1, "c").String(2, "i")).String(3, "OnFailure"))));

        JsonAssert.Equal(
            """{"apiVersion":"v1","kind":"PodTemplate","metadata":{"name":"tpl"},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":"i"}],"restartPolicy":"OnFailure"}}}""",
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_node_spec_and_status()
    {
        var body = ProtoWriter.Body("v1", "Node", w => w
            .Message(1, m => m.String(1, "node-1"))
            .Message(2, s => s.String(1, "10.244.0.0/24").String(7, "10.244.0.0/24").String(3, "kind://docker/n1").Bool(4, true)
                .Message(5, t => t.String(1, "dedicated").String(2, "gpu").String(3, "NoSchedule").Time(4, Jan2))
                .Message(6, c => c.Message(2, m => m.String(1, "kube-system").String(2, "kubelet").String(5, "kubelet")))
                .String(2, ""))
            .Message(3, s => s
                .QuantityEntry(1, "cpu", "4").QuantityEntry(1, "memory", "8Gi")
                .QuantityEntry(2, "cpu", "3800m")
                .String(3, "")
                .Message(4, c => c.String(1, "Ready").String(2, "True").Time(3, Jan2).Time(4, Jan2 - 3600)
                    .String(5, "KubeletReady").String(6, "kubelet is posting ready status"))
                .Message(5, a => a.String(1, "InternalIP").String(2, "172.18.0.2"))
                .Message(6, d => d.Message(1, k => k.Int32(1, 10250)))
                .Message(7, i => i.String(1, "m-1").String(2, "s-1").String(3, "b-1").String(4, "6.8.0").String(5, "Debian")
                    .String(6, "containerd://2.0").String(7, "v1.35.0").String(8, "").String(9, "linux").String(10, "amd64")
                    .Message(11, sw => sw.Varint(1, 0)))
                .Message(8, im => im.String(1, "nginx@sha256:1").String(1, "nginx:1.25").Varint(2, 71_000_000))
                .String(9, "kubernetes.io/csi/disk-1")
                .Message(10, v => v.String(1, "kubernetes.io/csi/disk-1").String(2, "/dev/sdb"))
                .Message(11, c => c.Message(2, a => a.Message(2, m => m.String(2, "kubelet"))).String(4, ""))
                .Message(12, h => h.String(1, "").Message(2, f => f.Bool(1, true).Bool(2, false)))
                .Message(13, f => f.Bool(1, true))
                .String(14, "InPlacePodVerticalScaling")));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1"},
             "spec":{"podCIDR":"10.244.0.0/24","podCIDRs":["10.244.0.0/24"],"providerID":"kind://docker/n1","unschedulable":true,
               "taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule","timeAdded":"2026-01-02T03:04:05Z"}],
               "configSource":{"configMap":{"namespace":"kube-system","name":"kubelet","kubeletConfigKey":"kubelet"}}},
             "status":{"capacity":{"cpu":"4","memory":"8Gi"},"allocatable":{"cpu":"3800m"},
               "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2026-01-02T03:04:05Z","lastTransitionTime":"2026-01-02T02:04:05Z",
                 "reason":"KubeletReady","message":"kubelet is posting ready status"}],
               "addresses":[{"type":"InternalIP","address":"172.18.0.2"}],
               "daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},
               "nodeInfo":{"machineID":"m-1","systemUUID":"s-1","bootID":"b-1","kernelVersion":"6.8.0","osImage":"Debian",
                 "containerRuntimeVersion":"containerd://2.0","kubeletVersion":"v1.35.0","operatingSystem":"linux","architecture":"amd64",
                 "swap":{"capacity":0}},
               "images":[{"names":["nginx@sha256:1","nginx:1.25"],"sizeBytes":71000000}],
               "volumesInUse":["kubernetes.io/csi/disk-1"],
               "volumesAttached":[{"name":"kubernetes.io/csi/disk-1","devicePath":"/dev/sdb"}],
               "config":{"active":{"configMap":{"name":"kubelet"}}},
               "runtimeHandlers":[{"features":{"recursiveReadOnlyMounts":true,"userNamespaces":false}}],
               "features":{"supplementalGroupsPolicy":true},
               "declaredFeatures":["InPlacePodVerticalScaling"]}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_core_event_with_time_and_micro_time()
    {
        var body = ProtoWriter.Body("v1", "Event", w => w
            .Message(1, m => m.String(1, "web.1").String(3, "default"))
            .Message(2, o => o.String(1, "Pod").String(2, "default").String(3, "web").String(4, "u").String(5, "v1")
                .String(6, "5").String(7, "spec.containers{c}"))
            .String(3, "Pulled").String(4, "Pulled image")
            .Message(5, s => s.String(1, "kubelet").String(2, "node-1"))
            // Time drops the nanos (metav1.Time unmarshals whole seconds); MicroTime truncates to microseconds.
            .Time(6, Jan2, nanos: 500_000_000).Time(7, Jan2 + 1)
            .Int32(8, 3).String(9, "Normal")
            .Time(10, Jan2, nanos: 123_456_789)
            .Message(11, s => s.Int32(1, 2).Time(2, Jan2, nanos: 1_000))
            .String(12, "Pull")
            .Message(13, o => o.String(1, "Node").String(3, "node-1"))
            .String(14, "kubelet").String(15, "kubelet-node-1"));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"default"},
             "involvedObject":{"kind":"Pod","namespace":"default","name":"web","uid":"u","apiVersion":"v1","resourceVersion":"5","fieldPath":"spec.containers{c}"},
             "reason":"Pulled","message":"Pulled image","source":{"component":"kubelet","host":"node-1"},
             "firstTimestamp":"2026-01-02T03:04:05Z","lastTimestamp":"2026-01-02T03:04:06Z","count":3,"type":"Normal",
             "eventTime":"2026-01-02T03:04:05.123456Z","series":{"count":2,"lastObservedTime":"2026-01-02T03:04:05.000001Z"},
             "action":"Pull","related":{"kind":"Node","name":"node-1"},
             "reportingComponent":"kubelet","reportingInstance":"kubelet-node-1"}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_endpoints()
    {
        var body = ProtoWriter.Body("v1", "Endpoints", w => w
            .Message(1, m => m.String(1, "web"))
            .Message(2, s => s
                .Message(1, a => a.String(1, "10.1.0.7").String(3, "web-0").String(4, "")
                    .Message(2, r => r.String(1, "Pod").String(3, "web-0")))
                .Message(2, a => a.String(1, "10.1.0.8"))
                .Message(3, p => p.String(1, "http").Int32(2, 8080).String(3, "TCP").String(4, "kubernetes.io/h2c"))));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web"},"subsets":[{
              "addresses":[{"ip":"10.1.0.7","hostname":"web-0","nodeName":"","targetRef":{"kind":"Pod","name":"web-0"}}],
              "notReadyAddresses":[{"ip":"10.1.0.8"}],
              "ports":[{"name":"http","port":8080,"protocol":"TCP","appProtocol":"kubernetes.io/h2c"}]}]}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_full_service_spec_and_status()
    {
        var body = ProtoWriter.Body("v1", "Service", w => w
            .Message(1, m => m.String(1, "web"))
            .Message(2, s => s
                .Message(1, p => p.String(1, "http").String(2, "TCP").String(6, "http").Int32(3, 80).IntOrString(4, "http").Int32(5, 0))
                .Entry(2, "app", "web")
                .String(3, "None").String(18, "None").String(4, "LoadBalancer").String(5, "203.0.113.10")
                .String(7, "ClientIP").String(8, "").String(9, "10.0.0.0/8").String(10, "").String(11, "Local")
                .Int32(12, 30000).Bool(13, true)
                .Message(14, a => a.Message(1, c => c.Int32(1, 10800)))
                .String(19, "IPv4").String(19, "IPv6").String(17, "PreferDualStack").Bool(20, false)
                .String(21, "example.com/lb").String(22, "Cluster").String(23, "PreferClose"))
            .Message(3, s => s
                .Message(1, lb => lb.Message(1, i => i.String(1, "203.0.113.10").String(2, "").String(3, "VIP")
                    .Message(4, p => p.Int32(1, 80).String(2, "TCP").String(3, ""))))
                .Message(2, c => c.String(1, "Ready").String(2, "True").Varint(3, 0).Time(4, Jan2).String(5, "Provisioned").String(6, ""))));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
             "spec":{"ports":[{"name":"http","protocol":"TCP","appProtocol":"http","port":80,"targetPort":"http"}],
               "selector":{"app":"web"},"clusterIP":"None","clusterIPs":["None"],"type":"LoadBalancer","externalIPs":["203.0.113.10"],
               "sessionAffinity":"ClientIP","loadBalancerSourceRanges":["10.0.0.0/8"],"externalTrafficPolicy":"Local",
               "healthCheckNodePort":30000,"publishNotReadyAddresses":true,"sessionAffinityConfig":{"clientIP":{"timeoutSeconds":10800}},
               "ipFamilies":["IPv4","IPv6"],"ipFamilyPolicy":"PreferDualStack","allocateLoadBalancerNodePorts":false,
               "loadBalancerClass":"example.com/lb","internalTrafficPolicy":"Cluster","trafficDistribution":"PreferClose"},
             "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.10","ipMode":"VIP","ports":[{"port":80,"protocol":"TCP","error":""}]}]},
               "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-02T03:04:05Z","reason":"Provisioned"}]}}
            """,
            KubeProtobuf.Decode(body));
    }

    [Fact]
    public void Decodes_service_account_and_namespace_status()
    {
        var serviceAccount = ProtoWriter.Body("v1", "ServiceAccount", w => w
            .Message(1, m => m.String(1, "builder"))
            .Message(2, r => r.String(3, "builder-token"))
            .Message(3, r => r.String(1, "regcred"))
            .Bool(4, false));
        var ns = ProtoWriter.Body("v1", "Namespace", w => w
            .Message(1, m => m.String(1, "old"))
            .Message(2, s => s.String(1, "kubernetes"))
            .Message(3, s => s.String(1, "Terminating")
                .Message(2, c => c.String(1, "NamespaceDeletionContentFailure").String(2, "False").Time(4, Jan2)
                    .String(5, "ContentDeleted").String(6, "All content successfully deleted"))));

        JsonAssert.Equal(
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"builder"},"secrets":[{"name":"builder-token"}],"imagePullSecrets":[{"name":"regcred"}],"automountServiceAccountToken":false}""",
            KubeProtobuf.Decode(serviceAccount));
        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"old"},"spec":{"finalizers":["kubernetes"]},
             "status":{"phase":"Terminating","conditions":[{"type":"NamespaceDeletionContentFailure","status":"False",
               "lastTransitionTime":"2026-01-02T03:04:05Z","reason":"ContentDeleted","message":"All content successfully deleted"}]}}
            """,
            KubeProtobuf.Decode(ns));
    }

    [Fact]
    public void Decodes_persistent_volume_claim()
    {
        var body = ProtoWriter.Body("v1", "PersistentVolumeClaim", w => w
            .Message(1, m => m.String(1, "data"))
            .Message(2, s => s.String(1, "ReadWriteOnce")
                .Message(4, l => l.Message(2, r => r.String(1, "tier").String(2, "NotIn").String(3, "cold")))
                .Message(2, r => r.QuantityEntry(2, "storage", "10Gi").QuantityEntry(1, "storage", "20Gi"))
                .String(3, "pv-1").String(5, "").String(6, "Block")
                .Message(7, d => d.String(1, "").String(2, "PersistentVolumeClaim").String(3, "src"))
                .Message(8, d => d.String(1, "snapshot.storage.k8s.io").String(2, "VolumeSnapshot").String(3, "snap").String(4, "backups"))
                .String(9, "gold"))
            .Message(3, s => s.String(1, "Bound").String(2, "ReadWriteOnce").QuantityEntry(3, "storage", "10Gi")
                .Message(4, c => c.String(1, "Resizing").String(2, "True").Time(3, Jan2).Time(4, Jan2))
                .QuantityEntry(5, "storage", "20Gi").Entry(7, "storage", "ControllerResizeInProgress")
                .String(8, "silver").Message(9, m => m.String(1, "gold").String(2, "InProgress"))));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},
             "spec":{"accessModes":["ReadWriteOnce"],"selector":{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["cold"]}]},
               "resources":{"requests":{"storage":"10Gi"},"limits":{"storage":"20Gi"}},"volumeName":"pv-1","storageClassName":"",
               "volumeMode":"Block","dataSource":{"apiGroup":"","kind":"PersistentVolumeClaim","name":"src"},
               "dataSourceRef":{"apiGroup":"snapshot.storage.k8s.io","kind":"VolumeSnapshot","name":"snap","namespace":"backups"},
               "volumeAttributesClassName":"gold"},
             "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"10Gi"},
               "conditions":[{"type":"Resizing","status":"True","lastProbeTime":"2026-01-02T03:04:05Z","lastTransitionTime":"2026-01-02T03:04:05Z"}],
               "allocatedResources":{"storage":"20Gi"},"allocatedResourceStatuses":{"storage":"ControllerResizeInProgress"},
               "currentVolumeAttributesClassName":"silver","modifyVolumeStatus":{"targetVolumeAttributesClassName":"gold","status":"InProgress"}}}
            """,
            KubeProtobuf.Decode(body));
    }
}
