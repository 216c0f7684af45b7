using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>After a restart of the emulator, running containers come back on their pod IPs; finished pods stay finished.</summary>
[Collection(RestartCollection.Name)]
public sealed class KubeletRestartTests
{
    [Fact]
    public async Task A_restart_brings_running_containers_back_with_their_restart_count_and_leaves_completed_pods_alone()
    {
        await using var emulator = await EmulatorProcess.StartAsync();
        var ns = Names.Namespace("kubeletrestart");
        await emulator.Api.CreateNamespaceAsync(ns);
        var kubectl = emulator.Kubectl;
        (await kubectl.RunAsync("run", "netexec", "--image=registry.k8s.io/e2e-test-images/agnhost:2.53", "-n", ns, "--", "netexec")).Succeeds();
        (await kubectl.RunAsync("run", "done", "--image=busybox", "--restart=Never", "-n", ns, "--", "echo", "finished")).Succeeds();
        var ip = await kubectl.PodIpAsync(ns, "netexec");
        await kubectl.UntilAsync(@"^netexec\s+1/1\s+Running\s+0", "get", "pod", "netexec", "-n", ns);
        (await Curl.RunAsync($"http://{ip}:8080/exit?code=4")).FailsWith(52);
        await kubectl.UntilAsync(@"^netexec\s+1/1\s+Running\s+1 \(", "get", "pod", "netexec", "-n", ns);
        await kubectl.UntilAsync(@"^done\s+0/1\s+Completed\s+0", "get", "pod", "done", "-n", ns);

        Assert.Equal(0, await emulator.StopAsync());
        await emulator.RestartAsync();

        await kubectl.UntilAsync(@"^netexec\s+1/1\s+Running\s+1 \(", "get", "pod", "netexec", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "netexec", "-n", ns, "-o", "jsonpath={.status.podIP}")).Succeeds().PrintsExactly(ip);
        (await Curl.RunAsync($"http://{ip}:8080/hostname")).Succeeds().PrintsExactly("netexec");
        (await kubectl.RunAsync("get", "pod", "done", "-n", ns)).Succeeds().PrintsLine(@"^done\s+0/1\s+Completed\s+0\s+\S+$");
    }
}
