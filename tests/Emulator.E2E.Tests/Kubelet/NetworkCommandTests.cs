using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>
/// busybox's wget, nc and nslookup and the curl image's curl, run by the kubelet's interpreter: names resolve through
/// the pod's resolv.conf (search &lt;ns&gt;.svc.cluster.local ..., ndots 5) against the cluster DNS, and the request goes over
/// loopback through the service proxy to the pod, so the log shows the real answer or busybox's real error.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class NetworkCommandTests(EmulatorFixture fixture)
{
    private async Task<string> HttpEnvAsync(string ns)
    {
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("create", "deployment", "httpenv", "--image=jpetazzo/httpenv", "-n", ns)).Succeeds();
        (await kubectl.RunAsync("expose", "deployment", "httpenv", "--port=8888", "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^127\.\d+\.\d+\.\d+$", "get", "endpointslices", "-n", ns, "-l", "kubernetes.io/service-name=httpenv",
            "-o", "jsonpath={.items[0].endpoints[0].addresses[0]}");
        var ip = await kubectl.RunAsync("get", "service", "httpenv", "-n", ns, "-o", "jsonpath={.spec.clusterIP}");
        return ip.Succeeds().Stdout.Trim();
    }

    private async Task<CommandResult> RunToEndAsync(string ns, string name, string phase, params string[] command)
    {
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync(["run", name, "--image=busybox", "--restart=Never", "-n", ns, "--", .. command])).Succeeds();
        await kubectl.UntilAsync($@"^{phase}$", "get", "pod", name, "-n", ns, "-o", "jsonpath={.status.phase}");
        return await kubectl.RunAsync("logs", name, "-n", ns);
    }

    [Fact]
    public async Task Wget_qO_by_service_name_prints_the_pods_answer_and_a_pipe_can_grep_it()
    {
        var ns = await fixture.CreateNamespaceAsync("wget");
        await HttpEnvAsync(ns);
        (await RunToEndAsync(ns, "fetch", "Succeeded", "wget", "-qO-", "http://httpenv:8888")).Succeeds()
            .PrintsLine(@"^\{.*""HOSTNAME"":""httpenv-[a-z0-9]+-[a-z0-9]{5}"".*\}$");
        (await RunToEndAsync(ns, "piped", "Succeeded", "sh", "-c", $"wget -O- -q http://httpenv.{ns}.svc.cluster.local:8888 | grep -o '\"HOSTNAME\":\"httpenv-'"))
            .Succeeds().PrintsExactly("\"HOSTNAME\":\"httpenv-\n");
    }

    [Fact]
    public async Task Wget_without_q_saves_index_html_and_reports_like_busybox_and_spider_only_checks()
    {
        var ns = await fixture.CreateNamespaceAsync("wgetsave");
        var clusterIp = await HttpEnvAsync(ns);
        var log = await RunToEndAsync(ns, "save", "Succeeded", "sh", "-c", "wget http://httpenv:8888/ && wc -c index.html && wget --spider http://httpenv:8888");
        log.Succeeds().PrintsExactly(
            $"Connecting to httpenv:8888 ({clusterIp}:8888)\nsaving to 'index.html'\n"
            + $"index.html           100% |*******************************|{log.Stdout.Split('|')[2][..8]}--:--:-- ETA\n"
            + $"'index.html' saved\n{log.Stdout.Split('\n')[4]}\nConnecting to httpenv:8888 ({clusterIp}:8888)\nremote file exists\n");
        Assert.Matches(@"^\s+\d+ index\.html$", log.Stdout.Split('\n')[4]);
        Assert.Matches(@"^\|\s+\d+  $", "|" + log.Stdout.Split('|')[2][..8]);
    }

    [Fact]
    public async Task Wget_failures_print_busyboxs_messages_and_exit_1()
    {
        var ns = await fixture.CreateNamespaceAsync("wgetfail");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "web", "--image=nginx", "--port=80", "--expose", "-n", ns)).Succeeds();
        var podIp = await kubectl.PodIpAsync(ns, "web");
        await kubectl.UntilAsync(@"^web\s+1/1\s+Running", "get", "pod", "web", "-n", ns);
        (await RunToEndAsync(ns, "nosuch", "Failed", "wget", "-qO-", "http://nosuch")).Succeeds().PrintsExactly("wget: bad address 'nosuch'\n");
        (await RunToEndAsync(ns, "refused", "Failed", "wget", "-qO-", $"http://{podIp}:81/")).Succeeds()
            .PrintsExactly($"wget: can't connect to remote host ({podIp}): Connection refused\n");
        (await RunToEndAsync(ns, "missing", "Failed", "wget", "-qO-", "http://web/missing")).Succeeds()
            .PrintsExactly("wget: server returned error: HTTP/1.1 404 Not Found\n");
        (await kubectl.RunAsync("get", "pod", "missing", "-n", ns, "-o", "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}"))
            .Succeeds().PrintsExactly("1");
        (await RunToEndAsync(ns, "page", "Succeeded", "wget", "-qO-", "web")).Succeeds().PrintsLine("^<title>Welcome to nginx!</title>$");
    }

    [Fact]
    public async Task Nslookup_and_nc_answer_from_the_cluster_dns_and_the_service_proxy()
    {
        var ns = await fixture.CreateNamespaceAsync("lookup");
        var clusterIp = await HttpEnvAsync(ns);
        var fqdn = $"httpenv.{ns}.svc.cluster.local";
        var dns = (await fixture.Kubectl.RunAsync("get", "service", "kube-dns", "-n", "kube-system", "-o", "jsonpath={.spec.clusterIP}")).Succeeds().Stdout.Trim();
        (await RunToEndAsync(ns, "full", "Succeeded", "nslookup", fqdn)).Succeeds().PrintsExactly(
            $"Server:\t\t{dns}\nAddress:\t{dns}:53\n\nName:\t{fqdn}\nAddress: {clusterIp}\n\n*** Can't find {fqdn}: No answer\n\n");
        // busybox 1.30+ asks every search domain for a short name and exits 1 on any NXDOMAIN, even when one answered.
        (await RunToEndAsync(ns, "short", "Failed", "nslookup", "httpenv")).Succeeds()
            .PrintsLine($@"^Name:\t{fqdn.Replace(".", @"\.")}$").PrintsLine(@"^\*\* server can't find httpenv\.cluster\.local: NXDOMAIN$");
        (await RunToEndAsync(ns, "port", "Succeeded", "nc", "-zv", "httpenv", "8888")).Succeeds().PrintsExactly($"httpenv ({clusterIp}:8888) open\n");
        (await RunToEndAsync(ns, "closed", "Failed", "nc", "-z", "httpenv", "8889")).Succeeds().PrintsExactly("");
        (await RunToEndAsync(ns, "resolv", "Succeeded", "cat", "/etc/resolv.conf")).Succeeds()
            .PrintsExactly($"search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver {dns}\noptions ndots:5\n");
    }

    [Fact]
    public async Task A_pod_waiting_with_until_nslookup_completes_once_the_service_exists()
    {
        var ns = await fixture.CreateNamespaceAsync("waitsvc");
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "waiter", "--image=busybox", "--restart=Never", "-n", ns, "--", "sh", "-c",
            $"until nslookup mysvc.{ns}.svc.cluster.local > /dev/null; do echo waiting for mysvc; sleep 1; done; echo mysvc is there")).Succeeds();
        await kubectl.UntilAsync("^waiting for mysvc$", "logs", "waiter", "-n", ns);
        (await kubectl.RunAsync("get", "pod", "waiter", "-n", ns, "-o", "jsonpath={.status.phase}")).Succeeds().PrintsExactly("Running");
        (await kubectl.RunAsync("create", "service", "clusterip", "mysvc", "--tcp=80", "-n", ns)).Succeeds();
        await kubectl.UntilAsync(@"^waiter\s+0/1\s+Completed\s+0\s+\S+$", "get", "pod", "waiter", "-n", ns);
        (await kubectl.RunAsync("logs", "waiter", "-n", ns)).Succeeds().PrintsLine("^mysvc is there$").DoesNotPrintLine("NXDOMAIN");
    }

    [Fact]
    public async Task The_curl_image_runs_curl_with_the_arguments_given()
    {
        var ns = await fixture.CreateNamespaceAsync("curl");
        await HttpEnvAsync(ns);
        var kubectl = fixture.Kubectl;
        (await kubectl.RunAsync("run", "c", "--image=curlimages/curl", "--restart=Never", "-n", ns, "--",
            "-s", "-o", "/dev/null", "-w", "%{http_code}\\n", "http://httpenv:8888")).Succeeds();
        await kubectl.UntilAsync(@"^c\s+0/1\s+Completed\s+0\s+\S+$", "get", "pod", "c", "-n", ns);
        (await kubectl.RunAsync("logs", "c", "-n", ns)).Succeeds().PrintsExactly("200\n");
        (await kubectl.RunAsync("run", "d", "--image=curlimages/curl", "--restart=Never", "-n", ns, "--", "curl", "-sS", "http://nosuch")).Succeeds();
        await kubectl.UntilAsync(@"^d\s+0/1\s+Error\s+0\s+\S+$", "get", "pod", "d", "-n", ns);
        (await kubectl.RunAsync("logs", "d", "-n", ns)).Succeeds().PrintsExactly("curl: (6) Could not resolve host: nosuch\n");
        (await kubectl.RunAsync("get", "pod", "d", "-n", ns, "-o", "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}")).Succeeds().PrintsExactly("6");
    }
}
