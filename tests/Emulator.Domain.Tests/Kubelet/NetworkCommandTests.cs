using System.Net;
using System.Text;
using Emulator.Domain.Kubelet;
using Emulator.Domain.Kubelet.Shell;

namespace Emulator.Domain.Tests.Kubelet;

/// <summary>wget, nc, nslookup and curl in the interpreter against an in-memory pod network, and pipes into grep/head/wc.</summary>
public sealed class NetworkCommandTests
{
    /// <summary>A zone with one service (web.default → 10.96.0.20) whose port 80 answers with a fixed HTTP response.</summary>
    private sealed class FakeNetwork(string response) : IPodNetwork
    {
        public List<string> Queries { get; } = [];
        public List<string> Requests { get; } = [];

        public string NameServer => "10.96.0.10";

        public IReadOnlyList<string> Search => PodResolvConf.SearchFor("default", "cluster.local");

        public Task<DnsReply> QueryAsync(string name, int type, CancellationToken ct)
        {
            Queries.Add($"{type} {name}");
            if (name == "web.default.svc.cluster.local") return Task.FromResult(new DnsReply("NOERROR", type == 1 ? [IPAddress.Parse("10.96.0.20")] : [], []));
            var known = name.EndsWith(".svc.cluster.local", StringComparison.Ordinal) && name.Split('.').Length == 5 && name.Split('.')[1] == "default";
            return Task.FromResult(new DnsReply(known ? "NOERROR" : "NXDOMAIN", [], []));
        }

        public Task<Stream> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken ct)
        {
            if (address.ToString() != "10.96.0.20" || port != 80) throw new PodNetworkException("Connection refused");
            return Task.FromResult<Stream>(new Exchange(this, response));
        }

