using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Emulator.Api.Tests;

internal static class Fixtures
{
    public static JsonObject ConfigMap(string name, string? ns = null, Dictionary<string, string>? labels = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null) meta["namespace"] = ns;
        if (labels is not null) meta["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = meta, ["data"] = new JsonObject { ["a"] = "b" } };
    }

    public static async Task<string> NewNamespaceAsync(HttpClient client)
    {
        var name = $"t-{Guid.NewGuid():N}"[..20];
        var response = await client.PostAsync("/api/v1/namespaces", JsonBody(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name },
        }));
        response.EnsureSuccessStatusCode();
        return name;
    }

    public static StringContent JsonBody(JsonNode node, string contentType = "application/json") =>
        new(node.ToJsonString(), Encoding.UTF8, contentType);

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
