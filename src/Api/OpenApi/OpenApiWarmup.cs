using Emulator.Api.Endpoints;
using Emulator.Domain.Resources;

namespace Emulator.Api.OpenApi;

/// <summary>
/// Builds the /openapi/v3 documents in the background at start-up (reading the model documentation takes seconds),
/// so the first kubectl apply or helm install does not wait for it. A request that comes first simply waits for the
/// same lazily built document.
/// </summary>
public sealed class OpenApiWarmup(ResourceCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => OpenApiV3Endpoints.Warm(catalog), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
