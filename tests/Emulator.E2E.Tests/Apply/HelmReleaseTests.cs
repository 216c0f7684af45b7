using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Apply;

/// <summary>
/// helm 4 install/upgrade/rollback/uninstall of the chart <c>helm create</c> makes (its templates/tests removed):
/// server-side apply of the manifests and protobuf-written release Secrets.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class HelmReleaseTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Install_upgrade_rollback_and_uninstall_each_succeed_and_list_shows_the_revision()
    {
        var ns = await fixture.CreateNamespaceAsync("helm");
        var work = TempDirs.Create("emulator-e2e-chart");
        try
        {
            var chart = Path.Combine(work, "tiny");
            (await fixture.Helm.RunAsync("create", chart)).Succeeds();
            Directory.Delete(Path.Combine(chart, "templates", "tests"), recursive: true);

            (await fixture.Helm.RunAsync("install", "t1", chart, "-n", ns)).Succeeds().PrintsLine("^STATUS: deployed$");
            (await fixture.Kubectl.RunAsync("get", "deployment", "t1-tiny", "-n", ns, "-o", "jsonpath={.spec.replicas}")).Succeeds().PrintsExactly("1");

            (await fixture.Helm.RunAsync("upgrade", "t1", chart, "-n", ns, "--set", "replicaCount=3")).Succeeds()
                .PrintsLine("^Release \"t1\" has been upgraded\\.");
            (await fixture.Kubectl.RunAsync("get", "deployment", "t1-tiny", "-n", ns, "-o", "jsonpath={.spec.replicas}")).Succeeds().PrintsExactly("3");
            (await fixture.Helm.RunAsync("list", "-n", ns)).Succeeds().PrintsLine($@"^t1\s+{ns}\s+2\s+.*\sdeployed\s+tiny-0\.1\.0\s");

            (await fixture.Helm.RunAsync("rollback", "t1", "1", "-n", ns)).Succeeds();
            (await fixture.Kubectl.RunAsync("get", "deployment", "t1-tiny", "-n", ns, "-o", "jsonpath={.spec.replicas}")).Succeeds().PrintsExactly("1");
            (await fixture.Helm.RunAsync("list", "-n", ns)).Succeeds().PrintsLine($@"^t1\s+{ns}\s+3\s+.*\sdeployed\s+tiny-0\.1\.0\s");

            (await fixture.Helm.RunAsync("uninstall", "t1", "-n", ns)).Succeeds().PrintsExactly("release \"t1\" uninstalled\n");
            (await fixture.Helm.RunAsync("list", "-n", ns)).Succeeds().DoesNotPrintLine("^t1");
            (await fixture.Kubectl.RunAsync("get", "deployment,service", "-n", ns, "-o", "name")).Succeeds().PrintsExactly("");
        }
        finally
        {
            TempDirs.TryDelete(work);
        }
    }
}
