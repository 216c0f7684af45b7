using System.Net;
using System.Text.Json.Nodes;
using Emulator.Domain.Allocation;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources.Core.Services;

namespace Emulator.Infrastructure.Services;

/// <summary>allocClusterIPs / updateClusterIPs of k/k pkg/registry/core/service/storage/alloc.go for a single-stack cluster.</summary>
internal static class ClusterIpAllocation
{
    public static void OnCreate(JsonObject svc, AllocationOperation op)
    {
        if (ServiceFields.Type(svc) == "ExternalName" || ServiceFields.IsHeadless(svc)) return;
        Allocate(svc, op);
    }

    public static void OnUpdate(JsonObject svc, JsonObject old, AllocationOperation op)
    {
        var oldType = ServiceFields.Type(old);
        var newType = ServiceFields.Type(svc);
        if (oldType == "ExternalName" && newType != "ExternalName")
        {
            if (!ServiceFields.IsHeadless(svc)) Allocate(svc, op);
            return;
        }
        if (ServiceFields.IsHeadless(old)) return;
        if (oldType != "ExternalName" && newType == "ExternalName")
            foreach (var ip in ServiceAllocators.HeldIps(old)) op.ReleaseIpDeferred(ip);
    }

    private static void Allocate(JsonObject svc, AllocationOperation op)
    {
        var spec = ServiceFields.Spec(svc);
        var requested = ServiceFields.ClusterIps(svc);
        if (requested.Count > 0)
        {
            foreach (var text in requested)
            {
                var ip = IPAddress.Parse(text);
                try
                {
                    op.AllocateIp(ip);
                }
                catch (AllocationException e)
                {
                    throw ServiceAllocationHook.Invalid(svc,
                        FieldError.Invalid("spec.clusterIPs", GoSyntax.StringSlice(requested), $"failed to allocate IP {text}: {e.Message}"));
                }
            }
            return;
        }
        try
        {
            var ip = op.AllocateNextIp().ToString();
            spec["clusterIP"] = ip;
            ServiceFields.SetStrings(spec, "clusterIPs", [ip]);
        }
        catch (AllocationException e)
        {
            throw ServiceAllocationHook.Internal($"failed to allocate a serviceIP: {e.Message}");
        }
    }
}
