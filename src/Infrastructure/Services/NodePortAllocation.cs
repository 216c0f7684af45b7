using System.Text.Json.Nodes;
using Emulator.Domain.Allocation;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources.Core.Services;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// initNodePorts / updateNodePorts / the health-check node port of k/k pkg/registry/core/service/storage/alloc.go.
/// Ports sharing a port number (53/TCP and 53/UDP) share one nodePort, as the real allocator does.
/// </summary>
internal static class NodePortAllocation
{
    public static void OnCreate(JsonObject svc, AllocationOperation op)
    {
        if (ServiceFields.NeedsNodePort(svc)) InitNodePorts(svc, op);
        if (ServiceFields.NeedsHealthCheck(svc)) AllocateHealthCheck(svc, op);
    }

    public static void OnUpdate(JsonObject svc, JsonObject old, AllocationOperation op)
    {
        if (ServiceFields.NeedsNodePort(old) && !ServiceFields.NeedsNodePort(svc))
            foreach (var port in ServiceFields.NodePorts(old).Distinct()) op.ReleasePortDeferred((int)port);
        if (ServiceFields.NeedsNodePort(svc)) UpdateNodePorts(svc, old, op);
        var needed = ServiceFields.NeedsHealthCheck(old);
        var needs = ServiceFields.NeedsHealthCheck(svc);
        if (!needed && needs) AllocateHealthCheck(svc, op);
        else if (needed && !needs && ServiceFields.HealthCheckNodePort(old) is > 0 and var hc) op.ReleasePortDeferred((int)hc);
    }

    private static void InitNodePorts(JsonObject svc, AllocationOperation op)
    {
        var ports = ServiceFields.Ports(svc);
        var byPortNumber = new Dictionary<long, int>();
        var allocate = ServiceFields.ShouldAllocateNodePorts(svc);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var nodePort = (int)ServiceFields.Int(port, "nodePort");
            if (nodePort == 0 && !allocate) continue;
            var number = ServiceFields.Int(port, "port");
            if (!byPortNumber.TryGetValue(number, out var shared))
            {
                // A user-chosen nodePort on this or a later port of the same number is the one they share.
                var requestedIndex = FindRequested(ports, i, number);
                if (requestedIndex is { } r)
                {
                    var requested = (int)ServiceFields.Int(ports[r], "nodePort");
                    AllocateStatic(svc, op, requested, $"spec.ports[{i}].nodePort");
                    port["nodePort"] = requested;
                    byPortNumber[number] = requested;
                }
                else
                {
                    var next = AllocateNext(op);
                    port["nodePort"] = next;
                    byPortNumber[number] = next;
                }
            }
            else if (nodePort != shared)
            {
                if (nodePort == 0) port["nodePort"] = shared;
                else AllocateStatic(svc, op, nodePort, $"spec.ports[{i}].nodePort");
            }
        }
    }

    private static int? FindRequested(IReadOnlyList<JsonObject> ports, int from, long number)
    {
        for (var j = from; j < ports.Count; j++)
            if (ServiceFields.Int(ports[j], "port") == number && ServiceFields.Int(ports[j], "nodePort") != 0) return j;
        return null;
    }

    private static void UpdateNodePorts(JsonObject svc, JsonObject old, AllocationOperation op)
    {
        var oldNumbers = ServiceFields.NodePorts(old).ToHashSet();
        var allocatedHere = new HashSet<long>();
        var allocate = ServiceFields.ShouldAllocateNodePorts(svc);
        var ports = ServiceFields.Ports(svc);
        for (var i = 0; i < ports.Count; i++)
        {
            var nodePort = ServiceFields.Int(ports[i], "nodePort");
            if (nodePort == 0 && !allocate) continue;
            if (nodePort != 0)
            {
                if (!oldNumbers.Contains(nodePort) && allocatedHere.Add(nodePort))
                    AllocateStatic(svc, op, (int)nodePort, $"spec.ports[{i}].nodePort");
            }
            else
            {
                ports[i]["nodePort"] = AllocateNext(op);
            }
        }
        var newNumbers = ServiceFields.NodePorts(svc).ToHashSet();
        foreach (var previous in oldNumbers.Where(n => !newNumbers.Contains(n))) op.ReleasePortDeferred((int)previous);
    }

    private static void AllocateHealthCheck(JsonObject svc, AllocationOperation op)
    {
        var requested = (int)ServiceFields.HealthCheckNodePort(svc);
        try
        {
            if (requested != 0) op.AllocatePort(requested);
            else ServiceFields.Spec(svc)["healthCheckNodePort"] = op.AllocateNextPort();
        }
        catch (AllocationException e)
        {
            throw ServiceAllocationHook.Internal(requested != 0
                ? $"failed to allocate requested HealthCheck NodePort {requested}: {e.Message}"
                : $"failed to allocate a HealthCheck NodePort 0: {e.Message}");
        }
    }

    private static void AllocateStatic(JsonObject svc, AllocationOperation op, int nodePort, string field)
    {
        try
        {
            op.AllocatePort(nodePort);
        }
        catch (AllocationException e)
        {
            throw ServiceAllocationHook.Invalid(svc, FieldError.Invalid(field, nodePort, e.Message));
        }
    }

    private static int AllocateNext(AllocationOperation op)
    {
        try
        {
            return op.AllocateNextPort();
        }
        catch (AllocationException e)
        {
            throw ServiceAllocationHook.Internal($"failed to allocate a nodePort: {e.Message}");
        }
    }
}
