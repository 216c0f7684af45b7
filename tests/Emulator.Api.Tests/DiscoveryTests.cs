using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Emulator.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class DiscoveryTests(EmulatorFactory factory)
{
    private const string AggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private async Task<(HttpResponseMessage Response, JsonObject Body)> GetAggregated(string path)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", AggregatedAccept);
        var response = await client.SendAsync(request);
        return (response, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Aggregated_discovery_answers_with_the_content_type_client_go_checks()
    {
        var (response, _) = await GetAggregated("/apis");
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
    }

    [Fact]
    public async Task Core_endpoints_have_singular_endpoints_so_kubectl_get_endpoint_fails_as_on_a_cluster()
    {
        var (_, body) = await GetAggregated("/api");
        var resources = body["items"]![0]!["versions"]![0]!["resources"]!.AsArray();
        var endpoints = resources.Single(r => r!["resource"]!.GetValue<string>() == "endpoints")!;
        Assert.Equal("endpoints", endpoints["singularResource"]!.GetValue<string>());
        Assert.Equal(["ep"], endpoints["shortNames"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.All(resources, r => Assert.NotNull(r!["responseKind"]));
    }

    [Fact]
    public async Task Deployments_are_in_apps_with_the_all_category_and_scale_subresource()
    {
        var (_, body) = await GetAggregated("/apis");
        var apps = body["items"]!.AsArray().Single(g => g!["metadata"]!["name"]?.GetValue<string>() == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "deployments")!;
        Assert.Equal(["all"], deployments["categories"]!.AsArray().Select(s => s!.GetValue<string>()));
        var scale = deployments["subresources"]!.AsArray().Single(s => s!["subresource"]!.GetValue<string>() == "scale")!;
        Assert.Equal("autoscaling", scale["responseKind"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task Legacy_discovery_lists_resources_of_a_group_version()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var body = JsonNode.Parse(await client.GetStringAsync("/apis/discovery.k8s.io/v1"))!;
        Assert.Equal("APIResourceList", body["kind"]!.GetValue<string>());
        Assert.Contains(body["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "endpointslices");
    }

    [Fact]
    public async Task Version_reports_a_1_35_server()
    {
        var body = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/version"))!;
        Assert.Equal("v1.35.2", body["gitVersion"]!.GetValue<string>());
        Assert.Equal("35", body["minor"]!.GetValue<string>());
    }
}
