using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Services;

/// <summary>kubectl create service / expose / get / describe against the real process (issue 4 acceptance).</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ServiceCommandTests(EmulatorFixture fixture)
{
    private const string ClusterIpPattern = @"127\.(9[6-9]|10\d|11[01])\.\d+\.\d+";

    [Fact]
    public async Task Create_service_clusterip_prints_an_address_from_the_service_cidr()
    {
        var ns = await fixture.CreateNamespaceAsync("svc-cip");
        (await fixture.Kubectl.RunAsync("create", "service", "clusterip", "web", "--tcp=80:8080", "-n", ns)).Succeeds()
            .PrintsExactly("service/web created\n");
        (await fixture.Kubectl.RunAsync("get", "svc", "-n", ns)).Succeeds()
            .PrintsHeader(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$")
            .PrintsLine($@"^web\s+ClusterIP\s+{ClusterIpPattern}\s+<none>\s+80/TCP\s+\S+$");
        (await fixture.Kubectl.RunAsync("get", "svc", "web", "-n", ns, "-o", "wide")).Succeeds()
            .PrintsLine($@"^web\s+ClusterIP\s+{ClusterIpPattern}\s+<none>\s+80/TCP\s+\S+\s+app=web$");
        (await fixture.Kubectl.RunAsync("get", "svc", "web", "-n", ns, "-o", "jsonpath={.spec.ipFamilyPolicy} {.spec.ipFamilies} {.spec.sessionAffinity} {.spec.internalTrafficPolicy}"))
            .Succeeds().PrintsExactly("SingleStack [\"IPv4\"] None Cluster");
    }

    [Fact]
    public async Task Create_service_nodeport_shows_port_colon_node_port_and_describe_lines()
    {
        var ns = await fixture.CreateNamespaceAsync("svc-np");
        (await fixture.Kubectl.RunAsync("create", "service", "nodeport", "np", "--tcp=8888:8888", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "svc", "np", "-n", ns)).Succeeds()
            .PrintsLine($@"^np\s+NodePort\s+{ClusterIpPattern}\s+<none>\s+8888:3\d{{4}}/TCP\s+\S+$");
        (await fixture.Kubectl.RunAsync("describe", "svc", "np", "-n", ns)).Succeeds()
            .PrintsLine(@"^Type:\s+NodePort$")
            .PrintsLine(@"^IP Family Policy:\s+SingleStack$")
            .PrintsLine(@"^IP Families:\s+IPv4$")
            .PrintsLine($@"^IPs?:\s+{ClusterIpPattern}$")
            .PrintsLine(@"^NodePort:\s+8888-8888\s+3\d{4}/TCP$")
            .PrintsLine(@"^Session Affinity:\s+None$")
            .PrintsLine(@"^External Traffic Policy:\s+Cluster$");
    }

    [Fact]
    public async Task Create_service_externalname_and_headless_print_their_cells()
    {
        var ns = await fixture.CreateNamespaceAsync("svc-ext");
        (await fixture.Kubectl.RunAsync("create", "service", "externalname", "ext", "--external-name", "db.example.com", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("create", "service", "clusterip", "headless", "--clusterip=None", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "svc", "-n", ns)).Succeeds()
            .PrintsLine(@"^ext\s+ExternalName\s+<none>\s+db\.example\.com\s+<none>\s+\S+$")
            .PrintsLine(@"^headless\s+ClusterIP\s+None\s+<none>\s+<none>\s+\S+$");
    }

    [Fact]
    public async Task Load_balancer_gets_an_ingress_ip_from_the_pool()
    {
        var ns = await fixture.CreateNamespaceAsync("svc-lb");
        (await fixture.Kubectl.RunAsync("create", "service", "loadbalancer", "lb", "--tcp=80:8080", "-n", ns)).Succeeds();
        var line = await PollAsync(async () =>
        {
            var get = (await fixture.Kubectl.RunAsync("get", "svc", "lb", "-n", ns, "--no-headers")).Succeeds();
            return Regex.IsMatch(get.Stdout, @"127\.18\.255\.\d+") ? get.Stdout : null;
        });
        Assert.Matches($@"^lb\s+LoadBalancer\s+{ClusterIpPattern}\s+127\.18\.255\.(2[0-4]\d|250)\s+80:3\d{{4}}/TCP\s+\S+\n$", line);
        (await fixture.Kubectl.RunAsync("get", "svc", "lb", "-n", ns, "-o", "jsonpath={.status.loadBalancer.ingress[0].ipMode}")).Succeeds()
            .PrintsExactly("VIP");
    }

    [Fact]
    public async Task Load_balancer_of_another_class_stays_pending()
    {
        var ns = await fixture.CreateNamespaceAsync("svc-lbclass");
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "other",
            """ "type":"LoadBalancer","loadBalancerClass":"example.com/other","ports":[{"port":80}] """))).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "svc", "other", "-n", ns, "--no-headers")).Succeeds()
            .PrintsLine($@"^other\s+LoadBalancer\s+{ClusterIpPattern}\s+<pending>\s+80:3\d{{4}}/TCP\s+\S+$");
    }

    [Fact]
    public async Task Expose_deployment_with_each_type()
    {
        var ns = await fixture.CreateNamespaceAsync("svc-expose");
        (await fixture.Kubectl.RunAsync("create", "deployment", "httpenv", "--image=jpetazzo/httpenv", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("expose", "deploy/httpenv", "--port", "8888", "-n", ns)).Succeeds()
            .PrintsExactly("service/httpenv exposed\n");
        (await fixture.Kubectl.RunAsync("expose", "deploy/httpenv", "--port", "8888", "--type=NodePort", "--name", "httpenv-np", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("expose", "deploy/httpenv", "--port", "8888", "--cluster-ip=None", "--name", "httpenv-none", "-n", ns)).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "svc", "-n", ns, "-o", "wide")).Succeeds()
            .PrintsLine($@"^httpenv\s+ClusterIP\s+{ClusterIpPattern}\s+<none>\s+8888/TCP\s+\S+\s+app=httpenv$")
            .PrintsLine($@"^httpenv-np\s+NodePort\s+{ClusterIpPattern}\s+<none>\s+8888:3\d{{4}}/TCP\s+\S+\s+app=httpenv$")
            .PrintsLine(@"^httpenv-none\s+ClusterIP\s+None\s+<none>\s+8888/TCP\s+\S+\s+app=httpenv$");
    }

    [Fact]
    public async Task Taken_and_out_of_range_values_print_the_real_errors()
    {
        var ns = await fixture.CreateNamespaceAsync("svc-errors");
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "taken", """ "clusterIP":"127.96.0.1","ports":[{"port":80}] """))).FailsWith(1)
            .PrintsErrorLine(Regex.Escape("The Service \"taken\" is invalid: spec.clusterIPs: Invalid value: []string{\"127.96.0.1\"}: failed to allocate IP 127.96.0.1: provided IP is already allocated"));
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "far", """ "clusterIP":"10.0.0.1","ports":[{"port":80}] """))).FailsWith(1)
            .PrintsErrorLine(Regex.Escape("The Service \"far\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.0.0.1\"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 127.96.0.0/12"));
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "np1", """ "type":"NodePort","ports":[{"port":80,"nodePort":30071}] """))).Succeeds();
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "np2", """ "type":"NodePort","ports":[{"port":80,"nodePort":30071}] """))).FailsWith(1)
            .PrintsErrorLine(Regex.Escape("The Service \"np2\" is invalid: spec.ports[0].nodePort: Invalid value: 30071: provided port is already allocated"));
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "np3", """ "type":"NodePort","ports":[{"port":80,"nodePort":80}] """))).FailsWith(1)
            .PrintsErrorLine(Regex.Escape("The Service \"np3\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"));
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "two", """ "ports":[{"port":80},{"port":81}] """))).FailsWith(1)
            // kubectl lists several causes one per line.
            .PrintsErrorLine(@"^The Service ""two"" is invalid: $")
            .PrintsErrorLine(Regex.Escape("* spec.ports[0].name: Required value"))
            .PrintsErrorLine(Regex.Escape("* spec.ports[1].name: Required value"));
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "noname", """ "type":"ExternalName" """))).FailsWith(1)
            .PrintsErrorLine(Regex.Escape("The Service \"noname\" is invalid: spec.externalName: Required value"));
        (await fixture.Kubectl.RunAsync("patch", "svc", "np1", "-n", ns, "--type=merge", "-p", """{"spec":{"clusterIP":"127.96.9.9"}}""")).FailsWith(1)
            .PrintsErrorLine(Regex.Escape("The Service \"np1\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"127.96.9.9\"}: may not change once set"));
    }

    [Fact]
    public async Task Type_transitions_with_merge_patches_allocate_and_release()
    {
        var ns = await fixture.CreateNamespaceAsync("svc-types");
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "t", """ "ports":[{"port":80}] """))).Succeeds();
        var ip = (await fixture.Kubectl.RunAsync("get", "svc", "t", "-n", ns, "-o", "jsonpath={.spec.clusterIP}")).Succeeds().Stdout;

        (await fixture.Kubectl.RunAsync("patch", "svc", "t", "-n", ns, "--type=merge", "-p", """{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30072}]}}""")).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "svc", "t", "-n", ns, "--no-headers")).Succeeds()
            .PrintsLine($@"^t\s+NodePort\s+{Regex.Escape(ip)}\s+<none>\s+80:30072/TCP\s+\S+$");
        (await fixture.Kubectl.RunAsync("patch", "svc", "t", "-n", ns, "--type=merge", "-p", """{"spec":{"type":"LoadBalancer"}}""")).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "svc", "t", "-n", ns, "-o", "jsonpath={.spec.ports[0].nodePort} {.spec.allocateLoadBalancerNodePorts}")).Succeeds()
            .PrintsExactly("30072 true");
        (await fixture.Kubectl.RunAsync("patch", "svc", "t", "-n", ns, "--type=merge", "-p", """{"spec":{"type":"ClusterIP"}}""")).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "svc", "t", "-n", ns, "--no-headers")).Succeeds()
            .PrintsLine($@"^t\s+ClusterIP\s+{Regex.Escape(ip)}\s+<none>\s+80/TCP\s+\S+$");
        // 30072 is free again.
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "reuse", """ "type":"NodePort","ports":[{"port":80,"nodePort":30072}] """))).Succeeds();

        (await fixture.Kubectl.RunAsync("patch", "svc", "t", "-n", ns, "--type=merge", "-p", """{"spec":{"type":"ExternalName","externalName":"db.example.com"}}""")).Succeeds();
        (await fixture.Kubectl.RunAsync("get", "svc", "t", "-n", ns, "--no-headers")).Succeeds()
            .PrintsLine(@"^t\s+ExternalName\s+<none>\s+db\.example\.com\s+80/TCP\s+\S+$");
        (await fixture.Kubectl.CreateFromManifestAsync(Manifest(ns, "ipreuse", $$""" "clusterIP":"{{ip}}","ports":[{"port":80}] """))).Succeeds();
    }

    [Fact]
    public async Task The_kubernetes_service_points_at_the_api_server()
    {
        (await fixture.Kubectl.RunAsync("get", "svc", "kubernetes", "-n", "default", "--no-headers")).Succeeds()
            .PrintsLine(@"^kubernetes\s+ClusterIP\s+127\.96\.0\.1\s+<none>\s+443/TCP\s+\S+$");
        (await fixture.Kubectl.RunAsync("get", "svc", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.ports[0].targetPort}")).Succeeds()
            .PrintsExactly(fixture.Emulator.Ports.Api.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await fixture.Kubectl.RunAsync("get", "svc", "kube-dns", "-n", "kube-system", "--no-headers")).Succeeds()
            .PrintsLine(@"^kube-dns\s+ClusterIP\s+127\.96\.0\.10\s+<none>\s+53/UDP,53/TCP,9153/TCP\s+\S+$");
        await PollAsync(async () =>
        {
            var r = await fixture.Kubectl.RunAsync("get", "ipaddresses", "127.96.0.1", "--no-headers");
            return r.ExitCode == 0 && Regex.IsMatch(r.Stdout, @"^127\.96\.0\.1\s+services/default/kubernetes\s+\S+") ? r.Stdout : null;
        });
        (await fixture.Kubectl.RunAsync("get", "servicecidrs", "--no-headers")).Succeeds()
            .PrintsLine(@"^kubernetes\s+127\.96\.0\.0/12\s+\S+$");
    }

    private static string Manifest(string ns, string name, string spec) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"},\"spec\":{" + spec + "}}";

    private static async Task<string> PollAsync(Func<Task<string?>> probe)
    {
        var deadline = DateTime.UtcNow + Deadlines.Event;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("condition not met before the deadline");
            await Task.Delay(100);
        }
    }
}
