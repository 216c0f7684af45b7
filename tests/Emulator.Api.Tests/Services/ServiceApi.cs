using System.Net;
using System.Text.Json.Nodes;

namespace Emulator.Api.Tests.Services;

/// <summary>Small helpers for Service requests over the in-memory API.</summary>
internal static class ServiceApi
{
    public static JsonObject Service(string name, string spec) =>
        JsonNode.Parse("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + spec + "}}")!.AsObject();

    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string ns, JsonObject svc) =>
        client.PostAsync($"/api/v1/namespaces/{ns}/services", Fixtures.JsonBody(svc));

    public static async Task<JsonObject> CreateOkAsync(HttpClient client, string ns, string name, string spec)
    {
        var response = await CreateAsync(client, ns, Service(name, spec));
        var body = await response.ReadObjectAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    public static Task<HttpResponseMessage> MergePatchAsync(HttpClient client, string ns, string name, string patch) =>
        client.PatchAsync($"/api/v1/namespaces/{ns}/services/{name}", Fixtures.JsonBody(JsonNode.Parse(patch)!, "application/merge-patch+json"));

    public static async Task<JsonObject> MergePatchOkAsync(HttpClient client, string ns, string name, string patch)
    {
        var response = await MergePatchAsync(client, ns, name, patch);
        var body = await response.ReadObjectAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    public static string ClusterIp(JsonObject svc) => svc["spec"]!["clusterIP"]!.GetValue<string>();

    public static int NodePort(JsonObject svc, int index = 0) => svc["spec"]!["ports"]![index]!["nodePort"]!.GetValue<int>();

    public static void AssertInvalid(HttpStatusCode status, JsonObject body, string message, params string[] fields)
    {
        Assert.True(status == (HttpStatusCode)422, body.ToJsonString());
        Assert.Equal("Invalid", body["reason"]!.GetValue<string>());
        Assert.Equal(message, body["message"]!.GetValue<string>());
        Assert.Equal(fields, body["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()));
    }
}
