using Emulator.Domain.Printing;
using Emulator.Domain.Resources.Coordination.Leases;
using Emulator.Domain.Resources.Core.ConfigMaps;
using Emulator.Domain.Resources.Core.Namespaces;
using Emulator.Domain.Resources.Core.Secrets;
using Emulator.Domain.Resources.Core.ServiceAccounts;

namespace Emulator.Domain.Tests.Printing;

public sealed class SimpleTablePrinterTests
{
    private static object?[] Cells(ITablePrinter printer, string name, string body) =>
        printer.Cells(PrinterFixtures.Object(name, body), PrinterFixtures.Now);

    [Theory]
    [InlineData(""" "status":{"phase":"Active"} """, "Active")]
    [InlineData(""" "metadata":{"name":"default","deletionTimestamp":"2026-01-01T00:09:00Z"},"status":{"phase":"Terminating"} """, "Terminating")]
    [InlineData("", "")]
    public void Namespace_status_is_the_phase(string body, string phase) =>
        Assert.Equal<object?>(["default", phase, "10m"], Cells(new NamespaceTablePrinter(), "default", body));

    [Theory]
    [InlineData(""" "data":{"a":"1","b":"2"},"binaryData":{"c":"AQ=="} """, 3L)]
    [InlineData(""" "data":{} """, 0L)]
    [InlineData("", 0L)]
    public void Config_map_data_counts_data_and_binary_data(string body, long count) =>
        Assert.Equal<object?>(["kube-root-ca.crt", count, "10m"], Cells(new ConfigMapTablePrinter(), "kube-root-ca.crt", body));

    [Theory]
    [InlineData(""" "type":"Opaque","data":{"user":"YQ==","pass":"Yg=="} """, "Opaque", 2L)]
    [InlineData(""" "type":"Opaque","data":{"user":"YQ=="},"stringData":{"user":"a","extra":"b"} """, "Opaque", 2L)]
    [InlineData(""" "type":"kubernetes.io/service-account-token" """, "kubernetes.io/service-account-token", 0L)]
    public void Secret_type_and_key_count(string body, string type, long count) =>
        Assert.Equal<object?>(["s", type, count, "10m"], Cells(new SecretTablePrinter(), "s", body));

    [Theory]
    [InlineData(""" "secrets":[{"name":"default-token"}] """, 1L)]
    [InlineData("", 0L)]
    public void Service_account_secret_count(string body, long count) =>
        Assert.Equal<object?>(["default", count, "10m"], Cells(new ServiceAccountTablePrinter(), "default", body));

    [Theory]
    [InlineData(""" "spec":{"holderIdentity":"node1","leaseDurationSeconds":40} """, "node1")]
    [InlineData(""" "spec":{} """, "")]
    public void Lease_holder(string body, string holder) =>
        Assert.Equal<object?>(["node1", holder, "10m"], Cells(new LeaseTablePrinter(), "node1", body));
}
