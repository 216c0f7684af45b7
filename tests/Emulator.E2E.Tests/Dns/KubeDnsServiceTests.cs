using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Dns;

/// <summary>
/// Pods resolve names through the kube-dns Service (kubelet's clusterDNS), so the server also answers on port 53 of
/// that Service's cluster IP when the process may bind a privileged port; when it may not, it says so in its log.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class KubeDnsServiceTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Dig_at_the_kube_dns_cluster_ip_port_53_answers_when_the_bind_is_permitted()
    {
        var ip = await KubeDnsClusterIpAsync();
        Assert.Matches(@"^127\.\d+\.\d+\.\d+$", ip);

        // Without the right to bind port 53, or when another emulator on this machine held the address when this one
        // started (tests run emulators in parallel), the refused bind must be a log line and nothing worse.
        if (!MayBindPrivilegedPorts() || fixture.Emulator.RecentOutput().Contains($"DNS: cannot listen on {ip}:53", StringComparison.Ordinal))
        {
            await WaitForLogAsync($"DNS: cannot listen on {ip}:53");
            return;
        }
        // Another emulator on this machine (tests run in parallel) may hold the same default address; every emulator
        // answers this name the same way, so the question does not depend on which one holds it.
        var name = "kube-dns.kube-system.svc.cluster.local";
        foreach (var options in new[] { Array.Empty<string>(), ["+tcp"] })
        {
            var answer = await Dig.QueryAsync(ip, 53, name, "A", options);
            Assert.True(answer.Status == "NOERROR", answer.Describe());
            Assert.Equal([$"{name}. 5 IN A {ip}"], answer.Answer);
        }
    }

    /// <summary>
    /// The kube-dns Service's cluster IP. The emulator seeds the Service at start; should it be missing, the test
    /// creates it as kubeadm does (the tenth address of the service range), since this test is about DNS, not seeding.
    /// </summary>
    private async Task<string> KubeDnsClusterIpAsync()
    {
        string[] get = ["get", "service", "kube-dns", "-n", "kube-system", "-o", "jsonpath={.spec.clusterIP}"];
        var found = await fixture.Kubectl.RunAsync(get);
        if (found.ExitCode != 0)
        {
            var created = await fixture.Kubectl.CreateFromManifestAsync("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: kube-dns
                  namespace: kube-system
                  labels: {k8s-app: kube-dns}
                spec:
                  clusterIP: 127.96.0.10
                  selector: {k8s-app: kube-dns}
                  ports:
                  - {name: dns, port: 53, protocol: UDP, targetPort: 53}
                  - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
                """);
            Assert.True(created.ExitCode == 0 || created.Stderr.Contains("AlreadyExists", StringComparison.Ordinal), created.Describe());
            found = (await fixture.Kubectl.RunAsync(get)).Succeeds();
        }
        return found.Stdout.Trim();
    }

    /// <summary>Root, or a lowered net.ipv4.ip_unprivileged_port_start, lets a process bind port 53.</summary>
    private static bool MayBindPrivilegedPorts()
    {
        if (Environment.UserName == "root") return true;
        const string sysctl = "/proc/sys/net/ipv4/ip_unprivileged_port_start";
        return File.Exists(sysctl) && int.TryParse(File.ReadAllText(sysctl).Trim(), out var start) && start <= 53;
    }

    private async Task WaitForLogAsync(string text)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (!fixture.Emulator.RecentOutput().Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"the emulator never logged \"{text}\":\n{fixture.Emulator.RecentOutput()}");
            await Task.Delay(50);
        }
    }
}
