using System.Text.Json.Nodes;
using Emulator.Domain.Resources;

namespace Emulator.Api.Endpoints;

/// <summary>
/// Discovery documents built from the catalog: aggregated (apidiscovery.k8s.io/v2, which kubectl and helm prefer)
/// and legacy (APIVersions, APIGroupList, APIResourceList).
/// </summary>
public sealed class DiscoveryDocuments(ResourceCatalog catalog)
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private static readonly Dictionary<string, string> SubresourceKinds = new()
    {
        ["status"] = "", ["scale"] = "Scale", ["log"] = "Pod", ["portforward"] = "PodPortForwardOptions", ["proxy"] = "",
        ["exec"] = "PodExecOptions", ["attach"] = "PodAttachOptions", ["binding"] = "Binding", ["eviction"] = "Eviction",
        ["ephemeralcontainers"] = "", ["resize"] = "", ["token"] = "TokenRequest", ["finalize"] = "",
    };

    public JsonObject Aggregated(bool core)
    {
        var groups = new JsonArray();
        foreach (var group in catalog.All.GroupBy(d => d.Kind.Group).Where(g => (g.Key.Length == 0) == core))
        {
            var meta = new JsonObject { ["creationTimestamp"] = null };
            if (!core) meta["name"] = group.Key;
            var versions = new JsonArray();
            foreach (var version in group.GroupBy(d => d.Kind.Version))
            {
                versions.Add(new JsonObject
                {
                    ["version"] = version.Key,
                    ["resources"] = new JsonArray([.. version.Select(AggregatedResource)]),
                    ["freshness"] = "Current",
                });
            }
            groups.Add(new JsonObject { ["metadata"] = meta, ["versions"] = versions });
        }
        return new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = groups };
    }

    private static JsonNode AggregatedResource(ResourceDefinition d)
    {
        var k = d.Kind;
        var resource = new JsonObject
        {
            ["resource"] = k.Plural,
            ["responseKind"] = Gvk(k.Group, k.Version, k.Kind),
            ["scope"] = k.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = k.Singular,
            ["verbs"] = Strings(k.Verbs),
        };
        if (k.ShortNames.Count > 0) resource["shortNames"] = Strings(k.ShortNames);
        if (k.Categories.Count > 0) resource["categories"] = Strings(k.Categories);
        if (k.Subresources.Count > 0)
        {
            resource["subresources"] = new JsonArray([.. k.Subresources.Select(s =>
            {
                var (group, version, kind) = SubresourceKind(k, s);
                return (JsonNode)new JsonObject { ["subresource"] = s, ["responseKind"] = Gvk(group, version, kind), ["verbs"] = Strings(SubresourceVerbs(s)) };
            })]);
        }
        return resource;
    }

    public JsonObject ApiVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1:6443" }),
    };

    public JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. catalog.All.Where(d => d.Kind.Group.Length > 0).GroupBy(d => d.Kind.Group).Select(g => (JsonNode)Group(g.Key)!)]),
    };

    public JsonObject? Group(string group)
    {
        var versions = catalog.All.Where(d => d.Kind.Group == group && group.Length > 0).Select(d => d.Kind.Version).Distinct().ToList();
        if (versions.Count == 0) return null;
        JsonObject Gv(string v) => new() { ["groupVersion"] = $"{group}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Gv(v))]),
            ["preferredVersion"] = Gv(versions[0]),
        };
    }

    public JsonObject? ResourceList(string group, string version)
    {
        var defs = catalog.All.Where(d => d.Kind.Group == group && d.Kind.Version == version).ToList();
        if (defs.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var d in defs)
        {
            var k = d.Kind;
            var r = new JsonObject
            {
                ["name"] = k.Plural, ["singularName"] = k.Singular, ["namespaced"] = k.Namespaced, ["kind"] = k.Kind, ["verbs"] = Strings(k.Verbs),
            };
            if (k.ShortNames.Count > 0) r["shortNames"] = Strings(k.ShortNames);
            if (k.Categories.Count > 0) r["categories"] = Strings(k.Categories);
            resources.Add(r);
            foreach (var s in k.Subresources)
            {
                var (g, v, kind) = SubresourceKind(k, s);
                var sub = new JsonObject { ["name"] = $"{k.Plural}/{s}", ["singularName"] = "", ["namespaced"] = k.Namespaced, ["kind"] = kind, ["verbs"] = Strings(SubresourceVerbs(s)) };
                if (g != k.Group) sub["group"] = g;
                if (v != k.Version || g != k.Group) sub["version"] = v;
                resources.Add(sub);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static (string Group, string Version, string Kind) SubresourceKind(ResourceKind k, string sub)
    {
        if (sub == "scale") return ("autoscaling", "v1", "Scale");
        if (sub == "token") return ("authentication.k8s.io", "v1", "TokenRequest");
        if (sub == "eviction") return ("policy", "v1", "Eviction");
        var kind = SubresourceKinds.GetValueOrDefault(sub, "");
        return (k.Group, k.Version, kind.Length == 0 ? k.Kind : kind);
    }

    private static string[] SubresourceVerbs(string sub) => sub switch
    {
        "status" or "scale" or "ephemeralcontainers" or "resize" => ["get", "patch", "update"],
        "log" => ["get"],
        "portforward" or "exec" or "attach" => ["create", "get"],
        "proxy" => ["create", "delete", "get", "patch", "update"],
        "finalize" => ["update"],
        _ => ["create"],
    };

    private static JsonObject Gvk(string group, string version, string kind) => new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);
}
