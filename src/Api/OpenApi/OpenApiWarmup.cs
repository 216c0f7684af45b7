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
        // Two seconds after start: long enough not to take a core from the first /readyz and the first kubectl calls
        // (discovery, get) on a 2-core machine, early enough that a first `kubectl apply` usually finds it built.
        lifetime.ApplicationStarted.Register(() =>
            _ = Task.Delay(TimeSpan.FromSeconds(2), lifetime.ApplicationStopping)
                .ContinueWith(_ => OpenApiV3Endpoints.Warm(catalog), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
