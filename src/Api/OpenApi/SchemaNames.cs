using System.Text.RegularExpressions;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Resources;

namespace Emulator.Api.OpenApi;

/// <summary>
/// OpenAPI component names of model types, as kube-apiserver spells them from the Go package path:
/// <c>io.k8s.api.core.v1.ServiceSpec</c>, <c>io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta</c>. kubectl shows the
/// last segment (<c>spec &lt;ServiceSpec&gt;</c>); it matches kinds by their GVK extension, not by name.
/// </summary>
public static partial class SchemaNames
{
    private static readonly HashSet<string> MetaTypes =
    [
        "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "ManagedFieldsEntry", "OwnerReference", "Condition",
        "Status", "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions", "APIResource", "WatchEvent",
    ];

    private static readonly Dictionary<string, string> GroupPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["core"] = "core", ["apps"] = "apps", ["discovery"] = "discovery", ["events"] = "events", ["coordination"] = "coordination",
        ["autoscaling"] = "autoscaling",
    };

    public static string GoName(Type type) => VersionPrefix().Replace(type.Name, "");

    public static string For(Type type, ResourceKind root)
    {
        var go = GoName(type);
        if (MetaTypes.Contains(go)) return $"io.k8s.apimachinery.pkg.apis.meta.v1.{go}";
        var match = VersionPrefix().Match(type.Name);
        var version = match.Groups["version"].Value.ToLowerInvariant();
        var group = match.Groups["group"].Value;
        var package = group.Length > 0 && GroupPackages.TryGetValue(group, out var p) ? p
            : go.StartsWith(root.Kind, StringComparison.Ordinal) || AppsTypes.Contains(go) && root.Group == "apps" ? Package(root)
            : "core";
        return $"io.k8s.api.{package}.{version}.{go}";
    }

    public static string Package(ResourceKind k) => k.Group.Length == 0 ? "core" : k.Group.Split('.')[0];

    public static string ForKind(ResourceKind k) => $"io.k8s.api.{Package(k)}.{k.Version}.{k.Kind}";

    /// <summary>Names for the value types every document shares.</summary>
    public static string? ForValue(SchemaKind kind) => kind switch
    {
        SchemaKind.IntOrString => "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
        SchemaKind.Quantity => "io.k8s.apimachinery.pkg.api.resource.Quantity",
        SchemaKind.DateTime => "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
        _ => null,
    };

    private static readonly HashSet<string> AppsTypes = ["RollingUpdateDeployment"];

    // V1ServiceSpec, V1beta1Foo, Corev1EventSeries, Discoveryv1EndpointPort, Eventsv1Event...
    [GeneratedRegex(@"^(?<group>[A-Z][a-z]+)?(?<version>[Vv]\d+(?:alpha\d+|beta\d+)?)(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
