using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Usage;

/// <summary>
/// Swagger UI on the plain HTTP port, as a person meets it: headless Debian Chromium loads /swagger and lists the
/// Service operations under their kube-apiserver operation ids. UPDATE_DOCS=1 also refreshes docs/swagger-ui.png.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class SwaggerUiTests(EmulatorFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Headless_chromium_shows_every_service_operation()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run ./test.sh (scripts/install-clients.sh installs Debian's chromium)");
        var playwright = Path.GetFullPath(Path.Combine(RepoPaths.ToolsBin, "..", "playwright", "node_modules", "playwright-core"));
        Assert.True(Directory.Exists(playwright), $"playwright-core is not installed in {playwright}: run ./test.sh (scripts/install-clients.sh)");
        var script = Path.Combine(RepoPaths.Root, "tests", "Emulator.E2E.Tests", "Usage", "js", "swagger-ui.mjs");
        var screenshot = Path.Combine(Path.GetTempPath(), $"swagger-ui-{Guid.NewGuid():N}.png");
        try
        {
            var command = new ToolCommand("node", [script, new Uri(fixture.Emulator.HttpUri, "/swagger/index.html").ToString(), screenshot],
                new Dictionary<string, string?> { ["PLAYWRIGHT_CORE"] = playwright, ["CHROMIUM"] = Chromium });
            var result = await ProcessRunner.RunAsync(command, stdin: null, TimeSpan.FromMinutes(6), fixture.Emulator.RecentOutput);
            result.Succeeds()
                .PrintsLine(@"^title: Kubernetes API emulator$")
                .PrintsLine(@"^info: Kubernetes v1\.\d+\.\d+ OAS 3\.0")
                .PrintsLine(@"^tags: core_v1,apps_v1,.*discovery_v1")
                .PrintsLine(@"^op: GET /api/v1/namespaces/\{namespace\}/services listCoreV1NamespacedService$")
                .PrintsLine(@"^op: POST /api/v1/namespaces/\{namespace\}/services createCoreV1NamespacedService$")
                .PrintsLine(@"^op: DELETE /api/v1/namespaces/\{namespace\}/services deleteCoreV1CollectionNamespacedService$")
                .PrintsLine(@"^op: GET /api/v1/namespaces/\{namespace\}/services/\{name\} readCoreV1NamespacedService$")
                .PrintsLine(@"^op: PUT /api/v1/namespaces/\{namespace\}/services/\{name\} replaceCoreV1NamespacedService$")
                .PrintsLine(@"^op: PATCH /api/v1/namespaces/\{namespace\}/services/\{name\} patchCoreV1NamespacedService$")
                .PrintsLine(@"^op: DELETE /api/v1/namespaces/\{namespace\}/services/\{name\} deleteCoreV1NamespacedService$")
                .PrintsLine(@"^op: GET /api/v1/namespaces/\{namespace\}/services/\{name\}/status readCoreV1NamespacedServiceStatus$")
                .PrintsLine(@"^op: GET /api/v1/services listCoreV1ServiceForAllNamespaces$")
                .DoesNotPrintLine("^pageerror:");

            var png = await File.ReadAllBytesAsync(screenshot);
            Assert.True(png.Length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', $"{screenshot} is not a real PNG ({png.Length} bytes)");
            if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
                File.Copy(screenshot, Path.Combine(RepoPaths.Root, "docs", "swagger-ui.png"), overwrite: true);
        }
        finally
        {
            File.Delete(screenshot);
        }
    }

    [Fact]
    public async Task The_document_names_every_verb_of_services_and_each_reference_resolves()
    {
        using var http = ApiClient.PlainHttp(fixture.Emulator);
        var doc = (await http.GetAsync("/swagger/openapi.json")).HasStatus(HttpStatusCode.OK).Json();
        var schemas = doc["components"]!["schemas"]!.AsObject();

        var item = doc["paths"]!["/api/v1/namespaces/{namespace}/services/{name}"]!.AsObject();
        Assert.Equal("readCoreV1NamespacedService", (string?)item["get"]!["operationId"]);
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Service", (string?)item["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal(["name", "namespace", "pretty"], item["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        var list = doc["paths"]!["/api/v1/namespaces/{namespace}/services"]!["get"]!;
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.ServiceList", (string?)list["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Contains("watch", list["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal("createAppsV1NamespacedDeployment", (string?)doc["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments"]!["post"]!["operationId"]);

        var dangling = References(doc).Where(r => !schemas.ContainsKey(r["#/components/schemas/".Length..])).Distinct().ToList();
        Assert.True(dangling.Count == 0, $"references without a schema: {string.Join(", ", dangling)}");
        Assert.Contains("items", schemas["io.k8s.api.core.v1.ServiceList"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Swagger_is_served_on_the_plain_http_port_only()
    {
        using var plain = ApiClient.PlainHttp(fixture.Emulator);
        var page = (await plain.GetAsync("/swagger/index.html")).HasStatus(HttpStatusCode.OK);
        Assert.Contains("swagger-ui", page.Body);

        // The HTTPS API is a Kubernetes API: an authenticated /swagger is an unknown path there, as on kube-apiserver.
        var secure = await fixture.Api.GetAsync("/swagger/index.html");
        secure.HasStatus(HttpStatusCode.NotFound);
        Assert.Equal("NotFound", (string?)secure.Json()["reason"]);
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var r)) yield return r;
                    foreach (var inner in References(value)) yield return inner;
                }
                break;
            case JsonArray a:
                foreach (var value in a)
                    foreach (var inner in References(value)) yield return inner;
                break;
        }
    }
}
