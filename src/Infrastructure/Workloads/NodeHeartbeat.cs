using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emulator.Infrastructure.Workloads;

/// <summary>
/// The node side of each simulated kubelet: registers node-1..node-N (removing nodes of an earlier, larger --nodes),
/// posts Ready status, and renews its Lease in kube-node-lease every 10 s (kubelet's nodeLeaseDurationSeconds 40 and
/// renew interval of a quarter of it, pkg/kubelet/nodelease). Node status is re-posted every minute.
/// </summary>
public sealed partial class NodeHeartbeat(GenericRegistry registry, WorkloadKinds kinds, ClusterOptions options, TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    private const int LeaseDurationSeconds = 40;
    private static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var lastStatus = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var postStatus = now - lastStatus >= StatusInterval;
                if (postStatus) await RemoveSurplusNodesAsync(ct);
                for (var i = 1; i <= options.Nodes; i++)
                {
                    if (postStatus) await RegisterAsync(i, ct);
                    await RenewLeaseAsync(SimulatedNodes.Name(i), ct);
                }
                if (postStatus) lastStatus = now;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailure(logger, e);
            }
            await Task.Delay(LeaseRenewInterval, time, ct);
        }
    }

    private async Task RegisterAsync(int index, CancellationToken ct)
    {
        var desired = SimulatedNodes.Create(index, options.PodCidr);
        var name = desired.Name();
        if (registry.Get(kinds.Nodes, null, name) is null)
        {
            try
            {
                await registry.CreateAsync(kinds.Nodes, null, (JsonObject)desired.DeepClone(), dryRun: false, ct);
            }
            catch (StatusException e) when (e.Reason == "AlreadyExists")
            {
            }
        }
        var stamp = SystemFields.Timestamp(time.GetUtcNow());
        await registry.GuaranteedUpdateAsync(kinds.Nodes, null, name, "status", dryRun: false, node =>
        {
            var status = node["status"] as JsonObject;
            var fresh = (JsonObject)desired["status"]!.DeepClone();
            // nodeInfo ids and the Ready transition time belong to the node's life, not to this heartbeat.
            if (status?["nodeInfo"] is JsonObject info) fresh["nodeInfo"] = info.DeepClone();
            var transition = Conditions.Find(status?["conditions"], "Ready")?.Str("lastTransitionTime") ?? stamp;
            fresh["conditions"] = SimulatedNodes.Conditions(stamp, transition);
            node["status"] = fresh;
            return node;
        }, ct);
    }

    private async Task RemoveSurplusNodesAsync(CancellationToken ct)
    {
        var (nodes, _) = registry.Store.List(WorkloadKinds.KeyOf(kinds.Nodes), null);
        foreach (var node in nodes)
        {
            if (SimulatedNodes.IndexOf(node.Object.Name()) is not { } index || index <= options.Nodes) continue;
            try
            {
                await registry.DeleteAsync(kinds.Nodes, null, node.Object.Name(), new DeleteOptions(), ct);
            }
            catch (StatusException e) when (e.Code == 404)
            {
            }
        }
    }

    private async Task RenewLeaseAsync(string node, CancellationToken ct)
    {
        var renew = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var nodeObject = registry.Get(kinds.Nodes, null, node)?.Object;
        if (registry.Get(kinds.Leases, "kube-node-lease", node) is null)
        {
            var lease = new JsonObject
            {
                ["apiVersion"] = "coordination.k8s.io/v1", ["kind"] = "Lease",
                ["metadata"] = new JsonObject { ["name"] = node, ["namespace"] = "kube-node-lease" },
                ["spec"] = new JsonObject
                {
                    ["holderIdentity"] = node, ["leaseDurationSeconds"] = LeaseDurationSeconds, ["renewTime"] = renew,
                },
            };
            // The kubelet makes its Node the Lease's owner, so the lease goes when the node does.
            if (nodeObject is not null) lease.Meta()["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = node, ["uid"] = nodeObject.Meta().Str("uid"),
            });
            try
            {
                await registry.CreateAsync(kinds.Leases, "kube-node-lease", lease, dryRun: false, ct);
            }
            catch (StatusException e) when (e.Reason == "AlreadyExists")
            {
            }
            return;
        }
        await registry.GuaranteedUpdateAsync(kinds.Leases, "kube-node-lease", node, null, dryRun: false, lease =>
        {
            if (lease["spec"] is not JsonObject spec) lease["spec"] = spec = new JsonObject();
            spec["holderIdentity"] = node;
            spec["leaseDurationSeconds"] = LeaseDurationSeconds;
            spec["renewTime"] = renew;
            return lease;
        }, ct);
    }

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Node heartbeat failed")]
    private static partial void LogFailure(ILogger logger, Exception e);
}
