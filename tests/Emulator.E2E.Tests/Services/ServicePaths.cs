namespace Emulator.E2E.Tests.Services;

internal static class ServicePaths
{
    public static string Services(string ns) => $"/api/v1/namespaces/{ns}/services";

    public static string Service(string ns, string name) => $"{Services(ns)}/{name}";

    public static string NodePortService(string name, int? nodePort = null, string? clusterIp = null) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"type\":\"NodePort\""
        + (clusterIp is null ? "" : ",\"clusterIP\":\"" + clusterIp + "\"")
        + ",\"ports\":[{\"port\":80" + (nodePort is null ? "" : ",\"nodePort\":" + nodePort) + "}]}}";
}
