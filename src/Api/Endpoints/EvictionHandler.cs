using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Domain.Workloads;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Endpoints;

/// <summary>
/// POST pods/{name}/eviction with a policy/v1 Eviction (kubectl drain): pkg/registry/core/pod/storage/eviction.go.
/// A pod that is pending, finished or already terminating is deleted at once; otherwise the one PodDisruptionBudget
/// selecting it must allow a disruption, which is spent (disruptionsAllowed - 1, the pod in status.disruptedPods)
/// before the pod gets the DisruptionTarget condition and is deleted. A budget that allows none answers 429
/// TooManyRequests with a DisruptionBudget cause, which kubectl drain retries every 5 s.
/// </summary>
public sealed class EvictionHandler(GenericRegistry registry, TimeProvider time) : ISubresourceHandler
{
    private static readonly ResourceKind EvictionKind = new("policy", "v1", "Eviction", "eviction", "eviction", true, [], [], []);
    private const string TooManyRequestsMessage = "Cannot evict pod as it would violate the pod's disruption budget.";

    public bool Handles(RequestTarget target, string method) =>
        target is { Subresource: "eviction", Name: not null, Rest: null } && target.Definition.Kind is { Group: "", Plural: "pods" };

    public async Task HandleAsync(HttpContext context, RequestTarget target)
    {
        if (context.Request.Method != "POST")
            throw new StatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        var ct = context.RequestAborted;
        var ns = target.Namespace!;
        var name = target.Name!;
        var eviction = await BodyReader.ReadObjectAsync(context.Request, EvictionKind, ct);
        if (eviction.Meta().Str("name") != name) throw StatusException.BadRequest("name in URL does not match name in Eviction object");
        var options = eviction["deleteOptions"] as JsonObject;
        var dryRun = context.Request.Query["dryRun"].Contains("All") || options?["dryRun"] is JsonArray { Count: > 0 };
        var pods = target.Definition;

        var pod = registry.GetOrThrow(pods, ns, name).Object;
        var preconditionRv = options?["preconditions"].Str("resourceVersion");
        if (DisruptionPlanner.CanIgnoreBudget(pod))
        {
            // shouldEnforceResourceVersion: a pod that could still become ready is deleted only as it was read.
            var enforce = PodFacts.Phase(pod) is not ("Succeeded" or "Failed") && string.IsNullOrEmpty(preconditionRv);
            await AddConditionAndDeleteAsync(pods, ns, name, options, enforce ? pod.ResourceVersion() : preconditionRv, dryRun, ct);
            await WriteSuccessAsync(context);
            return;
        }

        var budgets = registry.Store.List(new ResourceKey("policy", "poddisruptionbudgets"), ns).Items.Select(b => b.Object)
            .Where(b => DisruptionPlanner.Selects(b, pod)).ToList();
        if (budgets.Count > 1)
        {
            var status = new JsonObject
            {
                ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure",
                ["message"] = "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.", ["code"] = 500,
            };
            await ResponseWriter.WriteNodeAsync(context, 500, status);
            return;
        }
        string? rvForDelete = preconditionRv;
        if (budgets.Count == 1)
        {
            var pdb = budgets[0];
            var (unhealthyMayGo, refusal) = DisruptionPlanner.Check(pdb, pod);
            if (refusal is not null) throw TooManyRequests(refusal);
            if (unhealthyMayGo)
            {
                // The unready pod does not spend the budget, so it must still be unready (unchanged) when deleted.
                if (!string.IsNullOrEmpty(preconditionRv)) rvForDelete = preconditionRv;
                else
                {
                    try
                    {
                        await AddConditionAndDeleteAsync(pods, ns, name, options, pod.ResourceVersion(), dryRun, ct);
                    }
                    catch (StatusException e) when (e.Code == 409)
                    {
                        throw TooManyRequests($"The disruption budget {pdb.Name()} is still being processed by the server.");
                    }
                    await WriteSuccessAsync(context);
                    return;
                }
            }
            else
            {
                await DecrementAsync(pdb, pod, dryRun, ct);
            }
        }
        await AddConditionAndDeleteAsync(pods, ns, name, options, rvForDelete, dryRun, ct);
        await WriteSuccessAsync(context);
    }

    /// <summary>checkAndDecrement under the budget's write lock: refuse as the current status says, else spend one disruption.</summary>
    private async Task DecrementAsync(JsonObject pdb, JsonObject pod, bool dryRun, CancellationToken ct)
    {
        if (dryRun) return;
        var def = registry.Catalog.Get("policy", "PodDisruptionBudget");
        var podName = pod.Name();
        var now = SystemFields.Timestamp(time.GetUtcNow());
        await registry.GuaranteedUpdateAsync(def, pdb.Namespace(), pdb.Name(), "status", dryRun: false, current =>
        {
            if (DisruptionPlanner.Check(current, pod).RefusalCause is { } refusal) throw TooManyRequests(refusal);
            if (current["status"] is not JsonObject status) current["status"] = status = new JsonObject();
            var allowed = JsonNumber.Int(status["disruptionsAllowed"], 0) - 1;
            status["disruptionsAllowed"] = allowed;
            if (allowed == 0)
                status["conditions"] = DisruptionPlanner.AllowedConditions(status["conditions"], 0, JsonNumber.Long(status["observedGeneration"]) ?? 0, now);
            if (status["disruptedPods"] is not JsonObject disrupted) status["disruptedPods"] = disrupted = new JsonObject();
            disrupted[podName] = now;
            return current;
        }, ct);
    }

    /// <summary>addConditionAndDeletePod: DisruptionTarget=True (EvictionByEvictionAPI) through /status, then the delete.</summary>
    private async Task AddConditionAndDeleteAsync(ResourceDefinition pods, string ns, string name, JsonObject? options, string? resourceVersion,
        bool dryRun, CancellationToken ct)
    {
        var uid = options?["preconditions"].Str("uid");
        long? grace = options?["gracePeriodSeconds"] is JsonValue g && g.TryGetValue<long>(out var gs) ? gs : null;
        if (!dryRun)
        {
            var now = SystemFields.Timestamp(time.GetUtcNow());
            var updated = await registry.GuaranteedUpdateAsync(pods, ns, name, "status", dryRun: false, current =>
            {
                if ((!string.IsNullOrEmpty(uid) && current.Meta().Str("uid") != uid)
                    || (!string.IsNullOrEmpty(resourceVersion) && current.ResourceVersion() != resourceVersion))
                    throw StatusException.Conflict(pods.Kind, name);
                if (current["status"] is not JsonObject status) current["status"] = status = new JsonObject();
                if (status["conditions"] is not JsonArray conditions) status["conditions"] = conditions = [];
                Conditions.Set(conditions, new JsonObject
                {
                    ["type"] = "DisruptionTarget", ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = now,
                    ["reason"] = "EvictionByEvictionAPI", ["message"] = "Eviction API: evicting",
                });
                return current;
            }, ct);
            // The condition write is ours: the precondition moves along with it.
            if (!string.IsNullOrEmpty(resourceVersion)) resourceVersion = updated.Object.Object.ResourceVersion();
        }
        await registry.DeleteAsync(pods, ns, name,
            new DeleteOptions(uid, resourceVersion, grace, options.Str("propagationPolicy"), dryRun), ct);
    }

    private static StatusException TooManyRequests(string cause) =>
        new(429, "TooManyRequests", TooManyRequestsMessage, new StatusDetails(null, "", "", [new StatusCause("DisruptionBudget", cause, "")]));

    private static Task WriteSuccessAsync(HttpContext context) =>
        ResponseWriter.WriteNodeAsync(context, 201, new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201,
        });
}
