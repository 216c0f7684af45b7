using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// <c>helm test</c> of the chart <c>helm create</c> makes: its templates/tests/test-connection.yaml runs busybox
/// <c>wget '&lt;fullname&gt;:&lt;port&gt;'</c> against the release's Service, which reaches the nginx pod through the
/// cluster DNS and the service proxy; helm waits for the hook pod to succeed and prints its log.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class HelmTestTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Helm_test_of_a_helm_create_chart_passes_and_shows_the_wget_log()
    {
        var ns = await fixture.CreateNamespaceAsync("helmtest");
        var work = TempDirs.Create("emulator-e2e-chart");
        try
        {
            var chart = Path.Combine(work, "web");
            (await fixture.Helm.RunAsync("create", chart)).Succeeds();
            (await fixture.Helm.RunAsync("install", "t1", chart, "-n", ns, "--wait", "--timeout", "120s")).Succeeds().PrintsLine("^STATUS: deployed$");
            var clusterIp = (await fixture.Kubectl.RunAsync("get", "service", "t1-web", "-n", ns, "-o", "jsonpath={.spec.clusterIP}")).Succeeds().Stdout.Trim();

            var test = await fixture.Helm.RunAsync(["test", "t1", "-n", ns, "--logs", "--timeout", "120s"], stdin: null, TimeSpan.FromSeconds(150));
            test.Succeeds()
                .PrintsLine(@"^TEST SUITE:\s+t1-web-test-connection$")
                .PrintsLine(@"^Phase:\s+Succeeded$")
                .PrintsLine(@"^POD LOGS: t1-web-test-connection$")
                .PrintsLine($@"^Connecting to t1-web:80 \({clusterIp.Replace(".", @"\.")}:80\)$")
                .PrintsLine(@"^'index\.html' saved$");
            (await fixture.Kubectl.RunAsync("get", "pod", "t1-web-test-connection", "-n", ns, "-o",
                    "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}"))
                .Succeeds().PrintsExactly("Succeeded 0");
        }
        finally
        {
            TempDirs.TryDelete(work);
        }
    }

    [Fact]
    public async Task Helm_test_fails_when_the_service_has_nothing_behind_it()
    {
        var ns = await fixture.CreateNamespaceAsync("helmfail");
        var work = TempDirs.Create("emulator-e2e-chart");
        try
        {
            var chart = Path.Combine(work, "web");
            (await fixture.Helm.RunAsync("create", chart)).Succeeds();
            // The test pod asks port 81, where the Service does not listen: busybox wget cannot connect and exits 1.
            (await fixture.Helm.RunAsync("install", "t2", chart, "-n", ns, "--wait", "--timeout", "120s", "--set", "service.port=80")).Succeeds();
            var testFile = Path.Combine(chart, "templates", "tests", "test-connection.yaml");
            await File.WriteAllTextAsync(testFile, (await File.ReadAllTextAsync(testFile)).Replace("{{ .Values.service.port }}", "81", StringComparison.Ordinal));
            (await fixture.Helm.RunAsync("upgrade", "t2", chart, "-n", ns)).Succeeds();
            var test = await fixture.Helm.RunAsync(["test", "t2", "-n", ns, "--logs", "--timeout", "120s"], stdin: null, TimeSpan.FromSeconds(150));
            test.FailsWith(1).PrintsErrorLine("pod t2-web-test-connection failed");
            (await fixture.Kubectl.RunAsync("logs", "t2-web-test-connection", "-n", ns)).Succeeds()
                .PrintsLine(@"^Connecting to t2-web:81 \(127\.\d+\.\d+\.\d+:81\)$")
                .PrintsLine(@"^wget: can't connect to remote host \(127\.\d+\.\d+\.\d+\): Connection refused$");
        }
        finally
        {
            TempDirs.TryDelete(work);
        }
    }
}
