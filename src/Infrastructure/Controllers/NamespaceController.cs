using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Controllers;

/// <summary>
/// kube-controller-manager's namespace controller: a namespace with a deletionTimestamp is emptied, then its
/// "kubernetes" finalizer is removed and it disappears. Level-triggered: every pass re-reads all namespaces, driven by
/// namespace watch events and a periodic resync, so a missed event only delays the work.
/// </summary>
public sealed partial class NamespaceController(GenericRegistry registry, ILogger<NamespaceController> logger) : BackgroundService
{
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var namespaces = registry.Catalog.Get("", "Namespace");
        var (subscription, _, _, _) = registry.Store.Watch(new(namespaces.Kind.Group, namespaces.Kind.Plural), null, registry.Store.Revision, false);
        using (subscription)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await ReconcileAllAsync(namespaces, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailure(logger, e);
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Resync);
                try
                {
                    if (!await subscription.Events.WaitToReadAsync(wait.Token)) return;
                    while (subscription.Events.TryRead(out _)) { }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }
            }
        }
    }

    private async Task ReconcileAllAsync(ResourceDefinition namespaces, CancellationToken ct)
    {
        var (items, _) = registry.Store.List(new(namespaces.Kind.Group, namespaces.Kind.Plural), null);
        foreach (var ns in items.Where(n => n.Object.Meta()["deletionTimestamp"] is not null))
            await FinalizeAsync(namespaces, ns.Object.Name(), ct);
    }

    private async Task FinalizeAsync(ResourceDefinition namespaces, string name, CancellationToken ct)
    {
        foreach (var (resource, obj) in registry.Store.InNamespace(name).ToList())
        {
            var def = registry.Catalog.All.FirstOrDefault(d => d.Kind.Group == resource.Group && d.Kind.Plural == resource.Resource);
            if (def is null) continue;
            if (obj.Object.Meta()["deletionTimestamp"] is not null) continue;
            try
            {
                await registry.DeleteAsync(def, name, obj.Object.Name(), new DeleteOptions(), ct);
            }
            catch (StatusException e) when (e.Code == 404)
            {
            }
        }
        if (registry.Store.InNamespace(name).Any()) return;
        try
        {
            // Removing the last finalizer of an object being deleted is what lets the registry delete it.
            await registry.GuaranteedUpdateAsync(namespaces, null, name, "finalize", false, obj =>
            {
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray() };
                return obj;
            }, ct);
        }
        catch (StatusException e) when (e.Code == 404)
        {
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Namespace finalization pass failed")]
    private static partial void LogFailure(ILogger logger, Exception e);
}
