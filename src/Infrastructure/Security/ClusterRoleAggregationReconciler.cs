using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Security;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;
using k8s;
using k8s.Models;

namespace Emulator.Infrastructure.Security;

/// <summary>
/// kube-controller-manager's clusterrole-aggregation controller: a ClusterRole with an aggregationRule holds the rules
/// of every ClusterRole its selectors match, so a user's role labelled aggregate-to-view extends "view" (and through it
/// edit and admin).
/// </summary>
public sealed class ClusterRoleAggregationReconciler(GenericRegistry registry, RbacPolicyStore policy) : IReconciler
{
    private static readonly ResourceKey ClusterRoles = new("rbac.authorization.k8s.io", "clusterroles");

    public string Name => "clusterrole-aggregation";

    public IReadOnlyList<ResourceKey> Watches { get; } = [ClusterRoles];

    public TimeSpan ResyncPeriod => TimeSpan.FromSeconds(30);

    public IEnumerable<ObjectKey> KeysFor(WatchEvent e) => AllKeys();

    public IEnumerable<ObjectKey> AllKeys() =>
        policy.ClusterRoles().Where(r => r.AggregationRule is not null)
            .Select(r => new ObjectKey(ClusterRoles.Group, ClusterRoles.Resource, "", r.Metadata.Name)).ToList();

    public async Task ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        var all = policy.ClusterRoles().ToList();
        if (all.FirstOrDefault(r => r.Metadata.Name == key.Name) is not { AggregationRule: not null } role) return;
        var rules = ClusterRoleAggregation.RulesFor(role, all);
        if (KubernetesJson.Serialize(rules) == KubernetesJson.Serialize(role.Rules ?? new List<V1PolicyRule>())) return;
        var def = registry.Catalog.Get("rbac.authorization.k8s.io", "ClusterRole");
        try
        {
            await registry.GuaranteedUpdateAsync(def, null, key.Name, null, dryRun: false, current =>
            {
                current["rules"] = JsonNode.Parse(KubernetesJson.Serialize(rules));
                return current;
            }, ct);
        }
        catch (StatusException e) when (e.Reason == "NotFound")
        {
        }
    }
}
