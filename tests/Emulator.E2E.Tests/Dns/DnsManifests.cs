namespace Emulator.E2E.Tests.Dns;

/// <summary>Manifests for the DNS tests, with addresses picked at random so tests sharing an emulator never collide.</summary>
public static class DnsManifests
{
    /// <summary>A free-looking address in the service range 127.96.0.0/12, above the built-in services.</summary>
    public static string ClusterIp() => $"127.{Random.Shared.Next(100, 112)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    /// <summary>An endpoint address outside the pod range, so no simulated pod shares it.</summary>
    public static string EndpointIp() => $"127.240.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    public static string ClusterIpService(string ns, string name, string clusterIp) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          clusterIP: {{clusterIp}}
          ports:
          - {name: http, port: 80, targetPort: 8080, protocol: TCP}
          - {name: dns, port: 53, protocol: UDP}
        """;

    /// <summary>A headless Service without a selector: its endpoints are whatever EndpointSlices name it.</summary>
    public static string HeadlessService(string ns, string name) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          clusterIP: None
          ports:
          - {name: http, port: 80, targetPort: 8080, protocol: TCP}
        """;

    public static string ExternalNameService(string ns, string name, string target) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          type: ExternalName
          externalName: {{target}}
        """;

    /// <summary>An EndpointSlice for <paramref name="service"/>: the first address has hostname web-0, the second no hostname, the third is not ready.</summary>
    public static string EndpointSlice(string ns, string name, string service, string ready, string readyUnset, string notReady) => $$"""
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: {kubernetes.io/service-name: {{service}}}
        addressType: IPv4
        ports:
        - {name: http, port: 8080, protocol: TCP}
        endpoints:
        - addresses: [{{ready}}]
          hostname: web-0
          conditions: {ready: true}
        - addresses: [{{readyUnset}}]
        - addresses: [{{notReady}}]
          conditions: {ready: false}
        """;
}
