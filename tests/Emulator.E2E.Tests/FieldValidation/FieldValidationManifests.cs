namespace Emulator.E2E.Tests.FieldValidation;

/// <summary>Manifests with the typos people make: a field misspelled at the top of the spec and one in a container.</summary>
internal static class FieldValidationManifests
{
    public static string TypoDeployment(string name) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicass: 2
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                imagee: nginx:1.28
        """;

    /// <summary>A Deployment turned into a Service by hand, with the Deployment's replicas left behind.</summary>
    public static string ServiceWithLeftoverReplicas(string name) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
        spec:
          replicas: 3
          selector:
            app: {name}
          ports:
          - port: 80
            targetPort: 8080
        """;

    public const string StrictTypos =
        "strict decoding error: unknown field \"spec.replicass\", unknown field \"spec.template.spec.containers[0].imagee\"";
}
