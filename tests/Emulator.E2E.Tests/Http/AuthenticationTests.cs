using System.Net;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Http;

/// <summary>The HTTPS API demands the admin bearer token, except on the endpoints a real cluster leaves open.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class AuthenticationTests(EmulatorFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    public async Task A_request_without_the_admin_token_gets_401_with_an_Unauthorized_Status(string? token)
    {
        using var client = ApiClient.Https(fixture.Emulator, token);

        var status = (await client.GetAsync(ApiPaths.Namespaces)).IsStatus(HttpStatusCode.Unauthorized, "Unauthorized");

        Assert.Equal("Unauthorized", (string?)status["message"]);
    }

    [Fact]
    public async Task A_create_without_the_admin_token_is_rejected_and_stores_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync("auth-create");
        using var anonymous = ApiClient.Https(fixture.Emulator, bearerToken: null);

        (await anonymous.PostAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap("sneaky", new Dictionary<string, string> { ["a"] = "b" })))
            .IsStatus(HttpStatusCode.Unauthorized, "Unauthorized");

        (await fixture.Api.GetAsync(ApiPaths.ConfigMap(ns, "sneaky"))).IsStatus(HttpStatusCode.NotFound, "NotFound");
    }

    [Theory]
    [InlineData("/readyz")]
    [InlineData("/livez")]
    [InlineData("/healthz")]
    [InlineData("/version")]
    public async Task Health_and_version_endpoints_answer_200_without_credentials(string path)
    {
        using var anonymous = ApiClient.Https(fixture.Emulator, bearerToken: null);

        (await anonymous.GetAsync(path)).HasStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readyz_answers_ok_without_credentials()
    {
        using var anonymous = ApiClient.Https(fixture.Emulator, bearerToken: null);

        var response = (await anonymous.GetAsync("/readyz")).HasStatus(HttpStatusCode.OK);

        Assert.Equal("ok", response.Body);
    }

    [Fact]
    public async Task Version_without_credentials_reports_1_35()
    {
        using var anonymous = ApiClient.Https(fixture.Emulator, bearerToken: null);

        var version = (await anonymous.GetAsync("/version")).HasStatus(HttpStatusCode.OK).Json();

        Assert.StartsWith("v1.35", (string?)version["gitVersion"]);
    }

    [Fact]
    public async Task The_serving_certificate_is_valid_for_127_0_0_1_under_the_ca_in_the_data_dir()
    {
        // ApiClient.Https trusts only DIR/ca.crt and checks the host name, so any answer proves the chain and the SAN.
        using var anonymous = ApiClient.Https(fixture.Emulator, bearerToken: null);

        (await anonymous.GetAsync("/readyz")).HasStatus(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_plain_http_port_serves_the_api_without_credentials()
    {
        using var plain = ApiClient.PlainHttp(fixture.Emulator);

        var list = (await plain.GetAsync(ApiPaths.Namespaces)).HasStatus(HttpStatusCode.OK).Json();

        Assert.Equal("NamespaceList", (string?)list["kind"]);
        Assert.Contains(list["items"]!.AsArray(), item => (string?)item?["metadata"]?["name"] == "kube-system");
    }
}
