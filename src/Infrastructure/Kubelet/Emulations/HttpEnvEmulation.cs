using Emulator.Domain.Workloads;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>
/// jpetazzo/httpenv (httpenv.go): prints one start line, then answers every request on :8888 with the process
/// environment as a compact Go-marshalled JSON object; Go's sniffing makes it text/plain.
/// </summary>
public sealed class HttpEnvEmulation : IImageEmulation
{
    public const int Port = 8888;

    public bool Handles(ImageReference image) => image.Repository == "jpetazzo/httpenv";

    public Task<IAsyncDisposable> StartAsync(ContainerContext container, CancellationToken ct)
    {
        container.Log("Starting httpenv listening on port 8888.");
        var body = GoJson.Map(container.Environment);
        var server = MiniHttpServer.Start(container.PodIp, Port, _ => HttpReply.Text(200, "text/plain; charset=utf-8", body));
        return Task.FromResult<IAsyncDisposable>(server);
    }
}
