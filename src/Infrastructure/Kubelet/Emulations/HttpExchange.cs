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
}
