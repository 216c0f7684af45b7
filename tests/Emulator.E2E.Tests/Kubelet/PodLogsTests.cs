using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>kubectl logs against the container instances the kubelet ran: --previous, -c and their real errors.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class PodLogsTests(EmulatorFixture fixture)
{
    private const string TwoContainers = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"duo"},
         "spec":{"containers":[
           {"name":"first","image":"busybox","command":["sh","-c","echo from first; sleep 3600"]},
           {"name":"second","image":"busybox","command":["sh","-c","echo from second; sleep 3600"]}]}}
        """;

    [Fact]
    public async Task Previous_without_an_earlier_instance_is_the_real_bad_request()
    {
        var ns = await fixture.CreateNamespaceAsync("noprev");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "web", "--image=nginx", "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^web\s+1/1\s+Running\s+", "get", "pod", "web", "-n", ns);
        (await kubectl.RunAsync("logs", "web", "-n", ns, "--previous")).FailsWith(1)
            .PrintsErrorLine(@"^Error from server \(BadRequest\): previous terminated container ""web"" in pod ""web"" not found$");
        (await kubectl.RunAsync("logs", "web", "-n", ns)).Succeeds().PrintsLine(@"\[notice\] 1#1: start worker processes$");
    }

    [Fact]
    public async Task A_two_container_pod_needs_a_container_name_and_logs_each_one()
    {
        var ns = await fixture.CreateNamespaceAsync("duo");
        var kubectl = fixture.Kubectl;
        (await kubectl.CreateFromManifestAsync(TwoContainers, "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^duo\s+2/2\s+Running\s+0\s+", "get", "pod", "duo", "-n", ns);

        (await kubectl.RunAsync("logs", "duo", "-n", ns, "-c", "second")).Succeeds().PrintsExactly("from second\n");
        // kubectl itself picks the first container and says so; the API asks for a name.
        (await kubectl.RunAsync("logs", "duo", "-n", ns)).Succeeds().PrintsExactly("from first\n")
            .PrintsErrorLine(@"^Defaulted container ""first"" out of: first, second$");
        (await kubectl.RunAsync("get", "--raw", $"/api/v1/namespaces/{ns}/pods/duo/log")).FailsWith(1)
            .PrintsErrorLine(@"^Error from server \(BadRequest\): a container name must be specified for pod duo, choose one of: \[first second\]$");
        (await kubectl.RunAsync("logs", "duo", "-n", ns, "-c", "third")).FailsWith(1)
            .PrintsErrorLine(@"^error: container third is not valid for pod duo$|^Error from server \(BadRequest\): container third is not valid for pod duo$");
        (await kubectl.RunAsync("logs", "duo", "-n", ns, "--all-containers", "--prefix")).Succeeds()
            .PrintsLine(@"^\[pod/duo/first\] from first$").PrintsLine(@"^\[pod/duo/second\] from second$");
    }

    [Fact]
    public async Task Follow_ends_when_the_container_exits()
    {
        var ns = await fixture.CreateNamespaceAsync("followend");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "brief", "--image=busybox", "--restart=Never", "-n", ns, "--", "sh", "-c", "echo start; sleep 2; echo end")).Succeeds();
        await kubectl.UntilAsync(@"^brief\s+1/1\s+Running\s+", "get", "pod", "brief", "-n", ns);
        await using var follow = kubectl.Start("logs", "-f", "brief", "-n", ns);
        var result = await follow.WaitForExitAsync(TimeSpan.FromSeconds(60));
        result.Succeeds();
        Assert.Equal(["start", "end"], result.StdoutLines);
    }
}
