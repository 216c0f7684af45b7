using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// Creates default/kubernetes and kube-system/kube-dns at start when they are missing (create-if-missing, as the
/// apiserver's kubernetes-service controller does). Idempotent; registered after the namespace bootstrap.
/// </summary>
public sealed partial class BuiltInServicesSeeder(GenericRegistry registry, ClusterOptions options, ILogger<BuiltInServicesSeeder> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken ct) => EnsureAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task EnsureAsync(CancellationToken ct)
    {
        var services = registry.Catalog.Get("", "Service");
        foreach (var svc in new[] { BuiltInServices.Kubernetes(options), BuiltInServices.KubeDns(options) })
        {
            if (registry.Get(services, svc.Namespace(), svc.Name()) is not null) continue;
            try
            {
                await registry.CreateAsync(services, svc.Namespace(), svc, dryRun: false, ct);
            }
            catch (StatusException e) when (e.Reason is "AlreadyExists" or "Invalid" or "NotFound")
            {
                // Someone else holds its address (or its namespace is gone): say so and carry on, as the apiserver does.
                LogSkipped(logger, svc.Namespace() ?? "", svc.Name(), e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Could not create Service {Namespace}/{Name}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string @namespace, string name, string reason);
}
