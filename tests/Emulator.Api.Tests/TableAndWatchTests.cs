using System.Net;
using System.Text.Json.Nodes;

namespace Emulator.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class TableAndWatchTests(EmulatorFactory factory)
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    [Fact]
    public async Task Table_list_of_namespaces_has_the_real_columns_and_partial_metadata_rows()
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces?limit=500");
        request.Headers.TryAddWithoutValidation("Accept", TableAccept);
        var table = JsonNode.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Status", "Age"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var row = table["rows"]!.AsArray().Single(r => r!["cells"]![0]!.GetValue<string>() == "kube-system")!;
        Assert.Equal("Active", row["cells"]![1]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", row["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("kube-system", row["object"]!["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_from_a_list_resourceVersion_replays_only_later_changes_in_order()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("before")));
        var list = await (await client.GetAsync($"/api/v1/namespaces/{ns}/configmaps")).ReadObjectAsync();
        var rv = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("after")));
        await client.DeleteAsync($"/api/v1/namespaces/{ns}/configmaps/after");

        var response = await client.GetAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={rv}&timeoutSeconds=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).Select(e => (e["type"]!.GetValue<string>(), e["object"]!["metadata"]!["name"]!.GetValue<string>())).ToList();
        Assert.Equal([("ADDED", "after"), ("DELETED", "after")], events);
    }

    [Fact]
    public async Task WatchList_sends_current_objects_then_the_initial_events_end_bookmark()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("x")));
        var response = await client.GetAsync(
            $"/api/v1/namespaces/{ns}/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("ADDED", lines[0]["type"]!.GetValue<string>());
        Assert.Equal("BOOKMARK", lines[1]["type"]!.GetValue<string>());
        Assert.Equal("true", lines[1]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
        Assert.Equal("ConfigMap", lines[1]["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_with_a_non_numeric_resourceVersion_is_400()
    {
        var response = await factory.Json().GetAsync("/api/v1/configmaps?watch=true&resourceVersion=abc&timeoutSeconds=1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
