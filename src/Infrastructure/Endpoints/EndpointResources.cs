using Emulator.Infrastructure.Storage;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>The store partitions the endpoint controllers read and watch.</summary>
public static class EndpointResources
{
    public static readonly ResourceKey Services = new("", "services");
    public static readonly ResourceKey Pods = new("", "pods");
    public static readonly ResourceKey Nodes = new("", "nodes");
    public static readonly ResourceKey Endpoints = new("", "endpoints");
    public static readonly ResourceKey EndpointSlices = new("discovery.k8s.io", "endpointslices");

    public static ObjectKey Service(string ns, string name) => new("", "services", ns, name);

    public static ObjectKey EndpointsOf(string ns, string name) => new("", "endpoints", ns, name);
}
