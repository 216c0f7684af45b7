using System.Net.Sockets;
using System.Text.Json.Nodes;
using Emulator.Domain.Dns;
using Emulator.Domain.Kubelet;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Dns;
using Emulator.Infrastructure.Kubelet.Emulations;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Workloads;

namespace Emulator.Infrastructure.Kubelet;

/// <summary>
/// Starts one instance of a pod's container on the pod IP, with the environment the kubelet would give it, and records
/// the kubelet's Pulling/Pulled/Created/Started events (pkg/kubelet/events/event.go reasons). What runs is the image's
/// emulation with the container's command line, or the sh interpreter for shells and busybox programs; anything else
/// idles, with a Warning event saying so.
/// </summary>
public sealed class ContainerStarter(EmulationCatalog emulations, EventRecorder events, PodLogs logs, ServiceLinkSource serviceLinks, TimeProvider time,
    DnsZoneIndex dnsZone, DnsAnswerPlanner dnsPlanner, ClusterOptions cluster)
{
    private const string Component = "kubelet";

    public async Task StartAsync(JsonObject pod, PodRuntime runtime, ContainerRuntime container, string hostIp, bool recordEvents, CancellationToken ct)
    {
        var node = pod["spec"].Str("nodeName");
        var ns = pod.Namespace() ?? "default";
        var spec = container.Spec;
        var name = container.Name;
        var imageName = container.Image;
        var image = ImageReference.Parse(imageName);
        var fieldPath = container.FieldPath;
        var firstStart = container.Instance < 0;
        container.Instance++;
        if (container.Terminated is { } ended) container.LastTerminated = ended;
        container.Terminated = null;
        container.WaitingReason = container.WaitingMessage = null;
        container.RestartAt = null;
        container.ContainerId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            container.Instance == 0 ? $"{pod.Meta().Str("uid")}/{name}" : $"{pod.Meta().Str("uid")}/{name}/{container.Instance}")));

        if (recordEvents)
        {
            if (firstStart && spec.Str("imagePullPolicy") == "Always")
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

        var enableLinks = pod["spec"]?["enableServiceLinks"] is not JsonValue v || !v.TryGetValue<bool>(out var e) || e;
        var links = serviceLinks.For(ns, enableLinks);
        var env = ContainerEnvironment.Build(pod, spec, links, runtime.PodIp!, hostIp);
        var command = Strings(spec["command"]);
        var args = Strings(spec["args"]);
        var emulation = emulations.Find(image);
        var (entrypoint, cmd) = emulation is ShellEmulation ? ShellEmulation.DefaultsOf(image) : emulation?.Defaults ?? ([], []);
        var argv = ContainerCommand.Argv(entrypoint, cmd, command, args, env);
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        container.Exited = exited;
        logs.Begin(ns, pod.Name(), name, container.ContainerId);
        var context = new ContainerContext(runtime.PodIp!, ns, pod.Name(), name, image, env, command, args, line => logs.Append(ns, pod.Name(), name, line))
        {
            Argv = argv,
            Exit = code => exited.TrySetResult(code),
            Network = new PodNetwork(dnsZone, dnsPlanner, cluster, ns) { Loopback = System.Net.IPAddress.TryParse(runtime.PodIp, out var ip) ? ip : null },
        };

        string? warningReason = null, warning = null;
        container.Shell = null;
        container.Console = null;
        var interpret = emulation is ShellEmulation || (command.Count > 0 && ContainerCommand.IsInterpretable(argv));
        try
        {
            if (interpret)
            {
                container.StopExitCode = 137;
                var program = ContainerCommand.Program(argv);
                if (Flag(spec, "stdin") && Emulator.Domain.Kubelet.Exec.ExecPlan.For(argv) is { Interactive: true } bare)
                {
                    // A shell whose stdin the runtime keeps open (kubectl run -it): it waits for command lines from attach.
                    container.Console = new Emulator.Domain.Kubelet.Exec.ContainerConsole(Flag(spec, "tty"), Flag(spec, "stdinOnce"));
                    (container.Process, container.Shell) = ShellEmulation.RunInteractive(bare.Positional, container.Console, context, time);
                }
                else if (program.Script is null)
                {
                    container.Process = NothingRunning.Instance;
                    (warningReason, warning) = ("CommandNotEmulated",
                        $"The command [{string.Join(" ", argv)}] is not emulated ({program.Unsupported}): the container runs idle and writes nothing");
                }
                else (container.Process, container.Shell) = ShellEmulation.Run(program, context, time);
            }
            else if (emulation is null)
            {
                container.Process = NothingRunning.Instance;
                container.StopExitCode = 137;
                (warningReason, warning) = ("ImageNotEmulated",
                    $"Image \"{imageName}\" has no emulation in this emulator: the container runs idle and its ports will refuse connections");
            }
            else
            {
                container.StopExitCode = emulation.StopExitCode;
                container.Process = await emulation.StartAsync(context, ct);
            }
        }
        catch (EmulationNotSupportedException unsupported)
        {
            container.Process = NothingRunning.Instance;
            (warningReason, warning) = ("CommandNotEmulated",
                $"The command [{string.Join(" ", argv)}] is not emulated ({unsupported.Message}): the container runs idle and writes nothing");
        }
        catch (SocketException error)
        {
            // The emulation's port could not be bound (privileged port without CAP_NET_BIND_SERVICE, address in use).
            container.Process = NothingRunning.Instance;
            (warningReason, warning) = ("EmulationBindFailed",
                $"The emulated {image.Repository} could not listen on {runtime.PodIp}: {error.Message}; its ports will refuse connections");
        }

        container.ExecHost = container.Shell ?? new Emulator.Domain.Kubelet.Shell.ShellHost(env, context.Hostname, _ => { },
            (d, token) => Task.Delay(d, time, token), time.GetUtcNow) { Network = context.Network };
        var now = time.GetUtcNow();
        container.RunningSinceTime = now;
        container.RunningSince = SystemFields.Timestamp(now);
        container.Startup = ProbeSpec.Of(spec, ProbeKind.Startup) is { } s ? new ProbeTracker(s, now) : null;
        container.Liveness = ProbeSpec.Of(spec, ProbeKind.Liveness) is { } l ? new ProbeTracker(l, now) : null;
        container.Readiness = ProbeSpec.Of(spec, ProbeKind.Readiness) is { } r ? new ProbeTracker(r, now) : null;
        // A container with a readiness probe is unready until the probe first succeeds; with a startup probe, not started.
        container.Started = container.Startup is null;
        container.Ready = container.Readiness is null && container.Started;

        if (!recordEvents) return;
        await events.RecordAsync(pod, "Normal", "Started", $"Started container {name}", Component, node, ct, fieldPath);
        if (warning is not null && (firstStart || warningReason != "ImageNotEmulated"))
            await events.RecordAsync(pod, "Warning", warningReason!, warning, Component, node, ct, fieldPath);
    }

    private static bool Flag(JsonObject spec, string name) => spec[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray)?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList() ?? [];
}
