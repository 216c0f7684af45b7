namespace Emulator.E2E.Tests.DaemonSets;

public static class DaemonSetManifests
{
    /// <summary>A DaemonSet of one container, labelled app=&lt;name&gt;, with an optional nodeSelector line ("disk: ssd").</summary>
    public static string DaemonSet(string name, string image, string? nodeSelector = null) => $"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: {name}
        spec:
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
        {(nodeSelector is null ? "" : $"      nodeSelector:\n        {nodeSelector}\n")}      containers:
              - name: main
                image: {image}
        """;
}
