using Emulator.E2E.Tests.Dns;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// What the first 200 from /readyz promises, asked once and without retrying, on a fresh data dir and after a restart:
/// the default RBAC policy, the system namespaces, the built-in Services and the DNS records for them all exist. The
/// start-up work that runs beside other work (ADR 0020: the store opened on another thread, the RBAC bootstrap started
/// from StartingAsync) must still be finished before the server answers.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class ReadyMeansBootstrappedTests
{
    private static readonly string[] Bindings = ["cluster-admin", "system:basic-user", "system:discovery", "system:public-info-viewer"];

    private static readonly string[] Roles =
    [
        "cluster-admin", "system:aggregate-to-admin", "system:aggregate-to-edit", "system:aggregate-to-view", "system:auth-delegator",
        "system:basic-user", "system:discovery", "system:public-info-viewer",
    ];

    [Fact]
    public async Task The_first_ready_answer_comes_after_the_bootstrap_on_a_fresh_data_dir_and_after_a_restart()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        await AssertBootstrappedAsync(emulator, "fresh data dir");

        var exitCode = await emulator.StopAsync();
        Assert.True(exitCode == 0, $"SIGTERM ended the server with exit code {exitCode}.\n{emulator.RecentOutput()}");
        await emulator.RestartAsync();
        await AssertBootstrappedAsync(emulator, "restart");
    }

    private static async Task AssertBootstrappedAsync(EmulatorProcess emulator, string when)
    {
        var bindings = (await emulator.Kubectl.RunAsync("get", "clusterrolebindings", "-l", "kubernetes.io/bootstrapping=rbac-defaults", "-o", "name"))
            .Succeeds();
        Assert.Equal(Bindings.Select(b => $"clusterrolebinding.rbac.authorization.k8s.io/{b}"), bindings.StdoutLines.Order(StringComparer.Ordinal));

        var roles = (await emulator.Kubectl.RunAsync("get", "clusterroles", "-o", "name")).Succeeds();
        foreach (var role in Roles)
            Assert.True(roles.StdoutLines.Contains($"clusterrole.rbac.authorization.k8s.io/{role}"),
                $"{when}: ClusterRole {role} is missing right after /readyz answered:\n{roles.Describe()}");

        var namespaces = (await emulator.Kubectl.RunAsync("get", "ns", "-o", "name")).Succeeds();
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            Assert.True(namespaces.StdoutLines.Contains($"namespace/{ns}"), $"{when}: namespace {ns} is missing:\n{namespaces.Describe()}");

        (await emulator.Kubectl.RunAsync("get", "svc", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.clusterIP}"))
            .Succeeds().PrintsExactly("127.96.0.1");
        var dns = await Dig.QueryAsync(emulator, "kubernetes.default.svc.cluster.local", "A");
        Assert.True(dns.Status == "NOERROR", $"{when}: {dns.Describe()}");
        Assert.Equal(["127.96.0.1"], dns.AnswerData("A"));
    }
}
