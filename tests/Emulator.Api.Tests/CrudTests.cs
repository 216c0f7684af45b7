using System.Net;
using System.Text.Json.Nodes;

namespace Emulator.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CrudTests(EmulatorFactory factory)
{
    [Fact]
    public async Task Create_fills_system_fields_and_answers_201()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var response = await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("one")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal(ns, body["metadata"]!["namespace"]!.GetValue<string>());
        Assert.True(Guid.TryParse(body["metadata"]!["uid"]!.GetValue<string>(), out _));
        Assert.NotNull(body["metadata"]!["creationTimestamp"]);
        Assert.True(long.Parse(body["metadata"]!["resourceVersion"]!.GetValue<string>()) > 0);
    }

    [Fact]
    public async Task Second_create_of_a_name_is_409_AlreadyExists_with_the_real_message()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("dup")));
        var response = await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("dup")));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var status = await response.ReadObjectAsync();
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("AlreadyExists", status["reason"]!.GetValue<string>());
        Assert.Equal("configmaps \"dup\" already exists", status["message"]!.GetValue<string>());
        Assert.Equal("configmaps", status["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_of_a_missing_deployment_is_404_naming_the_group_resource()
    {
        var response = await factory.Json().GetAsync("/apis/apps/v1/namespaces/default/deployments/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = await response.ReadObjectAsync();
        Assert.Equal("deployments.apps \"nope\" not found", status["message"]!.GetValue<string>());
        Assert.Equal("apps", status["details"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_name_is_422_with_a_field_cause()
    {
        var client = factory.Json();
        var response = await client.PostAsync("/api/v1/namespaces/default/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("Bad_Name")));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var status = await response.ReadObjectAsync();
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain",
            status["message"]!.GetValue<string>());
        Assert.Equal("metadata.name", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_is_409_Conflict()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var created = await (await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("cas")))).ReadObjectAsync();
        var first = (JsonObject)created.DeepClone();
        first["data"]!["a"] = "first";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"/api/v1/namespaces/{ns}/configmaps/cas", Fixtures.JsonBody(first))).StatusCode);
        var stale = (JsonObject)created.DeepClone();
        stale["data"]!["a"] = "second";
        var response = await client.PutAsync($"/api/v1/namespaces/{ns}/configmaps/cas", Fixtures.JsonBody(stale));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var status = await response.ReadObjectAsync();
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal("Operation cannot be fulfilled on configmaps \"cas\": the object has been modified; please apply your changes to the latest version and try again",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Merge_patch_adds_a_label_and_bumps_the_resourceVersion()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var created = await (await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("p")))).ReadObjectAsync();
        var patch = Fixtures.JsonBody(JsonNode.Parse("""{"metadata":{"labels":{"k":"v"}}}""")!, "application/merge-patch+json");
        var response = await client.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/p", patch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await response.ReadObjectAsync();
        Assert.Equal("v", patched["metadata"]!["labels"]!["k"]!.GetValue<string>());
        Assert.True(long.Parse(patched["metadata"]!["resourceVersion"]!.GetValue<string>()) > long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Label_selector_filters_a_list_and_the_list_carries_kind_and_resourceVersion()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("web", labels: new() { ["app"] = "web" })));
        await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("db", labels: new() { ["app"] = "db" })));
        var list = await (await client.GetAsync($"/api/v1/namespaces/{ns}/configmaps?labelSelector=app%20in%20(web)")).ReadObjectAsync();
        Assert.Equal("ConfigMapList", list["kind"]!.GetValue<string>());
        Assert.NotNull(list["metadata"]!["resourceVersion"]);
        var names = list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["web"], names);
    }

    [Fact]
    public async Task Posting_a_configmap_to_secrets_is_400_and_stores_nothing()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var response = await client.PostAsync($"/api/v1/namespaces/{ns}/secrets", Fixtures.JsonBody(Fixtures.ConfigMap("wrong")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/namespaces/{ns}/secrets/wrong")).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_400_BadRequest()
    {
        var response = await factory.Json().PostAsync("/api/v1/namespaces/default/configmaps",
            new StringContent("{\"metadata\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", (await response.ReadObjectAsync())["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404_for_the_namespace()
    {
        var response = await factory.Json().PostAsync("/api/v1/namespaces/nowhere/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("x")));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("namespaces \"nowhere\" not found", (await response.ReadObjectAsync())["message"]!.GetValue<string>());
    }
}
