using Emulator.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Controllers.Framework;

/// <summary>kube-controller-manager in one BackgroundService: every registered IReconciler runs its own loop.</summary>
public sealed class ControllerManager(IEnumerable<IReconciler> reconcilers, ObjectStore store, ILoggerFactory loggers, TimeProvider time)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken ct) =>
        Task.WhenAll(reconcilers.Select(r =>
            Task.Run(() => new ControllerRunner(r, store, loggers.CreateLogger($"Controller.{r.Name}"), time).RunAsync(ct), ct)));
}
