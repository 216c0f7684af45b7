using System.Net.Sockets;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Kubelet.Emulations;
using Emulator.Infrastructure.Workloads;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// Starts a pod's containers as image emulations on the pod IP, with the environment the kubelet would give them,
/// and records the kubelet's Pulling/Pulled/Created/Started events (pkg/kubelet/events/event.go reasons).
/// </summary>
public sealed class ContainerStarter(EmulationCatalog emulations, EventRecorder events, PodLogs logs, ServiceLinkSource serviceLinks)
{
    private const string Component = "kubelet";

    public async Task StartAsync(JsonObject pod, PodRuntime runtime, string hostIp, bool recordEvents, CancellationToken ct)
    {
        var node = pod["spec"].Str("nodeName");
        var enableLinks = pod["spec"]?["enableServiceLinks"] is not JsonValue v || !v.TryGetValue<bool>(out var e) || e;
        var links = serviceLinks.For(pod.Namespace() ?? "default", enableLinks);
        foreach (var container in (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var name = container.Str("name") ?? "";
            var imageName = container.Str("image") ?? "";
            var image = ImageReference.Parse(imageName);
            var fieldPath = $"spec.containers{{{name}}}";
            if (recordEvents)
            {
                if (container.Str("imagePullPolicy") == "Always")
                {
                    await events.RecordAsync(pod, "Normal", "Pulling", $"Pulling image \"{imageName}\"", Component, node, ct, fieldPath);
                    await events.RecordAsync(pod, "Normal", "Pulled",
                        $"Successfully pulled image \"{imageName}\" in 412ms (412ms including waiting). Image size: 3781312 bytes.", Component, node, ct, fieldPath);
                }
                else
                {
                    await events.RecordAsync(pod, "Normal", "Pulled", $"Container image \"{imageName}\" already present on machine", Component, node, ct, fieldPath);
                }
                await events.RecordAsync(pod, "Normal", "Created", $"Created container: {name}", Component, node, ct, fieldPath);
            }
            var env = ContainerEnvironment.Build(pod, container, links, runtime.PodIp!, hostIp);
            var ns = pod.Namespace() ?? "default";
            var context = new ContainerContext(runtime.PodIp!, ns, pod.Name(), name, image, env,
                Strings(container["command"]), Strings(container["args"]), line => logs.Append(ns, pod.Name(), name, line));
            var emulation = emulations.Find(image);
            try
            {
                runtime.Processes.Add(emulation is null ? NothingRunning.Instance : await emulation.StartAsync(context, ct));
            }
            catch (SocketException error)
            {
                // The emulation's port could not be bound (privileged port without CAP_NET_BIND_SERVICE, address in use).
                runtime.Processes.Add(NothingRunning.Instance);
                await events.RecordAsync(pod, "Warning", "EmulationBindFailed",
                    $"The emulated {image.Repository} could not listen on {runtime.PodIp}: {error.Message}; its ports will refuse connections",
                    Component, node, ct, fieldPath);
            }
            // A container with a readiness probe is unready until the probe first succeeds.
            runtime.Ready[name] = ReadinessProber.ProbeOf(container) is null;
            if (ReadinessProber.ProbeOf(container) is { } probe)
                runtime.NextProbe[name] = DateTimeOffset.UtcNow + ReadinessProber.InitialDelay(probe);
            if (!recordEvents) continue;
            await events.RecordAsync(pod, "Normal", "Started", $"Started container {name}", Component, node, ct, fieldPath);
            if (emulation is null)
                await events.RecordAsync(pod, "Warning", "ImageNotEmulated",
                    $"Image \"{imageName}\" has no emulation in this emulator: the container runs idle and its ports will refuse connections",
                    Component, node, ct, fieldPath);
        }
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList() ?? [];
}
