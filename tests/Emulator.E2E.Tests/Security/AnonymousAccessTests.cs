using System.Net;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>
/// Without valid credentials only the health and version endpoints answer (system:public-info-viewer); kubectl with an
/// unknown token is told to log in. (With no credentials at all kubectl prompts for a username instead, as against a
/// real cluster, so that case is checked over raw HTTPS.)
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class AnonymousAccessTests(SecurityFixture fixture)
{
    [Fact]
    public async Task Kubectl_with_an_unknown_token_is_told_to_log_in()
    {
        // The 401 Status says "Unauthorized"; when discovery is not cached yet, client-go's discovery error wins.
        (await fixture.AsToken("not-a-known-token", "get", "configmaps", "-n", "default")).FailsWith(1)
            .PrintsErrorLine("^error: You must be logged in to the server \\((Unauthorized|the server has asked for the client to provide credentials)\\)$");
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/configmaps", HttpStatusCode.Unauthorized)]
    [InlineData("/apis", HttpStatusCode.Unauthorized)]
    [InlineData("/version", HttpStatusCode.OK)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    public async Task Anonymous_requests_are_refused_except_health_and_version(string path, HttpStatusCode expected)
    {
        using var anonymous = ApiClient.Https(fixture.Emulator, bearerToken: null);

        (await anonymous.GetAsync(path)).HasStatus(expected);
    }
}
