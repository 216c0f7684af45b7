using System.Text.Json.Nodes;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// One object a soak writer owns, with what the server acknowledged about it: its generation marker
/// (annotation soak/gen; null = absent) and, when the process died under a request, the two states it may be in.
/// </summary>
public sealed class SoakObject(string kind, string name, string selects)
{
    public const string GenAnnotation = "soak/gen";

    public string Kind { get; } = kind;

    public string Name { get; } = name;

    /// <summary>For Services: the Deployment (app label) it selects.</summary>
    public string Selects { get; } = selects;

    public string Path(string ns) => Kind == "Service" ? $"/api/v1/namespaces/{ns}/services/{Name}" : $"/apis/apps/v1/namespaces/{ns}/deployments/{Name}";

    public string CollectionPath(string ns) => Kind == "Service" ? $"/api/v1/namespaces/{ns}/services" : $"/apis/apps/v1/namespaces/{ns}/deployments";

    /// <summary>The acknowledged generation; null when the last acknowledged write deleted it (or it never existed).</summary>
    public string? Gen { get; set; }

    /// <summary>Set when a request was cut by the kill: the object must be whole in one of these two states.</summary>
    public (string? Before, string? After)? InFlight { get; set; }

    public static string? GenOf(JsonObject obj) => (string?)obj["metadata"]?["annotations"]?[GenAnnotation];

    public string Manifest(string gen, Random random)
    {
        var meta = new JsonObject { ["name"] = Name, ["annotations"] = new JsonObject { [GenAnnotation] = gen } };
        if (Kind == "Service")
        {
            return new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = meta,
                ["spec"] = new JsonObject
                {
                    ["type"] = random.Next(2) == 0 ? "ClusterIP" : "NodePort",
                    ["selector"] = new JsonObject { ["app"] = Selects },
                    ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["targetPort"] = 8080, ["protocol"] = "TCP" }),
                },
            }.ToJsonString();
        }

        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = meta,
            ["spec"] = new JsonObject
            {
                ["replicas"] = random.Next(1, 3),
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = Name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = Name } },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "web",
                            ["image"] = "nginx:1.27",
                            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
                        }),
                    },
                },
            },
        }.ToJsonString();
    }

    /// <summary>A merge patch that changes the generation marker (and a Deployment's replicas).</summary>
    public string Patch(string gen, Random random)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [GenAnnotation] = gen } } };
        if (Kind == "Deployment")
        {
            patch["spec"] = new JsonObject { ["replicas"] = random.Next(1, 3) };
        }

        return patch.ToJsonString();
    }

    /// <summary>Why a stored object is not whole (a field a committed write always has is missing), or null.</summary>
    public string? Defect(JsonObject obj)
    {
        if (Kind == "Service")
        {
            var spec = obj["spec"];
            var ip = (string?)spec?["clusterIP"];
            if (string.IsNullOrEmpty(ip) || ip == "None")
            {
                return "no clusterIP";
            }

            if ((string?)spec?["type"] == "NodePort" && (spec?["ports"] as JsonArray ?? []).Any(p => p?["nodePort"] is null))
            {
                return "a NodePort service port without nodePort";
            }

            return (string?)spec?["selector"]?["app"] == Selects ? null : "selector lost";
        }

        return obj["spec"]?["template"]?["spec"]?["containers"] is JsonArray { Count: 1 } ? null : "no pod template";
    }
}
