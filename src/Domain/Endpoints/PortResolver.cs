using System.Globalization;
using k8s.Models;

namespace Emulator.Domain.Endpoints;

/// <summary>podutil.FindPort (kubernetes/endpointslice utils.go): which pod port a service port's targetPort means.</summary>
public static class PortResolver
{
    /// <summary>
    /// A numeric targetPort is used as is (never checked against the containers); a named one is the first port
    /// with that name and the service port's protocol in the regular containers, then in restartable (sidecar) init
    /// containers. Null when a named port is not found: the pod then gets no entry for that service port.
    /// </summary>
    public static int? FindPort(V1Pod pod, V1ServicePort servicePort)
    {
        var target = servicePort.TargetPort?.Value;
        if (string.IsNullOrEmpty(target)) return servicePort.Port;
        // IANA_SVC_NAME needs a letter, so an all-digit value is a number.
        if (int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        var protocol = servicePort.Protocol ?? "TCP";
        foreach (var container in pod.Spec?.Containers ?? [])
            if (Match(container, target, protocol) is { } port) return port;
        foreach (var container in pod.Spec?.InitContainers ?? [])
        {
            if (container.RestartPolicy != "Always") continue;
            if (Match(container, target, protocol) is { } port) return port;
        }
        return null;
    }

    private static int? Match(V1Container container, string name, string protocol) =>
        container.Ports?.FirstOrDefault(p => p.Name == name && (p.Protocol ?? "TCP") == protocol)?.ContainerPort;
}
