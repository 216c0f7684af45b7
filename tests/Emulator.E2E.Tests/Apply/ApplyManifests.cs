namespace Emulator.E2E.Tests.Apply;

/// <summary>Manifests the apply tests send; each is a function of what the test changes between applies.</summary>
public static class ApplyManifests
{
    public static string Deployment(string name, string image, int replicas = 2, string extraSpec = "") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels: {"{"}app: {name}{"}"}
        spec:
          replicas: {replicas}{extraSpec}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: web
                image: {image}
                ports:
                - containerPort: 80

        """;

    public static string Service(string name, bool withHttps) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          selector: {"{"}app: {name}{"}"}
          ports:
          - name: http
            port: 80
            targetPort: 8080
        {(withHttps ? "  - name: https\n    port: 443\n    targetPort: 8443\n" : "")}
        """;

    public static string ConfigMap(string name) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        data:
          greeting: hello

        """;

    public static string App(string name, string image, bool withHttps) =>
        string.Join("---\n", Deployment(name, image), Service(name, withHttps), ConfigMap(name));
}
