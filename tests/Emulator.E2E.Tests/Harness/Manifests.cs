using System.Text.Json.Nodes;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// Objects the tests send: JSON for raw HTTP, YAML for <c>kubectl create -f -</c> (the way users write manifests).
/// </summary>
public static class Manifests
{
    public static string Namespace(string name) =>
        new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name },
        }.ToJsonString();

    public static string ConfigMap(string name, IReadOnlyDictionary<string, string> data, string? resourceVersion = null, string kind = "ConfigMap")
    {
        var metadata = new JsonObject { ["name"] = name };
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        var dataObject = new JsonObject();
        foreach (var (key, value) in data)
        {
            dataObject[key] = value;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["data"] = dataObject,
        }.ToJsonString();
    }

    public static string ConfigMapYaml(string name, string key, string value) =>
        $"""
         apiVersion: v1
         kind: ConfigMap
         metadata:
           name: {name}
         data:
           {key}: {value}
         """;

    public static string PodYaml(string name, string image = "nginx") =>
        $"""
         apiVersion: v1
         kind: Pod
         metadata:
           name: {name}
           labels:
             app: {name}
         spec:
           containers:
           - name: main
             image: {image}
             ports:
             - containerPort: 80
         """;

    public static string ServiceYaml(string name) =>
        $"""
         apiVersion: v1
         kind: Service
         metadata:
           name: {name}
           labels:
             app: {name}
             tier: e2e
         spec:
           selector:
             app: {name}
           ports:
           - name: http
             port: 8888
             targetPort: 8888
             protocol: TCP
         """;

    public static string DeploymentYaml(string name) =>
        $"""
         apiVersion: apps/v1
         kind: Deployment
         metadata:
           name: {name}
           labels:
             app: {name}
         spec:
           replicas: 2
           selector:
             matchLabels:
               app: {name}
           template:
             metadata:
               labels:
                 app: {name}
             spec:
               containers:
               - name: web
                 image: nginx:1.27
                 ports:
                 - containerPort: 80
         """;
}
