using System.Net;
using Emulator.Domain.Errors;

namespace Emulator.Api.Proxy;

/// <summary>
/// Relays one HTTP request to a pod or service endpoint and streams the answer back unchanged, as the apiserver's
/// UpgradeAwareHandler does for the proxy subresources (k8s.io/apimachinery/pkg/util/proxy/upgradeaware.go):
/// hop-by-hop headers and the caller's credentials stay behind; a backend that cannot be reached is a 503.
/// </summary>
public sealed class UpstreamRelay : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host", "Authorization",
    };

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // Pods serve self-signed certificates; the apiserver does not verify them either.
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    });

    public async Task RelayAsync(HttpContext context, string scheme, string host, int? port, string path)
    {
        var request = context.Request;
        var authority = port is { } p ? $"{host}:{p}" : host;
        var upstream = new Uri($"{(scheme.Length == 0 ? "http" : scheme)}://{authority}{path}{request.QueryString}");
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), upstream);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            message.Content = new StreamContent(request.Body);
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        var client = context.Connection.RemoteIpAddress?.ToString();
        if (client is not null) message.Headers.TryAddWithoutValidation("X-Forwarded-For", client);

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(message, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            throw new StatusException(503, "ServiceUnavailable", $"error trying to reach service: dial tcp {authority}: {Describe(e)}");
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                if (!HopByHop.Contains(name)) context.Response.Headers[name] = values.ToArray();
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            var buffer = new byte[16 * 1024];
            int n;
            while ((n = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
    }

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.ConnectionError when e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }
            => "connect: connection refused",
        _ => e.InnerException?.Message ?? e.Message,
    };

    public void Dispose() => _client.Dispose();
}
