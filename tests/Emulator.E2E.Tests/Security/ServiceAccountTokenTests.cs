using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>
/// Service accounts: every namespace gets "default", `kubectl create token` mints a JWT the API accepts as
/// system:serviceaccount:NS:NAME, and RBAC bindings to the account apply to it.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class ServiceAccountTokenTests(SecurityFixture fixture)
{
    [Fact]
    public async Task A_new_namespace_gets_a_default_service_account()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-sa-default");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        CommandResult result;
        do
        {
            result = await fixture.Kubectl.RunAsync("get", "serviceaccount", "default", "-n", ns, "-o", "name");
            if (result.ExitCode == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        while (DateTime.UtcNow < deadline);

        result.Succeeds().PrintsExactly("serviceaccount/default\n");
    }

    [Fact]
    public async Task A_token_from_kubectl_create_token_authenticates_as_the_service_account()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-sa");
        (await fixture.Kubectl.RunAsync("create", "serviceaccount", "robot", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "robot-edit", "--clusterrole=edit", $"--serviceaccount={ns}:robot", "-n", ns)).Succeeds();

        var token = (await fixture.Kubectl.RunAsync("create", "token", "robot", "-n", ns)).Succeeds().Stdout.Trim();

        Assert.Equal(3, token.Split('.').Length);
        (await fixture.AsToken(token, "auth", "whoami")).Succeeds()
            .PrintsLine($@"^Username\s+system:serviceaccount:{ns}:robot$")
            .PrintsLine($@"^Groups\s+\[system:serviceaccounts system:serviceaccounts:{ns} system:authenticated\]$")
            .PrintsLine(@"^Extra: authentication.kubernetes.io/credential-id\s+\[JTI=[0-9a-f-]{36}\]$");
        var review = $$$"""{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"{{{token}}}"}}""";
        (await fixture.Kubectl.CreateFromManifestAsync(review, "--validate=false", "-o", "jsonpath={.status.user.username} {.status.user.uid}")).Succeeds()
            .PrintsLine($@"^system:serviceaccount:{ns}:robot [0-9a-f-]{{36}}$");
        (await fixture.AsToken(token, "create", "configmap", "made-by-robot", "-n", ns)).Succeeds()
            .PrintsLine("^configmap/made-by-robot created$");
        (await fixture.AsToken(token, "get", "pods", "-n", "default")).FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): pods is forbidden: User \"system:serviceaccount:{ns}:robot\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"$");
    }

    [Fact]
    public async Task A_token_stops_working_when_its_service_account_is_deleted()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-sa-gone");
        (await fixture.Kubectl.RunAsync("create", "serviceaccount", "temp", "-n", ns)).Succeeds();
        var token = (await fixture.Kubectl.RunAsync("create", "token", "temp", "-n", ns)).Succeeds().Stdout.Trim();
        (await fixture.AsToken(token, "auth", "whoami")).Succeeds();

        (await fixture.Kubectl.RunAsync("delete", "serviceaccount", "temp", "-n", ns)).Succeeds();

        (await fixture.AsToken(token, "auth", "whoami")).FailsWith(1)
            .PrintsErrorLine("Unauthorized|provide credentials");
    }
}
