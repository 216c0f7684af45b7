using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Proxy;

/// <summary>
/// Pods whose "container" is a <see cref="TestBackend"/>: bound to a node no kubelet runs (so nothing else changes
/// their status), then marked Running with the backend's address as pod IP through the status subresource.
/// </summary>
public static class TestPods
{
    public static async Task CreateRunningAsync(EmulatorFixture fixture, string ns, string name, string podIp, int containerPort)
    {
        var manifest = $"""
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: {name}
                          labels:
                            app: {name}
                        spec:
                          nodeName: not-a-node
                          containers:
                          - name: main
                            image: example.invalid/backend
                            ports:
                            - containerPort: {containerPort}
                        """;
        (await fixture.Kubectl.CreateFromManifestAsync(manifest, "-n", ns)).Succeeds();
        var path = $"/api/v1/namespaces/{ns}/pods/{name}";
        var pod = (await fixture.Api.GetAsync(path)).HasStatus(HttpStatusCode.OK).Json();
        pod["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["podIP"] = podIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
        };
        (await fixture.Api.PutAsync(path + "/status", pod.ToJsonString())).HasStatus(HttpStatusCode.OK);
    }
}
