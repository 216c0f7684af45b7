namespace Emulator.E2E.Tests.Harness;

/// <summary>REST paths of the kinds the tests touch over raw HTTP.</summary>
public static class ApiPaths
{
    public const string Namespaces = "/api/v1/namespaces";

    public static string ConfigMaps(string ns) => $"/api/v1/namespaces/{ns}/configmaps";

    public static string ConfigMap(string ns, string name) => $"{ConfigMaps(ns)}/{name}";

    public static string Secrets(string ns) => $"/api/v1/namespaces/{ns}/secrets";

    public static string Secret(string ns, string name) => $"{Secrets(ns)}/{name}";
}
