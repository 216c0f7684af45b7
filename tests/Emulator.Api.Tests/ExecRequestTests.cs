using System.Net;
using System.Text.Json.Nodes;

namespace Emulator.Api.Tests;

/// <summary>The API server's checks on /exec and /attach before any upgrade, with streamLocation's messages.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExecRequestTests(EmulatorFactory factory)
{
    private static JsonObject Pod(string name, string? node, params string[] containers) => new()
    {
        ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = node,
            ["containers"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["image"] = "busybox" }).ToArray()),
        },
    };

    private static async Task<(HttpStatusCode Code, string Message)> PostAsync(HttpClient client, string path)
    {
        var response = await client.PostAsync(path, null);
        var body = await response.ReadObjectAsync();
        return (response.StatusCode, body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exec_and_attach_refuse_with_the_api_servers_words()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        foreach (var pod in new[] { Pod("one", "node-1", "main"), Pod("duo", "node-1", "a", "b"), Pod("floating", null, "main") })
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"/api/v1/namespaces/{ns}/pods", Fixtures.JsonBody(pod))).StatusCode);
        var pods = $"/api/v1/namespaces/{ns}/pods";

        Assert.Equal((HttpStatusCode.NotFound, "pods \"nope\" not found"), await PostAsync(client, $"{pods}/nope/exec?command=true&stdout=true"));
        Assert.Equal((HttpStatusCode.BadRequest, "a container name must be specified for pod duo, choose one of: [a b]"),
            await PostAsync(client, $"{pods}/duo/exec?command=true&stdout=true"));
        Assert.Equal((HttpStatusCode.BadRequest, "container c is not valid for pod duo"),
            await PostAsync(client, $"{pods}/duo/attach?container=c&stdout=true"));
        Assert.Equal((HttpStatusCode.BadRequest, "pod floating does not have a host assigned"),
            await PostAsync(client, $"{pods}/floating/exec?command=true&stdout=true"));
        Assert.Equal((HttpStatusCode.BadRequest, "you must specify at least 1 command"), await PostAsync(client, $"{pods}/one/exec?stdout=true"));
        Assert.Equal((HttpStatusCode.BadRequest, "Upgrade request required"), await PostAsync(client, $"{pods}/one/exec?command=ls&stdout=true"));
        Assert.Equal((HttpStatusCode.BadRequest, "Upgrade request required"), await PostAsync(client, $"{pods}/one/attach?stdout=true"));
    }
}
