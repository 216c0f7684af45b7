using Emulator.Domain.Resources.Core.Nodes;

namespace Emulator.Domain.Tests.Printing;

public sealed class NodeTablePrinterTests
{
    private static object?[] Cells(string body) => new NodeTablePrinter().Cells(PrinterFixtures.Object("node1", body), PrinterFixtures.Now);

    [Fact]
    public void Cordoned_control_plane_node()
    {
        var cells = Cells("""
            "metadata":{"name":"node1","labels":{"node-role.kubernetes.io/control-plane":"","kubernetes.io/hostname":"node1"}},
            "spec":{"unschedulable":true},
            "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
              "addresses":[{"type":"Hostname","address":"node1"},{"type":"InternalIP","address":"172.18.0.2"}],
              "nodeInfo":{"kubeletVersion":"v1.35.0","osImage":"Debian GNU/Linux 12 (bookworm)","kernelVersion":"6.8.0","containerRuntimeVersion":"containerd://2.0.0"}}
            """);
        Assert.Equal<object?>(
            ["node1", "Ready,SchedulingDisabled", "control-plane", "10m", "v1.35.0", "172.18.0.2", "<none>",
             "Debian GNU/Linux 12 (bookworm)", "6.8.0", "containerd://2.0.0"],
            cells);
    }

    [Theory]
    [InlineData(""" "status":{"conditions":[{"type":"Ready","status":"False"}]} """, "NotReady")]
    [InlineData(""" "status":{"conditions":[{"type":"Ready","status":"Unknown"}]} """, "NotReady")]
    [InlineData(""" "status":{"conditions":[{"type":"DiskPressure","status":"True"}]} """, "Unknown")]
    [InlineData(""" "status":{} """, "Unknown")]
    [InlineData(""" "spec":{"unschedulable":true} """, "Unknown,SchedulingDisabled")]
    public void Status_column(string body, string expected) => Assert.Equal(expected, Cells(body)[1]);

    [Theory]
    [InlineData("""{"node-role.kubernetes.io/worker":"","kubernetes.io/role":"master"}""", "master,worker")]
    [InlineData("""{"node-role.kubernetes.io/":"x","kubernetes.io/role":""}""", "<none>")]
    [InlineData("""{"node-role.kubernetes.io/infra":"true","node-role.kubernetes.io/control-plane":""}""", "control-plane,infra")]
    [InlineData("""{}""", "<none>")]
    public void Roles_column(string labels, string expected) =>
        Assert.Equal(expected, Cells($$""" "metadata":{"name":"node1","labels":{{labels}}} """)[2]);

    [Fact]
    public void Missing_node_info_is_unknown() =>
        Assert.Equal<object?>(["", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"], Cells(""" "status":{"addresses":[]} """)[4..]);
}