        /// <summary>Records what the client writes; reads back the canned response.</summary>
        private sealed class Exchange(FakeNetwork owner, string response) : MemoryStream(Encoding.ASCII.GetBytes(response))
        {
            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
            {
                owner.Requests.Add(Encoding.ASCII.GetString(buffer, offset, count));
                return Task.CompletedTask;
            }

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
            {
                owner.Requests.Add(Encoding.ASCII.GetString(buffer.Span));
                return ValueTask.CompletedTask;
            }
        }
    }

    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nhello\nworld\n";

    private static async Task<(int Code, List<string> Lines, ShellHost Host)> ShAsync(string script, FakeNetwork network)
    {
        var lines = new List<string>();
        var program = ContainerCommand.Program(["sh", "-c", script]);
        Assert.True(program.Script is not null, program.Unsupported);
        var host = new ShellHost(new Dictionary<string, string>(), "pod-1", lines.Add, (_, _) => Task.CompletedTask, () => DateTimeOffset.UnixEpoch)
        {
            Network = network,
        };
        var code = await ShellInterpreter.RunAsync(program.Script!, host, program.Positional, CancellationToken.None);
        return (code, lines, host);
    }

    [Fact]
    public async Task Wget_qO_resolves_a_short_name_through_the_search_list_and_prints_the_body()
    {
        var network = new FakeNetwork(Ok);
        var (code, lines, _) = await ShAsync("wget -qO- http://web/path?x=1", network);
        Assert.Equal(0, code);
        Assert.Equal(["hello", "world"], lines);
        Assert.Equal(["1 web.default.svc.cluster.local"], network.Queries);
        Assert.Equal("GET /path?x=1 HTTP/1.1\r\nHost: web\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n", Assert.Single(network.Requests));
    }

    [Fact]
    public async Task A_pipe_feeds_wgets_output_to_grep_and_wc_and_the_exit_status_is_the_last_stages()
    {
        var network = new FakeNetwork(Ok);
        Assert.Equal(["world"], (await ShAsync("wget -q -O - web | grep wor", network)).Lines);
        Assert.Equal(["2"], (await ShAsync("wget -qO- web | wc -l", network)).Lines);
        Assert.Equal(["hello"], (await ShAsync("wget -qO- web | head -n 1", network)).Lines);
        var (code, lines, _) = await ShAsync("wget -qO- web | grep -q nothing", network);
        Assert.Equal(1, code);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task Wget_errors_are_busyboxs_texts_on_stderr_with_exit_1_and_2_to_dev_null_silences_them()
    {
        var (code, lines, _) = await ShAsync("wget -qO- http://nosuch:8080/", new FakeNetwork(Ok));
        Assert.Equal((1, "wget: bad address 'nosuch:8080'"), (code, string.Join("\n", lines)));
        (code, lines, _) = await ShAsync("wget -qO- http://web:81/", new FakeNetwork(Ok));
        Assert.Equal((1, "wget: can't connect to remote host (10.96.0.20): Connection refused"), (code, string.Join("\n", lines)));
        (code, lines, _) = await ShAsync("wget -qO- http://web/x", new FakeNetwork("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
        Assert.Equal((1, "wget: server returned error: HTTP/1.1 404 Not Found"), (code, string.Join("\n", lines)));
        (code, lines, _) = await ShAsync("wget -qO- http://nosuch 2>/dev/null || echo failed $?", new FakeNetwork(Ok));
        Assert.Equal((0, "failed 1"), (code, string.Join("\n", lines)));
    }

    [Fact]
    public async Task Wget_without_q_saves_index_html_reports_progress_and_refuses_to_overwrite()
    {
        var (code, lines, host) = await ShAsync("wget web; cat index.html; wget web", new FakeNetwork(Ok));
        Assert.Equal(1, code);
        Assert.Equal(["Connecting to web (10.96.0.20:80)", "saving to 'index.html'",
            "index.html           100% |*******************************|    12  --:--:-- ETA", "'index.html' saved", "hello", "world",
            "Connecting to web (10.96.0.20:80)", "wget: can't open 'index.html': File exists"], lines);
        Assert.Equal("hello\nworld\n", host.Files["index.html"]);
    }

    [Fact]
    public async Task Nslookup_asks_each_search_domain_and_exits_1_on_any_nxdomain()
    {
        var (code, lines, _) = await ShAsync("nslookup web", new FakeNetwork(Ok));
        Assert.Equal(1, code);
        Assert.Equal(["Server:\t\t10.96.0.10", "Address:\t10.96.0.10:53", "",
            "Name:\tweb.default.svc.cluster.local", "Address: 10.96.0.20", "",
            "** server can't find web.svc.cluster.local: NXDOMAIN", "", "** server can't find web.cluster.local: NXDOMAIN", "",
            "*** Can't find web.default.svc.cluster.local: No answer", "",
            "** server can't find web.svc.cluster.local: NXDOMAIN", "", "** server can't find web.cluster.local: NXDOMAIN", ""], lines);
        (code, lines, _) = await ShAsync("nslookup web.default.svc.cluster.local >/dev/null && echo found", new FakeNetwork(Ok));
        Assert.Equal((0, "found"), (code, string.Join("\n", lines)));
    }

    [Fact]
    public async Task Nc_z_checks_a_port_quietly_and_v_reports_it()
    {
        Assert.Equal((0, "web (10.96.0.20:80) open"), Pick(await ShAsync("nc -zv web 80", new FakeNetwork(Ok))));
        Assert.Equal((1, ""), Pick(await ShAsync("nc -z web 81", new FakeNetwork(Ok))));
        Assert.Equal((1, "nc: web (10.96.0.20:81): Connection refused"), Pick(await ShAsync("nc -zv -w 2 web 81", new FakeNetwork(Ok))));
    }

    private static (int, string) Pick((int Code, List<string> Lines, ShellHost _) r) => (r.Code, string.Join("\n", r.Lines));

    [Fact]
    public async Task Curl_prints_the_body_and_its_exit_codes_follow_curl()
    {
        Assert.Equal((0, "hello\nworld"), Pick(await ShAsync("curl -s web", new FakeNetwork(Ok))));
        Assert.Equal((0, "200"), Pick(await ShAsync("curl -s -o /dev/null -w '%{http_code}\\n' http://web/", new FakeNetwork(Ok))));
        Assert.Equal((6, ""), Pick(await ShAsync("curl -s http://nosuch", new FakeNetwork(Ok))));
        Assert.Equal((7, "curl: (7) Failed to connect to web port 81 after 0 ms: Couldn't connect to server"),
            Pick(await ShAsync("curl -sS web:81", new FakeNetwork(Ok))));
        Assert.Equal((22, "curl: (22) The requested URL returned error: 404"),
            Pick(await ShAsync("curl -f web/x", new FakeNetwork("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))));
        Assert.Equal((0, "ok"), Pick(await ShAsync("curl -s web", new FakeNetwork("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n1\r\n\n\r\n0\r\n\r\n"))));
    }

    [Fact]
    public void Resolver_candidates_follow_ndots_5_and_a_trailing_dot_is_absolute()
    {
        var search = PodResolvConf.SearchFor("ns1", "cluster.local");
        Assert.Equal(["web.ns1.svc.cluster.local", "web.svc.cluster.local", "web.cluster.local", "web"], PodResolver.Candidates("web", search));
        Assert.Equal(["a.b.c.d.e.f", "a.b.c.d.e.f.ns1.svc.cluster.local", "a.b.c.d.e.f.svc.cluster.local", "a.b.c.d.e.f.cluster.local"],
            PodResolver.Candidates("a.b.c.d.e.f", search));
        Assert.Equal(["web.ns1.svc.cluster.local"], PodResolver.Candidates("web.ns1.svc.cluster.local.", search));
    }

    [Fact]
    public void Network_commands_and_pipes_parse_as_interpretable_scripts()
    {
        Assert.NotNull(ContainerCommand.Program(["sh", "-c", "wget -qO- http://x | grep y | head -1"]).Script);
        Assert.NotNull(ContainerCommand.Program(["wget", "-qO-", "http://x"]).Script);
        Assert.NotNull(ContainerCommand.Program([ContainerCommand.CurlEntrypoint, "-s", "http://x"]).Script);
        Assert.Equal("unknown command awk", ContainerCommand.Program(["sh", "-c", "wget -qO- x | awk '{print $1}'"]).Unsupported);
    }
}
