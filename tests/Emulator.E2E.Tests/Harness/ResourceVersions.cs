using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// resourceVersions as numbers. Kubernetes calls them opaque, but this server's contract (design.md §4: the change
/// log id is the global resourceVersion) makes them increase, which is what the persistence tests check.
/// </summary>
public static class ResourceVersions
{
    public static long Of(JsonNode obj) => Parse((string?)obj["metadata"]?["resourceVersion"], obj.ToJsonString());

    public static async Task<long> ReadAsync(Kubectl kubectl, string ns, string resource)
    {
        var result = (await kubectl.RunAsync("get", resource, "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}")).Succeeds();
        return Parse(result.Stdout, result.Describe());
    }

    public static long Parse(string? value, string context) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new XunitException($"Expected a numeric resourceVersion, got \"{value}\".\n{context}");
}
