using System.Text.Json.Nodes;
using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>
/// Bodies kubectl v1.35.2 actually sent, decoded and compared with the JSON the same command produces with
/// <c>-o json --dry-run=client</c> (i.e. what kubectl would have sent as application/json). That output has no
/// <c>"creationTimestamp": null</c> in v1.35, so the comparison is exact; only property order differs
/// (apiVersion/kind come first here), which the comparison ignores.
/// </summary>
public sealed class KubectlCapturedBodyTests
{
    public static TheoryData<string, string> CreateCommands => new()
    {
        {
            nameof(CapturedBodies.KubectlCreateDeploymentHttpenv),
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"httpenv","labels":{"app":"httpenv"}},"spec":{"replicas":10,"selector":{"matchLabels":{"app":"httpenv"}},"template":{"metadata":{"labels":{"app":"httpenv"}},"spec":{"containers":[{"name":"httpenv","image":"jpetazzo/httpenv","resources":{}}]}},"strategy":{}},"status":{}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateDeploymentWithPort),
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":8888}],"resources":{}}]}},"strategy":{}},"status":{}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateDeploymentTwoImages),
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"multi","labels":{"app":"multi"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"multi"}},"template":{"metadata":{"labels":{"app":"multi"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}},{"name":"busybox","image":"busybox","resources":{}}]}},"strategy":{}},"status":{}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateConfigMapLiterals),
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c"},"data":{"a":"b","c":"d"}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateConfigMapFromFiles),
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"files"},"data":{"text.txt":"hello\nworld\n"},"binaryData":{"bin.dat":"//4AYmluYXJ5"}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateSecretGeneric),
            """{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s"},"data":{"user":"YWRtaW4="}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateSecretDockerRegistry),
            """{"kind":"Secret","apiVersion":"v1","metadata":{"name":"reg"},"data":{".dockerconfigjson":"eyJhdXRocyI6eyJyLmV4YW1wbGUuY29tIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImF1dGgiOiJkVHB3In19fQ=="},"type":"kubernetes.io/dockerconfigjson"}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateNamespace),
            """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"n1"},"spec":{},"status":{}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateServiceClusterIp),
            """{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"web"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateServiceNodePort),
            """{"kind":"Service","apiVersion":"v1","metadata":{"name":"np","labels":{"app":"np"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080,"nodePort":30080}],"selector":{"app":"np"},"type":"NodePort"},"status":{"loadBalancer":{}}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateServiceExternalName),
            """{"kind":"Service","apiVersion":"v1","metadata":{"name":"ext","labels":{"app":"ext"}},"spec":{"selector":{"app":"ext"},"type":"ExternalName","externalName":"example.com"},"status":{"loadBalancer":{}}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateServiceLoadBalancer),
            """{"kind":"Service","apiVersion":"v1","metadata":{"name":"lb","labels":{"app":"lb"}},"spec":{"ports":[{"name":"443-8443","protocol":"TCP","port":443,"targetPort":8443}],"selector":{"app":"lb"},"type":"LoadBalancer"},"status":{"loadBalancer":{}}}"""
        },
        {
            nameof(CapturedBodies.KubectlCreateServiceAccount),
            """{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"sa1"}}"""
        },
    };

    [Theory]
    [MemberData(nameof(CreateCommands))]
    public void Decodes_kubectl_create_like_its_dry_run_json(string capture, string dryRunJson)
    {
        var decoded = KubeProtobuf.Decode(Capture(capture));

        JsonAssert.Equal(dryRunJson, decoded);
    }

    [Fact]
    public void Puts_apiVersion_and_kind_first()
    {
        var decoded = KubeProtobuf.Decode(Capture(nameof(CapturedBodies.KubectlCreateDeploymentHttpenv)));

        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], decoded.Select(p => p.Key));
    }

    [Fact]
    public void Decodes_kubectl_debug_node_pod()
    {
        var decoded = KubeProtobuf.Decode(Capture(nameof(CapturedBodies.KubectlDebugNode)));

        // The sysadmin profile's pod: a hostPath volume whose *HostPathType is nil (so no "type"), a pointer
        // privileged=true, and the host namespaces; nothing else is set.
        JsonAssert.Equal(
            """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"node-debugger-node-1-dc4wl","labels":{"app.kubernetes.io/managed-by":"kubectl-debug"}},"spec":{"volumes":[{"name":"host-root","hostPath":{"path":"/"}}],"containers":[{"name":"debugger","image":"busybox:1.36","resources":{},"volumeMounts":[{"name":"host-root","mountPath":"/host"}],"terminationMessagePolicy":"File","securityContext":{"privileged":true}}],"restartPolicy":"Never","nodeName":"node-1","hostNetwork":true,"hostPID":true,"hostIPC":true,"tolerations":[{"operator":"Exists"}]},"status":{}}""",
            decoded);
    }

    [Fact]
    public void Decodes_kubectl_debug_copy_of_a_rich_pod_back_to_the_served_json()
    {
        var decoded = KubeProtobuf.Decode(Capture(nameof(CapturedBodies.KubectlDebugPodCopy)));

        // What kubectl debug --copy-to changes (k8s.io/kubectl/pkg/cmd/debug): new ObjectMeta with only name,
        // namespace and (with --keep-annotations) annotations; the spec copied, with shareProcessNamespace set from
        // --share-processes=false and the --container/--image debug container appended; status left empty.
        var expected = JsonNode.Parse(RichPod.Json)!.AsObject();
        var served = expected["metadata"]!.AsObject();
        expected["metadata"] = new JsonObject
        {
            ["name"] = "rich-copy",
            ["namespace"] = served["namespace"]!.DeepClone(),
            ["annotations"] = served["annotations"]!.DeepClone(),
        };
        var spec = expected["spec"]!.AsObject();
        spec["shareProcessNamespace"] = false;
        spec["containers"]!.AsArray().Add(JsonNode.Parse(
            """{"name":"debugger","image":"busybox:1.36","resources":{},"terminationMessagePolicy":"File"}"""));
        expected["status"] = new JsonObject();

        JsonAssert.Equal(expected.ToJsonString(), decoded);
    }

    private static byte[] Capture(string name) =>
        CapturedBodies.Bytes((string)typeof(CapturedBodies).GetField(name)!.GetValue(null)!);
}
