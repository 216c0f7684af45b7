using System.Globalization;
using System.Text;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>A URL as wget and curl split it: scheme, host, port (80 by default for http), and the path with its query.</summary>
public sealed record ShellUrl(string Scheme, string Host, int Port, string PathAndQuery, bool ExplicitPort)
{
    /// <summary>The Host header: host, with :port when the URL gave one.</summary>
    public string Authority => ExplicitPort ? $"{Host}:{Port}" : Host;

    /// <summary>Parses http://host[:port][/path]; a URL without scheme is http (wget and curl both assume it). Null when unusable.</summary>
    public static ShellUrl? Parse(string url)
    {
        var scheme = "http";
        var rest = url;
        var sep = url.IndexOf("://", StringComparison.Ordinal);
        if (sep >= 0)
        {
            scheme = url[..sep].ToLowerInvariant();
            rest = url[(sep + 3)..];
        }
        var end = rest.IndexOfAny(['/', '?', '#']);
        var authority = end < 0 ? rest : rest[..end];
        var path = end < 0 ? "/" : rest[end] == '/' ? rest[end..] : "/" + rest[end..];
        var hash = path.IndexOf('#');
        if (hash >= 0) path = path[..hash];
        if (authority.LastIndexOf('@') is >= 0 and var at) authority = authority[(at + 1)..];
        var port = scheme == "https" ? 443 : 80;
        var explicitPort = false;
        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && !authority.EndsWith(']'))
        {
            if (!int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535) return null;
            authority = authority[..colon];
            explicitPort = true;
        }
        if (authority.Length == 0) return null;
        return new ShellUrl(scheme, authority.Trim('[', ']'), port, path, explicitPort);
    }
}

/// <summary>A response as read off the wire: the status line, the headers in order, and the decoded body.</summary>
public sealed record ShellHttpResponse(string StatusLine, int Status, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// The small HTTP/1.1 client of busybox wget and curl: writes the request as given, reads the status line and headers,
/// then the body by Content-Length, chunked transfer coding, or until the server closes.
/// </summary>
public static class ShellHttp
{
    public static async Task<ShellHttpResponse> ExchangeAsync(Stream stream, string request, bool head, CancellationToken ct)
    {
        var bytes = Encoding.ASCII.GetBytes(request);
        await stream.WriteAsync(bytes, ct);
        await stream.FlushAsync(ct);
        var reader = new ByteReader(stream);
        string statusLine;
        int status;
        List<(string, string)> headers;
        do
        {
            statusLine = await reader.ReadLineAsync(ct) ?? throw new IOException("no response from server");
            var parts = statusLine.Split(' ', 3);
            status = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            headers = [];
            while (await reader.ReadLineAsync(ct) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':');
                if (colon > 0) headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }
        while (status is 100);
        var response = new ShellHttpResponse(statusLine, status, headers, []);
        if (head || status is 204 or 304) return response;
        byte[] body;
        if (response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var all = new MemoryStream();
            while (await reader.ReadLineAsync(ct) is { } sizeLine)
            {
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0) break;
                all.Write(await reader.ReadExactlyAsync(size, ct));
                await reader.ReadLineAsync(ct);
            }
            body = all.ToArray();
        }
        else if (long.TryParse(response.Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            body = await reader.ReadExactlyAsync((int)length, ct);
        else body = await reader.ReadToEndAsync(ct);
        return response with { Body = body };
    }

    private sealed class ByteReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16384];
        private int _start, _end;

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start < _end) return true;
            _start = 0;
            _end = await stream.ReadAsync(_buffer, ct);
            return _end > 0;
        }

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (!await FillAsync(ct)) return line.Length > 0 ? line.ToString() : null;
                var b = _buffer[_start++];
                if (b == '\n') return line.ToString().TrimEnd('\r');
                line.Append((char)b);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
        {
            var result = new byte[count];
            var got = 0;
            while (got < count && await FillAsync(ct))
            {
                var n = Math.Min(count - got, _end - _start);
                Array.Copy(_buffer, _start, result, got, n);
                _start += n;
                got += n;
            }
            if (got < count) throw new IOException("unexpected end of response");
            return result;
        }

        public async Task<byte[]> ReadToEndAsync(CancellationToken ct)
        {
            using var all = new MemoryStream();
            while (await FillAsync(ct))
            {
                all.Write(_buffer, _start, _end - _start);
                _start = _end;
            }
            return all.ToArray();
        }
    }
}
