using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Security;

/// <summary>
/// kube-controller-manager's serviceaccount controller: every active namespace has a ServiceAccount named "default"
/// (recreated if deleted), so pods and `kubectl create token default` find one.
/// </summary>
public sealed class DefaultServiceAccountReconciler(GenericRegistry registry) : IReconciler
{
    private static readonly ResourceKey Namespaces = new("", "namespaces");
    private static readonly ResourceKey ServiceAccounts = new("", "serviceaccounts");

    public string Name => "serviceaccount";

    public IReadOnlyList<ResourceKey> Watches { get; } = [Namespaces, ServiceAccounts];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e) =>
        e.Key.ResourceKey == Namespaces ? [new ObjectKey("", "namespaces", "", e.Key.Name)]
        : e.Key.Name == "default" && e.Type == "DELETED" ? [new ObjectKey("", "namespaces", "", e.Key.Namespace)]
        : [];

    public IEnumerable<ObjectKey> AllKeys() =>
        registry.Store.List(Namespaces, null).Items.Select(n => new ObjectKey("", "namespaces", "", n.Object.Name()));

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var ns = registry.Store.Get(key);
        if (ns is null || ns.Object.Meta()["deletionTimestamp"] is not null) return;
        var def = registry.Catalog.Get("", "ServiceAccount");
        if (registry.Get(def, key.Name, "default") is not null) return;
        try
        {
            await registry.CreateAsync(def, key.Name, new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = key.Name },
            }, dryRun: false, ct);
        }
        catch (StatusException e) when (e.Reason is "AlreadyExists" or "Forbidden" or "NotFound")
        {
            // Raced with a create, or the namespace began terminating: the next pass sees the new state.
        }
    }
}
