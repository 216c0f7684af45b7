using System.Text.Json.Nodes;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Core.Nodes;

/// <summary>kubectl get nodes: printNode, findNodeRoles and getNode{Internal,External}IP in pkg/printers/internalversion/printers.go.</summary>
public sealed class NodeTablePrinter : ITablePrinter
{
    // labelNodeRolePrefix and nodeLabelRole in printers.go.
    private const string LabelNodeRolePrefix = "node-role.kubernetes.io/";
    private const string NodeLabelRole = "kubernetes.io/role";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        StandardColumns.Name,
        new("Status", Description: "The status of the node"),
        new("Roles", Description: "The roles of the node"),
        StandardColumns.Age,
        new("Version", Description: "Kubelet Version reported by the node."),
        new("Internal-IP", Priority: 1, Description: "List of addresses reachable to the node."),
        new("External-IP", Priority: 1, Description: "List of addresses reachable to the node."),
        new("OS-Image", Priority: 1, Description: "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
        new("Kernel-Version", Priority: 1, Description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
        new("Container-Runtime", Priority: 1, Description: "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
    ];

    public object?[] Cells(JsonObject obj, DateTimeOffset now)
    {
        var status = obj["status"];
        var nodeInfo = status?["nodeInfo"];
        var roles = string.Join(",", FindNodeRoles(obj));
        return
        [
            obj.Name(),
            Status(obj),
            roles.Length == 0 ? "<none>" : roles,
            HumanDuration.Age(obj, now),
            JsonRead.Str(nodeInfo, "kubeletVersion"),
            Address(status, "InternalIP"),
            Address(status, "ExternalIP"),
            OrUnknown(JsonRead.Str(nodeInfo, "osImage")),
            OrUnknown(JsonRead.Str(nodeInfo, "kernelVersion")),
            OrUnknown(JsonRead.Str(nodeInfo, "containerRuntimeVersion")),
        ];
    }

    // Only the Ready condition counts: "Ready", "NotReady", or "Unknown" without one; a cordoned node adds
    // ",SchedulingDisabled". Later duplicates of a condition type win, as in the Go map.
    private static string Status(JsonObject node)
    {
        var status = new List<string>();
        var ready = JsonRead.Arr(node["status"], "conditions").LastOrDefault(c => JsonRead.Str(c, "type") == "Ready");
        if (ready is not null) status.Add(JsonRead.Str(ready, "status") == "True" ? "Ready" : "NotReady");
        if (status.Count == 0) status.Add("Unknown");
        if (JsonRead.Bool(node["spec"], "unschedulable")) status.Add("SchedulingDisabled");
        return string.Join(",", status);
    }

    // node-role.kubernetes.io/<role> labels (any value) and a non-empty kubernetes.io/role label, sorted and unique.
    private static SortedSet<string> FindNodeRoles(JsonObject node)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Labels())
        {
            if (key.StartsWith(LabelNodeRolePrefix, StringComparison.Ordinal))
            {
                var role = key[LabelNodeRolePrefix.Length..];
                if (role.Length > 0) roles.Add(role);
            }
            else if (key == NodeLabelRole && value.Length > 0) roles.Add(value);
        }
        return roles;
    }

    // The first address of the type, or "<none>".
    private static string Address(JsonNode? status, string type) =>
        JsonRead.Arr(status, "addresses").FirstOrDefault(a => JsonRead.Str(a, "type") == type) is { } address
            ? JsonRead.Str(address, "address")
            : "<none>";

    private static string OrUnknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
