using System.Net;
using System.Text.Json.Nodes;

namespace Emulator.Api.Tests.Patching;

/// <summary>PATCH options and field validation answered with the apiserver's Status (handlers/patch.go, ValidatePatchOptions).</summary>
[Collection(ApiCollection.Name)]
public sealed class PatchOptionsTests(EmulatorFactory factory)
{
    [Fact]
    public async Task Apply_without_a_field_manager_is_422_naming_the_field()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);

        var response = await client.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/one",
            Fixtures.JsonBody(Fixtures.ConfigMap("one"), "application/apply-patch+yaml"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
            (string?)(await response.ReadObjectAsync())["message"]);
    }

    [Fact]
    public async Task Apply_of_a_missing_object_creates_it_with_201_and_managed_fields()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);

        var response = await client.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/one?fieldManager=tester",
            Fixtures.JsonBody(Fixtures.ConfigMap("one"), "application/apply-patch+yaml"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal("tester", (string?)body["metadata"]!["managedFields"]![0]!["manager"]);
        Assert.Equal("Apply", (string?)body["metadata"]!["managedFields"]![0]!["operation"]);
    }

    [Fact]
    public async Task Strict_create_with_an_unknown_field_is_400_with_the_strict_decoding_error()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var body = Fixtures.ConfigMap("one");
        body["foo"] = 1;

        var response = await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Strict", Fixtures.JsonBody(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"foo\"",
            (string?)(await response.ReadObjectAsync())["message"]);
    }

    [Fact]
    public async Task Warn_patch_with_an_unknown_field_succeeds_with_a_warning_header()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        (await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("one")))).EnsureSuccessStatusCode();

        var response = await client.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/one?fieldValidation=Warn",
            Fixtures.JsonBody(new JsonObject { ["bogus"] = true }, "application/strategic-merge-patch+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("299 - \"unknown field \\\"bogus\\\"\"", response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task Force_on_a_non_apply_patch_is_422()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);

        var response = await client.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/one?force=true",
            Fixtures.JsonBody(new JsonObject(), "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("force: Forbidden: may not be specified for non-apply patch", (string?)(await response.ReadObjectAsync())["message"]);
    }
}
