using Emulator.Api.Endpoints;
using Emulator.Domain.Resources;

namespace Emulator.Api.OpenApi;

/// <summary>
/// Builds the /openapi/v3 documents in the background (reading the model documentation takes seconds of CPU), so the
/// first kubectl apply or helm install does not wait for it. It starts only once the server is ready: on a 2-core
/// machine it would otherwise take CPU from the start-up itself (docs/decisions/0010). A request that comes first
/// simply waits for the same lazily built document.
/// </summary>
public sealed class OpenApiWarmup(ResourceCatalog catalog, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
            _ = Task.Run(() => OpenApiV3Endpoints.Warm(catalog), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
