using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Security;

/// <summary>
/// RBAC escalation prevention through the real kubectl: jane, admin of one namespace, may write roles and bindings
/// there, but only for rights she holds, unless she has "escalate" on roles or "bind" on the role she refers to.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class EscalationTests(SecurityFixture fixture)
{
    private const string JaneGroups = "\\[\"viewers\" \"system:authenticated\"\\]";

    [Fact]
    public async Task A_role_granting_more_than_its_writer_holds_is_refused_until_the_writer_may_escalate()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-esc-role");
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "jane-admin", "--clusterrole=admin", "--user=jane", "-n", ns)).Succeeds();

        // Within her rights: fine.
        (await AsJane(Role(ns, "pod-reader", "\"\"", "pods", "\"get\",\"list\""))).Succeeds()
            .PrintsLine("^role.rbac.authorization.k8s.io/pod-reader created$");

        // A group no default role mentions, so nothing another test aggregates into admin changes what is missing.
        var leases = Role(ns, "lease-admin", "\"sec.example.com\"", "widgets", "\"get\",\"delete\"");
        (await AsJane(leases)).FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): error when creating \"STDIN\": roles.rbac.authorization.k8s.io \"lease-admin\" is forbidden: " +
                             $"user \"jane\" \\(groups={JaneGroups}\\) is attempting to grant RBAC permissions not currently held:$")
            .PrintsErrorLine("^\\{APIGroups:\\[\"sec.example.com\"\\], Resources:\\[\"widgets\"\\], Verbs:\\[\"get\" \"delete\"\\]\\}$");
        (await fixture.Kubectl.RunAsync("get", "role", "lease-admin", "-n", ns)).FailsWith(1);

        // An update is checked on the object it would store, whichever verb writes it.
        (await fixture.AsToken(SecurityFixture.JaneToken, "patch", "role", "pod-reader", "-n", ns, "--type=json",
            "-p", "[{\"op\":\"add\",\"path\":\"/rules/-\",\"value\":{\"apiGroups\":[\"\"],\"resources\":[\"nodes\"],\"verbs\":[\"list\"]}}]"))
            .FailsWith(1)
            .PrintsErrorLine($"^Error from server \\(Forbidden\\): roles.rbac.authorization.k8s.io \"pod-reader\" is forbidden: user \"jane\" \\(groups={JaneGroups}\\) " +
                             "is attempting to grant RBAC permissions not currently held:$")
            .PrintsErrorLine("^\\{APIGroups:\\[\"\"\\], Resources:\\[\"nodes\"\\], Verbs:\\[\"list\"\\]\\}$");

        (await fixture.Kubectl.RunAsync("create", "role", "escalator", "--verb=escalate", "--resource=roles.rbac.authorization.k8s.io", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "jane-escalates", "--role=escalator", "--user=jane", "-n", ns)).Succeeds();
        (await AsJane(leases)).Succeeds().PrintsLine("^role.rbac.authorization.k8s.io/lease-admin created$");
    }

    [Fact]
    public async Task A_binding_to_a_richer_role_is_refused_until_the_writer_may_bind_it()
    {
        var ns = await fixture.CreateNamespaceAsync("sec-esc-bind");
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "jane-admin", "--clusterrole=admin", "--user=jane", "-n", ns)).Succeeds();

        // Binding a role whose rules she holds (view is inside admin) needs nothing more.
        (await fixture.AsToken(SecurityFixture.JaneToken, "create", "rolebinding", "bob-view", "--clusterrole=view", "--user=bob", "-n", ns)).Succeeds();

        (await fixture.AsToken(SecurityFixture.JaneToken, "create", "rolebinding", "bob-root", "--clusterrole=cluster-admin", "--user=bob", "-n", ns)).FailsWith(1)
            .PrintsErrorLine($"rolebindings.rbac.authorization.k8s.io \"bob-root\" is forbidden: user \"jane\" \\(groups={JaneGroups}\\) " +
                             "is attempting to grant RBAC permissions not currently held:$")
            .PrintsErrorLine("^\\{APIGroups:\\[\"\\*\"\\], Resources:\\[\"\\*\"\\], Verbs:\\[\"\\*\"\\]\\}$")
            .PrintsErrorLine("^\\{NonResourceURLs:\\[\"\\*\"\\], Verbs:\\[\"\\*\"\\]\\}$");

        var delegator = Binding(ns, "bob-delegator", "system:auth-delegator");
        (await AsJane(delegator)).FailsWith(1)
            .PrintsErrorLine("^\\{APIGroups:\\[\"authentication.k8s.io\"\\], Resources:\\[\"tokenreviews\"\\], Verbs:\\[\"create\"\\]\\}$")
            .PrintsErrorLine("^\\{APIGroups:\\[\"authorization.k8s.io\"\\], Resources:\\[\"subjectaccessreviews\"\\], Verbs:\\[\"create\"\\]\\}$");

        // "bind" on exactly that ClusterRole, in this namespace, lets her hand it out without holding it.
        (await fixture.Kubectl.RunAsync("create", "role", "binder", "--verb=bind", "--resource=clusterroles.rbac.authorization.k8s.io",
            "--resource-name=system:auth-delegator", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "rolebinding", "jane-binds", "--role=binder", "--user=jane", "-n", ns)).Succeeds();
        (await AsJane(delegator)).Succeeds().PrintsLine("^rolebinding.rbac.authorization.k8s.io/bob-delegator created$");

        // A binding to a role that does not exist is the registry's NotFound.
        (await AsJane(Binding(ns, "bob-ghost", "no-such-role"))).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(NotFound\\): error when creating \"STDIN\": clusterroles.rbac.authorization.k8s.io \"no-such-role\" not found$");
    }

    [Fact]
    public async Task Only_cluster_admins_may_write_an_aggregation_rule()
    {
        (await fixture.Kubectl.RunAsync("create", "clusterrole", "sec-esc-writer", "--verb=create,update,patch",
            "--resource=clusterroles.rbac.authorization.k8s.io", "--verb=escalate")).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "clusterrolebinding", "sec-esc-writer-jane", "--clusterrole=sec-esc-writer", "--user=jane")).Succeeds();
        var aggregating = """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"sec-esc-gather"},
             "aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"gather":"true"}}]}}
            """;
        // escalate lifts the rules check, and with it the aggregationRule's: RoleEscalationAuthorized comes first.
        (await AsJane(aggregating)).Succeeds();

        (await fixture.Kubectl.RunAsync("delete", "clusterrolebinding", "sec-esc-writer-jane")).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "clusterrole", "sec-esc-writer2", "--verb=create",
            "--resource=clusterroles.rbac.authorization.k8s.io")).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "clusterrolebinding", "sec-esc-writer2-jane", "--clusterrole=sec-esc-writer2", "--user=jane")).Succeeds();
        (await AsJane(aggregating.Replace("sec-esc-gather", "sec-esc-gather2", StringComparison.Ordinal))).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(Forbidden\\): error when creating \"STDIN\": clusterroles.rbac.authorization.k8s.io \"sec-esc-gather2\" is forbidden: " +
                             "must have cluster-admin privileges to use the aggregationRule$");
        (await fixture.Kubectl.RunAsync("delete", "clusterrolebinding", "sec-esc-writer2-jane")).Succeeds();
    }

    private Task<CommandResult> AsJane(string manifest) =>
        fixture.Kubectl.RunAsync(["--token", SecurityFixture.JaneToken, "create", "-f", "-"], manifest);

    private static string Role(string ns, string name, string group, string resource, string verbs) => $$"""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"{{name}}","namespace":"{{ns}}"},
         "rules":[{"apiGroups":[{{group}}],"resources":["{{resource}}"],"verbs":[{{verbs}}]}]}
        """;

    private static string Binding(string ns, string name, string clusterRole) => $$"""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"{{name}}","namespace":"{{ns}}"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"{{clusterRole}}"},
         "subjects":[{"kind":"User","name":"bob","apiGroup":"rbac.authorization.k8s.io"}]}
        """;
}
