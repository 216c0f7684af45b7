using System.Globalization;
using System.Net;
using System.Text;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>A command's three streams: what it reads (a pipe's text), what it writes to stdout and to stderr.</summary>
public sealed record CommandIo(string Stdin, StringBuilder Stdout, StringBuilder Stderr);

/// <summary>
/// busybox's network applets over the pod's network (<see cref="IPodNetwork"/>): wget, nc, nslookup, and curl as the
/// curl images have it. Messages and exit codes follow busybox 1.36 (networking/wget.c, nc_bloaty.c, nslookup.c) and
/// curl 8: "wget: bad address 'x'", "wget: can't connect to remote host (ip): Connection refused",
/// "wget: server returned error: HTTP/1.1 404 Not Found", curl's exit 6/7/22/28.
/// </summary>
public static class NetworkCommands
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { "wget", "nc", "nslookup", "curl" };

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static Task<int> RunAsync(string name, List<string> args, ShellHost host, CommandIo io, CancellationToken ct) => name switch
    {
        "wget" => WgetAsync(args, host, io, ct),
        "nc" => NcAsync(args, host, io, ct),
        "nslookup" => NslookupAsync(args, host, io, ct),
        _ => CurlAsync(args, host, io, ct),
    };

    private static IPodNetwork? NetworkOf(ShellHost host, CommandIo io, string name)
    {
        if (host.Network is { } network) return network;
        io.Stderr.Append(CultureInfo.InvariantCulture, $"{name}: network is unreachable\n");
        return null;
    }

    /// <summary>getopt over short flags (bundled, value attached or next) and --long[=value] options.</summary>
    private static (Dictionary<string, string> Options, List<string> Operands) GetOpt(List<string> args, string withValue, IReadOnlySet<string> longWithValue)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var operands = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") { operands.AddRange(args.Skip(i + 1)); break; }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                var key = eq < 0 ? a[2..] : a[2..eq];
                if (eq >= 0) options[key] = a[(eq + 1)..];
                else if (longWithValue.Contains(key) && i + 1 < args.Count) options[key] = args[++i];
                else options[key] = "";
                continue;
            }
            if (a.Length < 2 || a[0] != '-') { operands.Add(a); continue; }
            for (var j = 1; j < a.Length; j++)
            {
                var flag = a[j].ToString();
                if (!withValue.Contains(a[j])) { options[flag] = ""; continue; }
                options[flag] = j + 1 < a.Length ? a[(j + 1)..] : i + 1 < args.Count ? args[++i] : "";
                break;
            }
        }
        return (options, operands);
    }

    private static async Task<(Stream? Stream, IPAddress? Address, PodNetworkException? Error)> ConnectAsync(IPodNetwork network, IPAddress address,
        int port, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            return (await network.ConnectAsync(address, port, timeout, ct), address, null);
        }
        catch (PodNetworkException e)
        {
            return (null, address, e);
        }
    }

    // ---- wget -------------------------------------------------------------------------------------------------------

    private static async Task<int> WgetAsync(List<string> args, ShellHost host, CommandIo io, CancellationToken ct)
    {
        var (o, operands) = GetOpt(args, "OoPYUTtn", new HashSet<string> { "output-document", "timeout", "header", "user-agent", "tries" });
        if (operands.Count == 0)
        {
            io.Stderr.Append("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n");
            return 1;
        }
        var quiet = o.ContainsKey("q") || o.ContainsKey("quiet");
        var spider = o.ContainsKey("spider") || o.ContainsKey("s");
        var output = o.GetValueOrDefault("O") ?? o.GetValueOrDefault("output-document");
        var timeout = double.TryParse(o.GetValueOrDefault("T") ?? o.GetValueOrDefault("timeout"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t)
            ? TimeSpan.FromSeconds(t) : TimeSpan.FromSeconds(900);
        var network = NetworkOf(host, io, "wget");
        if (network is null) return 1;
        var status = 0;
        foreach (var operand in operands)
        {
            var url = ShellUrl.Parse(operand);
            if (url is null || url.Scheme is not ("http" or "https"))
            {
                io.Stderr.Append(CultureInfo.InvariantCulture, $"wget: not an http or ftp url: {operand}\n");
                return 1;
            }
            if (url.Scheme == "https")
            {
                // No TLS in the emulated pods: refuse plainly rather than pretend a handshake.
                io.Stderr.Append("wget: TLS is not emulated in this cluster's pods\n");
                return 1;
            }
            var code = await WgetOneAsync(network, url, host, io, quiet, spider, output, timeout, ct);
            if (code != 0) return code;
        }
        return status;
    }

    private static async Task<int> WgetOneAsync(IPodNetwork network, ShellUrl url, ShellHost host, CommandIo io, bool quiet, bool spider, string? output,
        TimeSpan timeout, CancellationToken ct)
    {
        for (var redirects = 0; ; redirects++)
        {
            if (redirects > 20) { io.Stderr.Append("wget: too many redirections\n"); return 1; }
            var addresses = await PodResolver.ResolveAsync(network, url.Host, ct);
            if (addresses.Count == 0)
            {
                io.Stderr.Append(CultureInfo.InvariantCulture, $"wget: bad address '{url.Authority}'\n");
                return 1;
            }
            var address = addresses[0];
            if (!quiet) io.Stderr.Append(CultureInfo.InvariantCulture, $"Connecting to {url.Authority} ({address}:{url.Port})\n");
            var (stream, _, error) = await ConnectAsync(network, address, url.Port, ConnectTimeout < timeout ? ConnectTimeout : timeout, ct);
            if (stream is null)
            {
                io.Stderr.Append(error!.TimedOut ? "wget: download timed out\n" : $"wget: can't connect to remote host ({address}): {error.Reason}\n");
                return 1;
            }
            ShellHttpResponse response;
            await using (stream)
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                cts.CancelAfter(timeout);
                var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n";
                try
                {
                    response = await ShellHttp.ExchangeAsync(stream, request, spider, cts.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    io.Stderr.Append("wget: download timed out\n");
                    return 1;
                }
                catch (IOException e)
                {
                    io.Stderr.Append(CultureInfo.InvariantCulture, $"wget: {(e.Message == "no response from server" ? e.Message : "error getting response: Connection reset by peer")}\n");
                    return 1;
                }
            }
            if (response.Status is 301 or 302 or 303 or 307 or 308 && response.Header("Location") is { } location)
            {
                url = location.StartsWith('/') ? url with { PathAndQuery = location } : ShellUrl.Parse(location) ?? url;
                continue;
            }
            if (response.Status is not (200 or 204))
            {
                io.Stderr.Append(CultureInfo.InvariantCulture, $"wget: server returned error: {response.StatusLine}\n");
                return 1;
            }
            if (spider)
            {
                if (!quiet) io.Stderr.Append("remote file exists\n");
                return 0;
            }
            var text = Encoding.UTF8.GetString(response.Body);
            var toStdout = output == "-";
            var file = output ?? (url.PathAndQuery.Split('?')[0].TrimEnd('/') is var p && p.LastIndexOf('/') is var slash && slash >= 0 && p[(slash + 1)..].Length > 0
                ? p[(slash + 1)..] : "index.html");
            if (!toStdout && output is null && host.Files.ContainsKey(file))
            {
                io.Stderr.Append(CultureInfo.InvariantCulture, $"wget: can't open '{file}': File exists\n");
                return 1;
            }
            if (!quiet) io.Stderr.Append(toStdout ? "writing to stdout\n" : $"saving to '{file}'\n");
            if (toStdout) io.Stdout.Append(text);
            else if (file != "/dev/null") host.Files[file] = text;
            if (!quiet)
            {
                // libbb/progress.c's last update on an 80-column stderr (31 stars), elapsed under a second so no ETA;
                // the real one redraws with \r, the log keeps only the final state.
                var name = toStdout ? "-" : Path.GetFileName(file);
                var size = response.Body.Length < 100_000 ? $"{response.Body.Length,6} " : $"{response.Body.Length / 1024,6}k";
                io.Stderr.Append(CultureInfo.InvariantCulture, $"{name,-20}{100,4}% |{new string('*', 31)}|{size} --:--:-- ETA\n");
                io.Stderr.Append(toStdout ? "written to stdout\n" : $"'{file}' saved\n");
            }
            return 0;
        }
    }

    // ---- nc ---------------------------------------------------------------------------------------------------------

    private static async Task<int> NcAsync(List<string> args, ShellHost host, CommandIo io, CancellationToken ct)
    {
        var (o, operands) = GetOpt(args, "wWpiq", new HashSet<string>());
        if (o.ContainsKey("l") || o.ContainsKey("u") || operands.Count < 2)
        {
            io.Stderr.Append(o.ContainsKey("l") || o.ContainsKey("u") ? "nc: listening and UDP are not emulated\n"
                : "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n");
            return 1;
        }
        var verbose = o.ContainsKey("v");
        var network = NetworkOf(host, io, "nc");
        if (network is null) return 1;
        var timeout = int.TryParse(o.GetValueOrDefault("w"), NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0
            ? TimeSpan.FromSeconds(w) : ConnectTimeout;
        var hostName = operands[0];
        var addresses = await PodResolver.ResolveAsync(network, hostName, ct);
        if (addresses.Count == 0)
        {
            io.Stderr.Append(CultureInfo.InvariantCulture, $"nc: bad address '{hostName}'\n");
            return 1;
        }
        var status = 0;
        foreach (var portText in operands.Skip(1))
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                io.Stderr.Append(CultureInfo.InvariantCulture, $"nc: bad port '{portText}'\n");
                return 1;
            }
            var (stream, address, error) = await ConnectAsync(network, addresses[0], port, timeout, ct);
            if (stream is null)
            {
                if (verbose) io.Stderr.Append(CultureInfo.InvariantCulture, $"nc: {hostName} ({address}:{port}): {error!.Reason}\n");
                status = 1;
                continue;
            }
            await using (stream)
            {
                if (verbose) io.Stderr.Append(CultureInfo.InvariantCulture, $"{hostName} ({address}:{port}) open\n");
                if (o.ContainsKey("z")) continue;
                // Send stdin, then read what the server says until it closes (or the -w idle timeout passes).
                if (io.Stdin.Length > 0) await stream.WriteAsync(Encoding.UTF8.GetBytes(io.Stdin), ct);
                var buffer = new byte[16384];
                var received = new MemoryStream();
                while (true)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    if (o.ContainsKey("w")) idle.CancelAfter(timeout);
                    int n;
                    try
                    {
                        n = await stream.ReadAsync(buffer, idle.Token);
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        break;
                    }
                    catch (IOException)
                    {
                        break;
                    }
                    if (n == 0) break;
                    received.Write(buffer, 0, n);
                }
                io.Stdout.Append(Encoding.UTF8.GetString(received.ToArray()));
            }
        }
        return status;
    }

    // ---- nslookup ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// busybox nslookup (1.30+): a dotless name is asked under every search domain (no ndots), a dotted one as is; A
    /// then AAAA; each reply printed as it comes. Any NXDOMAIN makes the exit status 1, even when another search domain
    /// answered (the reason the docs' init containers use the full service name).
    /// </summary>
    private static async Task<int> NslookupAsync(List<string> args, ShellHost host, CommandIo io, CancellationToken ct)
    {
        var operands = args.Where(a => !a.StartsWith('-')).ToList();
        if (operands.Count == 0)
        {
            io.Stderr.Append("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
            return 1;
        }
        var network = NetworkOf(host, io, "nslookup");
        if (network is null) return 1;
        var name = operands[0];
        var server = operands.Count > 1 ? operands[1] : network.NameServer;
        var names = name.Contains('.') || network.Search.Count == 0 ? [name] : network.Search.Select(d => $"{name}.{d}").ToList();
        var exit = 0;
        io.Stdout.Append(CultureInfo.InvariantCulture, $"Server:\t\t{server}\nAddress:\t{server}:53\n\n");
        if (IPAddress.TryParse(name, out var ip))
        {
            var reverse = string.Join('.', ip.GetAddressBytes().Reverse()) + ".in-addr.arpa";
            var reply = await network.QueryAsync(reverse, 12, ct);
            if (reply.Code != "NOERROR") { io.Stdout.Append(CultureInfo.InvariantCulture, $"** server can't find {reverse}: {reply.Code}\n\n"); return 1; }
            foreach (var target in reply.Names) io.Stdout.Append(CultureInfo.InvariantCulture, $"{reverse}\tname = {target}\n");
            if (reply.Names.Count == 0) io.Stdout.Append(CultureInfo.InvariantCulture, $"*** Can't find {reverse}: No answer\n");
            io.Stdout.Append('\n');
            return 0;
        }
        foreach (var type in new[] { 1, 28 })
        {
            foreach (var n in names)
            {
                var reply = await network.QueryAsync(n, type, ct);
                if (reply.Code != "NOERROR")
                {
                    io.Stdout.Append(CultureInfo.InvariantCulture, $"** server can't find {n}: {reply.Code}\n");
                    exit = 1;
                }
                else if (reply.Addresses.Count == 0) io.Stdout.Append(CultureInfo.InvariantCulture, $"*** Can't find {n}: No answer\n");
                else foreach (var a in reply.Addresses) io.Stdout.Append(CultureInfo.InvariantCulture, $"Name:\t{n}\nAddress: {a}\n");
                io.Stdout.Append('\n');
            }
        }
        return exit;
    }

    // ---- curl -------------------------------------------------------------------------------------------------------

    private static async Task<int> CurlAsync(List<string> args, ShellHost host, CommandIo io, CancellationToken ct)
    {
        var (o, operands) = GetOpt(args, "oXHwmdAu", new HashSet<string>
            { "output", "request", "header", "write-out", "max-time", "data", "user-agent", "connect-timeout" });
        var silent = o.ContainsKey("s") || o.ContainsKey("silent");
        var showErrors = !silent || o.ContainsKey("S") || o.ContainsKey("show-error");
        var fail = o.ContainsKey("f") || o.ContainsKey("fail");
        var include = o.ContainsKey("i") || o.ContainsKey("include");
        var head = o.ContainsKey("I") || o.ContainsKey("head");
        var output = o.GetValueOrDefault("o") ?? o.GetValueOrDefault("output");
        var writeOut = o.GetValueOrDefault("w") ?? o.GetValueOrDefault("write-out");
        var method = o.GetValueOrDefault("X") ?? o.GetValueOrDefault("request") ?? (head ? "HEAD" : o.ContainsKey("d") || o.ContainsKey("data") ? "POST" : "GET");
        var data = o.GetValueOrDefault("d") ?? o.GetValueOrDefault("data");
        var maxTime = double.TryParse(o.GetValueOrDefault("m") ?? o.GetValueOrDefault("max-time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            ? TimeSpan.FromSeconds(m) : Timeout.InfiniteTimeSpan;
        int Error(int code, string message)
        {
            if (showErrors) io.Stderr.Append(CultureInfo.InvariantCulture, $"curl: ({code}) {message}\n");
            return code;
        }
        if (operands.Count == 0)
        {
            io.Stderr.Append("curl: try 'curl --help' or 'curl --manual' for more information\n");
            return 2;
        }
        var network = NetworkOf(host, io, "curl");
        if (network is null) return 7;
        var url = ShellUrl.Parse(operands[0]);
        if (url is null) return Error(3, $"URL rejected: Malformed input to a URL function");
        if (url.Scheme != "http") return Error(1, $"Protocol \"{url.Scheme}\" not supported{(url.Scheme == "https" ? " (TLS is not emulated in this cluster's pods)" : "")}");
        var addresses = await PodResolver.ResolveAsync(network, url.Host, ct);
        if (addresses.Count == 0) return Error(6, $"Could not resolve host: {url.Host}");
        var connectTimeout = maxTime != Timeout.InfiniteTimeSpan && maxTime < ConnectTimeout ? maxTime : ConnectTimeout;
        var (stream, address, error) = await ConnectAsync(network, addresses[0], url.Port, connectTimeout, ct);
        if (stream is null)
        {
            return error!.TimedOut ? Error(28, $"Failed to connect to {url.Host} port {url.Port} after {(int)connectTimeout.TotalMilliseconds} ms: Timeout was reached")
                : Error(7, $"Failed to connect to {url.Host} port {url.Port} after 0 ms: Couldn't connect to server");
        }
        ShellHttpResponse response;
        await using (stream)
        {
            var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\n");
            request.Append(CultureInfo.InvariantCulture, $"User-Agent: {o.GetValueOrDefault("A") ?? o.GetValueOrDefault("user-agent") ?? "curl/8.17.0"}\r\nAccept: */*\r\n");
            foreach (var h in args.Select((a, i) => (a, i)).Where(x => x.a is "-H" or "--header" && x.i + 1 < args.Count).Select(x => args[x.i + 1]))
                request.Append(h).Append("\r\n");
            if (data is not null)
                request.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(data)}\r\nContent-Type: application/x-www-form-urlencoded\r\n");
            request.Append("\r\n").Append(data);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (maxTime != Timeout.InfiniteTimeSpan) cts.CancelAfter(maxTime);
            try
            {
                response = await ShellHttp.ExchangeAsync(stream, request.ToString(), method == "HEAD", cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return Error(28, $"Operation timed out after {(int)maxTime.TotalMilliseconds} milliseconds with 0 bytes received");
            }
            catch (IOException)
            {
                return Error(52, "Empty reply from server");
            }
        }
        if (fail && response.Status >= 400) return Error(22, $"The requested URL returned error: {response.Status}");
        var text = new StringBuilder();
        if (include || head)
        {
            text.Append(response.StatusLine).Append("\r\n");
            foreach (var (n, v) in response.Headers) text.Append(n).Append(": ").Append(v).Append("\r\n");
            text.Append("\r\n");
        }
        text.Append(Encoding.UTF8.GetString(response.Body));
        if (output is null || output == "-") io.Stdout.Append(text);
        else if (output != "/dev/null") host.Files[output] = text.ToString();
        if (writeOut is not null)
        {
            io.Stdout.Append(writeOut.Replace("%{http_code}", response.Status.ToString("000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("%{remote_ip}", address!.ToString(), StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal));
        }
        return 0;
    }
}
