using System.Globalization;
using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>
/// The official nginx image with its default configuration: the welcome page on :80 for "/" and "/index.html", 404
/// elsewhere, and the combined access log line per request on stdout (as the image links access.log to stdout).
/// </summary>
public sealed class NginxEmulation(TimeProvider time) : IImageEmulation
{
    private const string Version = "1.29.3";

    private const string WelcomePage = """
        <!DOCTYPE html>
        <html>
        <head>
        <title>Welcome to nginx!</title>
        <style>
        html { color-scheme: light dark; }
        body { width: 35em; margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif; }
        </style>
        </head>
        <body>
        <h1>Welcome to nginx!</h1>
        <p>If you see this page, the nginx web server is successfully installed and
        working. Further configuration is required.</p>

        <p>For online documentation and support please refer to
        <a href="http://nginx.org/">nginx.org</a>.<br/>
        Commercial support is available at
        <a href="http://nginx.com/">nginx.com</a>.</p>

        <p><em>Thank you for using nginx.</em></p>
        </body>
        </html>

        """;

    private const string NotFoundPage = """
        <html>
        <head><title>404 Not Found</title></head>
        <body>
        <center><h1>404 Not Found</h1></center>
        <hr><center>nginx/1.29.3</center>
        </body>
        </html>

        """;

    /// <summary>nginx treats SIGTERM as a fast shutdown and exits 0.</summary>
    public int StopExitCode => 0;

    public bool Handles(ImageReference image) => image.Repository is "nginx" or "nginxinc/nginx-unprivileged" or "bitnami/nginx";

    public Task<IAsyncDisposable> StartAsync(ContainerContext container, CancellationToken ct)
    {
        var started = time.GetUtcNow().ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);
        container.Log("/docker-entrypoint.sh: Configuration complete; ready for start up");
        container.Log($"{started} [notice] 1#1: nginx/{Version}");
        container.Log($"{started} [notice] 1#1: start worker processes");
        var server = MiniHttpServer.Start(container.PodIp, 80, request =>
        {
            var found = request.Path is "/" or "/index.html";
            var reply = found
                ? HttpReply.Text(200, "text/html", WelcomePage.Replace("\r\n", "\n", StringComparison.Ordinal))
                : HttpReply.Text(404, "text/html", NotFoundPage.Replace("\r\n", "\n", StringComparison.Ordinal));
            reply = reply with { Headers = [("Server", $"nginx/{Version}")] };
            var stamp = time.GetUtcNow().ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);
            container.Log($"{request.RemoteAddress} - - [{stamp}] \"{request.Method} {request.Target} {request.Version}\" {reply.Status} {reply.Body.Length} " +
                $"\"{request.Header("referer") ?? "-"}\" \"{request.Header("user-agent") ?? "-"}\" \"-\"");
            return reply;
        });
        return Task.FromResult<IAsyncDisposable>(server);
    }
}
