using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// agnhost and http-echo as course material runs them: the container's args pick the mode and flags, and curl on
/// the pod IP gets the real response formats. Unknown images and modes idle, say so in an Event, and refuse.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ImageEmulationTests(EmulatorFixture fixture)
{
    private const string Agnhost = "registry.k8s.io/e2e-test-images/agnhost:2.53";

    [Fact]
    public async Task Agnhost_serve_hostname_answers_the_pod_name_on_9376_and_on_a_chosen_port()
    {
        var ns = await fixture.CreateNamespaceAsync("servehost");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "hostnames", $"--image={Agnhost}", "-n", ns, "--", "serve-hostname")).Succeeds();
        (await kubectl.RunAsync("run", "custom", $"--image={Agnhost}", "-n", ns, "--", "serve-hostname", "--port=8000")).Succeeds();
        var ip = await kubectl.PodIpAsync(ns, "hostnames");
        await kubectl.UntilAsync(@"^hostnames\s+1/1\s+Running\s+0", "get", "pod", "hostnames", "-n", ns);
        (await Curl.RunAsync($"http://{ip}:9376/")).Succeeds().PrintsExactly("hostnames");
        (await kubectl.UntilAsync(@"HTTP request from 127\.", "logs", "hostnames", "-n", ns))
            .PrintsLine(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d Serving on port 9376\.$");

        var custom = await kubectl.PodIpAsync(ns, "custom");
        await kubectl.UntilAsync(@"^custom\s+1/1\s+Running\s+0", "get", "pod", "custom", "-n", ns);
        (await Curl.RunAsync($"http://{custom}:8000/anything")).Succeeds().PrintsExactly("custom");
        (await Curl.RunAsync("--connect-timeout", "5", $"http://{custom}:9376/")).FailsWith(7);
    }

    [Fact]
    public async Task Agnhost_netexec_serves_hostname_echo_clientip_healthz_udp_and_exits_on_request()
    {
        var ns = await fixture.CreateNamespaceAsync("netexec");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "netexec", $"--image={Agnhost}", "-n", ns, "--", "netexec", "--http-port=8080", "--udp-port=8081")).Succeeds();
        var ip = await kubectl.PodIpAsync(ns, "netexec");
        await kubectl.UntilAsync(@"^netexec\s+1/1\s+Running\s+0", "get", "pod", "netexec", "-n", ns);

        (await Curl.RunAsync($"http://{ip}:8080/hostname")).Succeeds().PrintsExactly("netexec");
        (await Curl.RunAsync($"http://{ip}:8080/echo?msg=hello%20world")).Succeeds().PrintsExactly("hello world");
        (await Curl.RunAsync("-o", "/dev/null", "-w", "%{http_code}", $"http://{ip}:8080/echo?msg=teapot&code=418")).Succeeds().PrintsExactly("418");
        (await Curl.RunAsync($"http://{ip}:8080/clientip")).Succeeds().PrintsLine(@"^127\.\d+\.\d+\.\d+:\d+$");
        (await Curl.RunAsync("-o", "/dev/null", "-w", "%{http_code}", $"http://{ip}:8080/healthz")).Succeeds().PrintsExactly("200");
        (await Curl.RunAsync($"http://{ip}:8080/")).Succeeds().PrintsLine(@"^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000 UTC m=\+\d+\.\d{9}$");

        using (var udp = new UdpClient())
        {
            udp.Connect(IPAddress.Parse(ip), 8081);
            await udp.SendAsync(Encoding.ASCII.GetBytes("hostname"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Assert.Equal("netexec", Encoding.ASCII.GetString((await udp.ReceiveAsync(timeout.Token)).Buffer));
            await udp.SendAsync(Encoding.ASCII.GetBytes("echo Hi There"));
            Assert.Equal("hi there", Encoding.ASCII.GetString((await udp.ReceiveAsync(timeout.Token)).Buffer));
        }
        (await kubectl.RunAsync("logs", "netexec", "-n", ns)).Succeeds()
            .PrintsLine(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d Started HTTP server on port 8080$")
            .PrintsLine(@" GET /echo\?msg=hello world&code=$")
            .PrintsLine(@" Sending udp hostName response$");

        // /exit ends the process with the code: the kubelet restarts it (restartPolicy Always) and keeps the old state.
        (await Curl.RunAsync($"http://{ip}:8080/exit?code=3")).FailsWith(52);
        await kubectl.UntilAsync("^1 3 Error$", "get", "pod", "netexec", "-n", ns, "-o",
            "jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode} "
            + "{.status.containerStatuses[0].lastState.terminated.reason}");
        (await kubectl.RunAsync("logs", "netexec", "-n", ns, "--previous")).Succeeds().PrintsLine(@" GET /exit\?code=3&timeout=&wait=$");
        await kubectl.UntilAsync(@"^netexec\s+1/1\s+Running\s+1 \(\S+ ago\)", "get", "pod", "netexec", "-n", ns);
        (await Curl.RunAsync($"http://{ip}:8080/hostname")).Succeeds().PrintsExactly("netexec");
    }

    [Fact]
    public async Task Http_echo_answers_its_text_with_the_status_code_and_exits_127_without_a_text()
    {
        var ns = await fixture.CreateNamespaceAsync("httpecho");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "apple", "--image=hashicorp/http-echo", "-n", ns, "--", "-text=apple")).Succeeds();
        (await kubectl.RunAsync("run", "teapot", "--image=hashicorp/http-echo:1.0", "-n", ns, "--", "-listen=:8080", "-text=short and stout", "-status-code=418")).Succeeds();
        (await kubectl.RunAsync("run", "mute", "--image=hashicorp/http-echo", "--restart=Never", "-n", ns)).Succeeds();

        var apple = await kubectl.PodIpAsync(ns, "apple");
        await kubectl.UntilAsync(@"^apple\s+1/1\s+Running\s+0", "get", "pod", "apple", "-n", ns);
        (await Curl.RunAsync($"http://{apple}:5678/")).Succeeds().PrintsExactly("apple\n");
        (await Curl.RunAsync("-i", $"http://{apple}:5678/")).Succeeds().PrintsLine("^X-App-Name: http-echo\r?$");
        (await kubectl.RunAsync("logs", "apple", "-n", ns)).Succeeds()
            .PrintsLine(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[INFO\] server is listening on :5678$")
            .PrintsLine(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d " + apple.Replace(".", @"\.") + @":5678 127\.\S+:\d+ ""GET / HTTP/1\.1"" 200 6 ""curl/\S+"" \S+$");

        var teapot = await kubectl.PodIpAsync(ns, "teapot");
        await kubectl.UntilAsync(@"^teapot\s+1/1\s+Running\s+0", "get", "pod", "teapot", "-n", ns);
        (await Curl.RunAsync("-w", " %{http_code}", $"http://{teapot}:8080/any/path")).Succeeds().PrintsExactly("short and stout\n 418");

        await kubectl.UntilAsync(@"^mute\s+0/1\s+Error\s+0", "get", "pod", "mute", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "mute", "-n", ns, "-o", "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}"))
            .Succeeds().PrintsExactly("127");
        (await kubectl.RunAsync("logs", "mute", "-n", ns)).Succeeds().PrintsExactly("Missing -text option OR ENV var TEXT is empty!\n");
    }

    [Fact]
    public async Task An_unknown_image_runs_idle_with_an_event_and_its_ports_refuse_connections()
    {
        var ns = await fixture.CreateNamespaceAsync("unknown");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "mystery", "--image=example.com/acme/shop:1.2", "--port=8080", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("run", "liveness", $"--image={Agnhost}", "-n", ns, "--", "liveness")).Succeeds();
        var ip = await kubectl.PodIpAsync(ns, "mystery");
        await kubectl.UntilAsync(@"^mystery\s+1/1\s+Running\s+0", "get", "pod", "mystery", "-n", ns);
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=mystery")).Succeeds()
            .PrintsLine(@"Warning\s+ImageNotEmulated\s+pod/mystery\s+Image ""example\.com/acme/shop:1\.2"" has no emulation in this emulator: "
                + "the container runs idle and its ports will refuse connections$");
        (await Curl.RunAsync("--connect-timeout", "5", $"http://{ip}:8080/")).FailsWith(7).PrintsErrorLine("Connection refused|Couldn't connect");

        await kubectl.UntilAsync("CommandNotEmulated", "get", "events", "-n", ns, "--field-selector", "involvedObject.name=liveness");
        (await kubectl.RunAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=liveness")).Succeeds()
            .PrintsLine(@"Warning\s+CommandNotEmulated\s+pod/liveness\s+The command \[/agnhost liveness\] is not emulated \(agnhost liveness is not emulated\): "
                + "the container runs idle and writes nothing$");
    }
}
