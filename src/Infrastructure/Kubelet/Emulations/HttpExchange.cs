namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>One parsed HTTP/1.x request as an emulation sees it.</summary>
public sealed record HttpRequestInfo(string Method, string Target, string Version, IReadOnlyDictionary<string, string> Headers, byte[] Body,
    string RemoteAddress, int RemotePort)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string Path => Target.Split('?')[0];
}

/// <summary>The answer an emulation gives.</summary>
public sealed record HttpReply(int Status, string ContentType, byte[] Body, IReadOnlyList<(string Name, string Value)>? Headers = null)
{
    public static HttpReply Text(int status, string contentType, string body) => new(status, contentType, System.Text.Encoding.UTF8.GetBytes(body));

    /// <summary>Go's sniffed type for a text body written without a Content-Type.</summary>
    public static HttpReply GoText(int status, string body) => Text(status, "text/plain; charset=utf-8", body);

    /// <summary>No answer at all: the connection closes (the process exited while handling the request).</summary>
    public static readonly HttpReply Drop = new(0, "", []);

    /// <summary>The query parameter <paramref name="name"/> of a request target, URL-decoded, or "" (Go's FormValue).</summary>
    public static string Query(HttpRequestInfo request, string name)
    {
        var q = request.Target.IndexOf('?');
        if (q < 0) return "";
        foreach (var pair in request.Target[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            if (key == name) return eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }
        return "";
    }
}
