using Emulator.Domain.Printing;
using Emulator.Domain.Resources.Apps.Deployments;
using Emulator.Domain.Resources.Apps.ReplicaSets;
using Emulator.Domain.Resources.Coordination.Leases;
using Emulator.Domain.Resources.Core.ConfigMaps;
using Emulator.Domain.Resources.Core.Endpoints;
using Emulator.Domain.Resources.Core.Events;
using Emulator.Domain.Resources.Core.Namespaces;
using Emulator.Domain.Resources.Core.Nodes;
using Emulator.Domain.Resources.Core.Pods;
using Emulator.Domain.Resources.Core.Secrets;
using Emulator.Domain.Resources.Core.ServiceAccounts;
using Emulator.Domain.Resources.Core.Services;
using Emulator.Domain.Resources.Discovery.EndpointSlices;
using EventsV1Printer = Emulator.Domain.Resources.EventsK8sIo.Events.EventTablePrinter;

namespace Emulator.Domain.Tests.Printing;

/// <summary>Column names, priorities ("*" = -o wide only), types and formats as printers.go declares them.</summary>
public sealed class PrinterColumnsTests
{
    public static TheoryData<Type, string> Layouts => new()
    {
        { typeof(PodTablePrinter), "Name,Ready,Status,Restarts,Age,IP*,Node*,Nominated Node*,Readiness Gates*" },
        { typeof(ServiceTablePrinter), "Name,Type,Cluster-IP,External-IP,Port(s),Age,Selector*" },
        { typeof(EndpointsTablePrinter), "Name,Endpoints,Age" },
        { typeof(EndpointSliceTablePrinter), "Name,AddressType,Ports,Endpoints,Age" },
        { typeof(DeploymentTablePrinter), "Name,Ready,Up-to-date,Available,Age,Containers*,Images*,Selector*" },
        { typeof(ReplicaSetTablePrinter), "Name,Desired,Current,Ready,Age,Containers*,Images*,Selector*" },
        { typeof(EventTablePrinter), "Last Seen,Type,Reason,Object,Subobject*,Source*,Message,First Seen*,Count*,Name*" },
        { typeof(EventsV1Printer), "Last Seen,Type,Reason,Object,Subobject*,Source*,Message,First Seen*,Count*,Name*" },
        { typeof(NamespaceTablePrinter), "Name,Status,Age" },
        { typeof(SecretTablePrinter), "Name,Type,Data,Age" },
        { typeof(ConfigMapTablePrinter), "Name,Data,Age" },
        { typeof(ServiceAccountTablePrinter), "Name,Secrets,Age" },
        { typeof(NodeTablePrinter), "Name,Status,Roles,Age,Version,Internal-IP*,External-IP*,OS-Image*,Kernel-Version*,Container-Runtime*" },
        { typeof(LeaseTablePrinter), "Name,Holder,Age" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Columns_match_printers_go(Type printerType, string expected)
    {
        var printer = (ITablePrinter)Activator.CreateInstance(printerType)!;
        Assert.Equal(expected, string.Join(",", printer.Columns.Select(c => c.Name + (c.Priority == 1 ? "*" : ""))));
        Assert.All(printer.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
        var name = Assert.Single(printer.Columns, c => c.Name == "Name");
        Assert.Equal("name", name.Format);
        Assert.All(printer.Columns.Where(c => c.Name != "Name"), c => Assert.Equal("", c.Format));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_row_has_one_cell_per_column_even_for_a_bare_object(Type printerType, string layout)
    {
        var printer = (ITablePrinter)Activator.CreateInstance(printerType)!;
        var cells = printer.Cells(PrinterFixtures.Parse("""{"metadata":{"name":"x"}}"""), PrinterFixtures.Now);
        Assert.Equal(layout.Split(',').Length, cells.Length);
        Assert.All(cells, c => Assert.True(c is string or long, $"cell {c} of {printerType.Name}"));
    }

    [Theory]
    [InlineData(typeof(ReplicaSetTablePrinter), "Desired", "integer")]
    [InlineData(typeof(ReplicaSetTablePrinter), "Current", "integer")]
    [InlineData(typeof(ReplicaSetTablePrinter), "Ready", "integer")]
    [InlineData(typeof(PodTablePrinter), "Restarts", "string")]
    [InlineData(typeof(DeploymentTablePrinter), "Up-to-date", "string")]
    [InlineData(typeof(DeploymentTablePrinter), "Available", "string")]
    [InlineData(typeof(ConfigMapTablePrinter), "Data", "string")]
    [InlineData(typeof(SecretTablePrinter), "Data", "string")]
    [InlineData(typeof(ServiceAccountTablePrinter), "Secrets", "string")]
    [InlineData(typeof(EventTablePrinter), "Count", "string")]
    [InlineData(typeof(PodTablePrinter), "Age", "string")]
    public void Column_types_match_printers_go(Type printerType, string column, string type)
    {
        var printer = (ITablePrinter)Activator.CreateInstance(printerType)!;
        Assert.Equal(type, Assert.Single(printer.Columns, c => c.Name == column).Type);
    }
}
