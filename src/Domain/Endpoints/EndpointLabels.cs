namespace Emulator.Domain.Endpoints;

/// <summary>
/// Well-known label and annotation keys of the endpoint controllers (kubernetes/api discovery/v1/well_known_labels.go,
/// core/v1/annotation_key_constants.go) and the controller names they stamp on what they manage.
/// </summary>
public static class EndpointLabels
{
    public const string ServiceName = "kubernetes.io/service-name";
    public const string ManagedBy = "endpointslice.kubernetes.io/managed-by";
    public const string SliceControllerName = "endpointslice-controller.k8s.io";
    public const string MirroringControllerName = "endpointslicemirroring-controller.k8s.io";
    public const string Headless = "service.kubernetes.io/headless";
    public const string SkipMirror = "endpointslice.kubernetes.io/skip-mirror";
    public const string TriggerTime = "endpoints.kubernetes.io/last-change-trigger-time";
    public const string OverCapacity = "endpoints.kubernetes.io/over-capacity";
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    public const string Zone = "topology.kubernetes.io/zone";

    /// <summary>The Service's labels plus the headless marker (endpoints_controller.go syncService; reconciler_helpers.go setEndpointSliceLabels).</summary>
    public static Dictionary<string, string> FromService(k8s.Models.V1Service service)
    {
        var labels = new Dictionary<string, string>(service.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        labels.Remove(Headless);
        if (ServiceFacts.IsHeadless(service)) labels[Headless] = "";
        return labels;
    }
}
