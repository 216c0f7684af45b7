using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using k8s;
using k8s.Models;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>Controller writes of Endpoints and EndpointSlices, through the GenericRegistry like every other write.</summary>
public sealed class EndpointWriter(GenericRegistry registry)
{
    private readonly ResourceDefinition _endpoints = registry.Catalog.Get("", "Endpoints");
    private readonly ResourceDefinition _slices = registry.Catalog.Get("discovery.k8s.io", "EndpointSlice");

    public Task CreateEndpointsAsync(V1Endpoints endpoints, CancellationToken ct) =>
        IgnoreTerminatingNamespace(registry.CreateAsync(_endpoints, endpoints.Metadata.NamespaceProperty, ToJson(endpoints), false, ct));

    /// <summary>PUT with the resourceVersion read: a concurrent change conflicts and the key is retried.</summary>
    public Task UpdateEndpointsAsync(V1Endpoints endpoints, CancellationToken ct) =>
        registry.UpdateAsync(_endpoints, endpoints.Metadata.NamespaceProperty, endpoints.Metadata.Name, ToJson(endpoints), null, false, ct);

    public Task DeleteEndpointsAsync(string ns, string name, CancellationToken ct) => DeleteAsync(_endpoints, ns, name, ct);

    public Task CreateSliceAsync(V1EndpointSlice slice, CancellationToken ct) =>
        IgnoreTerminatingNamespace(registry.CreateAsync(_slices, slice.Metadata.NamespaceProperty, SliceJson(slice), false, ct));

    public Task UpdateSliceAsync(V1EndpointSlice slice, CancellationToken ct) =>
        registry.UpdateAsync(_slices, slice.Metadata.NamespaceProperty, slice.Metadata.Name, SliceJson(slice), null, false, ct);

    public Task DeleteSliceAsync(string ns, string name, CancellationToken ct) => DeleteAsync(_slices, ns, name, ct);

    public async Task ApplyAsync(Domain.Endpoints.SlicePlan plan, CancellationToken ct)
    {
        foreach (var slice in plan.Delete) await DeleteSliceAsync(slice.Metadata.NamespaceProperty, slice.Metadata.Name, ct);
        foreach (var slice in plan.Update) await UpdateSliceAsync(slice, ct);
        foreach (var slice in plan.Create) await CreateSliceAsync(slice, ct);
    }

    private async Task DeleteAsync(ResourceDefinition def, string ns, string name, CancellationToken ct)
    {
        try
        {
            await registry.DeleteAsync(def, ns, name, new DeleteOptions(), ct);
        }
        catch (StatusException e) when (e.Code == 404)
        {
        }
    }

    // A namespace being terminated refuses new content; the real controllers drop such creates silently.
    private static async Task IgnoreTerminatingNamespace(Task write)
    {
        try
        {
            await write;
        }
        catch (StatusException e) when (e.Code == 403 && e.Details?.Causes?.Any(c => c.Reason == "NamespaceTerminating") == true)
        {
        }
    }

    private static JsonObject ToJson(object model) => (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(model))!;

    /// <summary>endpoints and ports have no omitempty: an empty list reads back as null, never as a missing field.</summary>
    private static JsonObject SliceJson(V1EndpointSlice slice)
    {
        var json = ToJson(slice);
        if (json["endpoints"] is null) json["endpoints"] = null;
        if (json["ports"] is null) json["ports"] = null;
        return json;
    }
}
