using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>
/// TokenReview, SubjectAccessReview and LocalSubjectAccessReview through <c>kubectl create -f</c>: answered from the
/// emulator's authenticator and authorizer, served as create-only kinds, and limited to system:auth-delegator.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class DelegatedReviewTests(SecurityFixture fixture)
{
    [Fact]
    public async Task A_subject_access_review_answers_for_the_user_it_names()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-sar");
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "jane-view", "--clusterrole=view", "--user=jane", "-n", ns)).Succeeds();

        (await Create(Sar(ns, "list"), "-o", "yaml")).Succeeds()
            .PrintsLine("^kind: SubjectAccessReview$")
            .PrintsLine("^  allowed: true$")
            .PrintsLine($"^  reason: 'RBAC: allowed by RoleBinding \"jane-view/{ns}\" of ClusterRole"); // the YAML printer folds the rest
        (await Create(Sar(ns, "list"), "-o", "jsonpath={.status.reason}")).Succeeds()
            .PrintsExactly($"RBAC: allowed by RoleBinding \"jane-view/{ns}\" of ClusterRole \"view\" to User \"jane\"");
        (await Create(Sar(ns, "delete"), "-o", "yaml")).Succeeds()
            .PrintsLine("^  allowed: false$")
            .DoesNotPrintLine("^  reason:");

        var local = $$$"""
            {"apiVersion":"authorization.k8s.io/v1","kind":"LocalSubjectAccessReview","metadata":{"namespace":"{{{ns}}}"},
             "spec":{"user":"jane","resourceAttributes":{"namespace":"{{{ns}}}","verb":"get","resource":"configmaps"} } }
            """;
        (await Create(local, "-o", "jsonpath={.status.allowed}")).Succeeds().PrintsExactly("true");
        (await Create(local.Replace($"\"namespace\":\"{ns}\",\"verb\"", "\"namespace\":\"other\",\"verb\"", StringComparison.Ordinal)))
            .FailsWith(1)
            .PrintsErrorLine("^The LocalSubjectAccessReview \"\" is invalid: spec.resourceAttributes.namespace: Invalid value: \"other\": must match metadata.namespace$");

        var nobody = """{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":{"resourceAttributes":{"verb":"get","resource":"pods"}}}""";
        (await Create(nobody)).FailsWith(1)
            .PrintsErrorLine("^The SubjectAccessReview \"\" is invalid: spec.user: Invalid value: \"\": at least one of user or group must be specified$");
    }

    [Fact]
    public async Task A_token_review_reports_who_a_token_belongs_to()
    {
        (await Create(TokenReview(SecurityFixture.JaneToken), "-o", "yaml")).Succeeds()
            .PrintsLine("^kind: TokenReview$")
            .PrintsLine("^  authenticated: true$")
            .PrintsLine("^    username: jane$")
            .PrintsLine("^    uid: u-jane$")
            .PrintsLine("^    - viewers$")
            .PrintsLine("^    - system:authenticated$")
            .PrintsLine("^  - https://kubernetes.default.svc.cluster.local$");
        (await Create(TokenReview("not-a-token"), "-o", "json")).Succeeds()
            .DoesNotPrintLine("authenticated")
            .PrintsLine("^        \"user\": \\{\\}$");
    }

    [Fact]
    public async Task The_reviews_are_create_only_kinds_for_auth_delegators()
    {
        (await fixture.Kubectl.RunAsync("api-resources", "--api-group=authorization.k8s.io", "-o", "wide")).Succeeds()
            .PrintsLine(@"^localsubjectaccessreviews\s+authorization.k8s.io/v1\s+true\s+LocalSubjectAccessReview\s+\[?create\]?\s*$")
            .PrintsLine(@"^subjectaccessreviews\s+authorization.k8s.io/v1\s+false\s+SubjectAccessReview\s+\[?create\]?\s*$");
        (await fixture.Kubectl.RunAsync("api-resources", "--api-group=authentication.k8s.io", "-o", "wide")).Succeeds()
            .PrintsLine(@"^tokenreviews\s+authentication.k8s.io/v1\s+false\s+TokenReview\s+\[?create\]?\s*$");

        (await fixture.Kubectl.RunAsync(["--token", SecurityFixture.BobToken, "create", "--validate=false", "-f", "-"], TokenReview(SecurityFixture.JaneToken))).FailsWith(1)
            .PrintsErrorLine("tokenreviews.authentication.k8s.io is forbidden: User \"bob\" cannot create resource \"tokenreviews\" in API group \"authentication.k8s.io\" at the cluster scope$");
        (await fixture.Kubectl.RunAsync("create", "clusterrolebinding", "sec-bob-delegator", "--clusterrole=system:auth-delegator", "--user=bob")).Succeeds();
        try
        {
            (await fixture.Kubectl.RunAsync(["--token", SecurityFixture.BobToken, "create", "--validate=false", "-f", "-", "-o", "jsonpath={.status.user.username}"],
                TokenReview(SecurityFixture.JaneToken))).Succeeds().PrintsExactly("jane");
        }
        finally
        {
            (await fixture.Kubectl.RunAsync("delete", "clusterrolebinding", "sec-bob-delegator")).Succeeds();
        }
    }

    // kubectl validates create-only kinds client-side against /openapi/v2 (their /openapi/v3 entry has no PATCH
    // operation to show server-side field validation), which the emulator does not serve.
    private Task<CommandResult> Create(string manifest, params string[] extraArguments) =>
        fixture.Kubectl.CreateFromManifestAsync(manifest, ["--validate=false", .. extraArguments]);

    private static string Sar(string ns, string verb) => $$"""
        apiVersion: authorization.k8s.io/v1
        kind: SubjectAccessReview
        spec:
          user: jane
          resourceAttributes:
            namespace: {{ns}}
            verb: {{verb}}
            resource: pods
        """;

    private static string TokenReview(string token) => $$$"""
        {"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"{{{token}}}"}}
        """;
}
