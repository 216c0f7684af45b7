using Emulator.Domain.Resources.Apps.Deployments;
using Emulator.Domain.Resources.Apps.ReplicaSets;

namespace Emulator.Domain.Tests.Printing;

public sealed class WorkloadTablePrinterTests
{
    private const string Template = """
        "template":{"metadata":{"labels":{"app":"httpenv"}},"spec":{"containers":[
          {"name":"httpenv","image":"bretfisher/httpenv"},{"name":"sidecar","image":"busybox:1.36"}]}}
        """;

    [Fact]
    public void Deployment_two_of_three_ready()
    {
        var obj = PrinterFixtures.Object("httpenv", $$$"""
            "spec":{"replicas":3,"selector":{"matchLabels":{"app":"httpenv"}},{{{Template}}}},
            "status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}
            """);
        var cells = new DeploymentTablePrinter().Cells(obj, PrinterFixtures.Now);
        Assert.Equal<object?>(["httpenv", "2/3", 3L, 2L, "10m", "httpenv,sidecar", "bretfisher/httpenv,busybox:1.36", "app=httpenv"], cells);
    }

    [Theory]
    [InlineData(""" "selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["fe","be"]}]} """,
        "app=web,tier in (be,fe)")]
    [InlineData(""" "selector":{} """, "")]
    [InlineData("", "")]
    [InlineData(""" "selector":{"matchExpressions":[{"key":"tier","operator":"Bogus"}]} """, "<invalid>")]
    public void Deployment_selector_is_the_converted_selector_string(string selector, string expected)
    {
        var spec = selector.Length == 0 ? """ "replicas":1 """ : $$""" "replicas":1,{{selector}} """;
        var cells = new DeploymentTablePrinter().Cells(PrinterFixtures.Object("web", $$""" "spec":{ {{spec}} } """), PrinterFixtures.Now);
        Assert.Equal<object?>(["0/1", 0L, 0L], cells[1..4]);
        Assert.Equal(expected, cells[7]);
    }

    [Fact]
    public void Replica_set_counts_are_integers_and_selector_includes_the_hash()
    {
        var obj = PrinterFixtures.Object("httpenv-7d9f6c", $$$"""
            "spec":{"replicas":3,"selector":{"matchLabels":{"pod-template-hash":"7d9f6c","app":"httpenv"}},{{{Template}}}},
            "status":{"replicas":3,"readyReplicas":1}
            """);
        var cells = new ReplicaSetTablePrinter().Cells(obj, PrinterFixtures.Now);
        Assert.Equal<object?>(
            ["httpenv-7d9f6c", 3L, 3L, 1L, "10m", "httpenv,sidecar", "bretfisher/httpenv,busybox:1.36", "app=httpenv,pod-template-hash=7d9f6c"],
            cells);
    }

    [Theory]
    [InlineData(""" "selector":{} """, "<none>")]
    [InlineData("", "<none>")]
    [InlineData(""" "selector":{"matchLabels":{"a/b/c":"x"}} """, "<error>")]
    public void Replica_set_selector_uses_FormatLabelSelector(string selector, string expected)
    {
        var spec = selector.Length == 0 ? """ "replicas":0 """ : $$""" "replicas":0,{{selector}} """;
        var cells = new ReplicaSetTablePrinter().Cells(PrinterFixtures.Object("rs", $$""" "spec":{ {{spec}} } """), PrinterFixtures.Now);
        Assert.Equal<object?>([0L, 0L, 0L, "10m", "", ""], cells[1..7]);
        Assert.Equal(expected, cells[7]);
    }
}
