using System.Net;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Http;

/// <summary>Bad input gets a 400 Status and never a half-written object (design.md §7).</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class BadRequestTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Malformed_json_gets_400_BadRequest_and_stores_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync("bad-json");
        const string truncated = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"broken"},"data":{"a":""";

        (await fixture.Api.PostAsync(ApiPaths.ConfigMaps(ns), truncated)).IsStatus(HttpStatusCode.BadRequest, "BadRequest");

        (await fixture.Api.GetAsync(ApiPaths.ConfigMap(ns, "broken"))).IsStatus(HttpStatusCode.NotFound, "NotFound");
        var list = (await fixture.Api.GetAsync(ApiPaths.ConfigMaps(ns))).HasStatus(HttpStatusCode.OK).Json();
        Assert.DoesNotContain(list["items"]!.AsArray(), item => (string?)item?["metadata"]?["name"] == "broken");
    }

    [Fact]
    public async Task A_configmap_posted_to_secrets_gets_400_BadRequest_and_stores_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync("bad-kind");

        (await fixture.Api.PostAsync(ApiPaths.Secrets(ns), Manifests.ConfigMap("misfiled", new Dictionary<string, string> { ["a"] = "b" })))
            .IsStatus(HttpStatusCode.BadRequest, "BadRequest");

        (await fixture.Api.GetAsync(ApiPaths.Secret(ns, "misfiled"))).IsStatus(HttpStatusCode.NotFound, "NotFound");
        (await fixture.Api.GetAsync(ApiPaths.ConfigMap(ns, "misfiled"))).IsStatus(HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task A_missing_object_gets_404_with_the_kubernetes_NotFound_message()
    {
        var ns = await fixture.CreateNamespaceAsync("missing");

        var status = (await fixture.Api.GetAsync(ApiPaths.ConfigMap(ns, "nope"))).IsStatus(HttpStatusCode.NotFound, "NotFound");

        Assert.Equal("configmaps \"nope\" not found", (string?)status["message"]);
        Assert.Equal("nope", (string?)status["details"]?["name"]);
        Assert.Equal("configmaps", (string?)status["details"]?["kind"]);
    }

    [Fact]
    public async Task Creating_an_existing_name_gets_409_AlreadyExists()
    {
        var ns = await fixture.CreateNamespaceAsync("exists");
        var body = Manifests.ConfigMap("c", new Dictionary<string, string> { ["a"] = "b" });
        await fixture.Api.CreateAsync(ApiPaths.ConfigMaps(ns), body);

        var status = (await fixture.Api.PostAsync(ApiPaths.ConfigMaps(ns), body)).IsStatus(HttpStatusCode.Conflict, "AlreadyExists");

        Assert.Equal("configmaps \"c\" already exists", (string?)status["message"]);
    }
}
