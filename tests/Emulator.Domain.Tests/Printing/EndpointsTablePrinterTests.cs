using Emulator.Domain.Resources.Core.Endpoints;
using Emulator.Domain.Resources.Discovery.EndpointSlices;

namespace Emulator.Domain.Tests.Printing;

public sealed class EndpointsTablePrinterTests
{
    [Theory]
    [InlineData("""
        "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"},{"ip":"10.0.0.3"},{"ip":"10.0.0.4"},{"ip":"10.0.0.5"}],
          "ports":[{"port":8888,"protocol":"TCP"}]}]
        """, "10.0.0.1:8888,10.0.0.2:8888,10.0.0.3:8888 + 2 more...")]
    [InlineData("""
        "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"name":"http","port":80},{"name":"https","port":443}]}]
        """, "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...")]
    [InlineData("""
        "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"},{"ip":"10.0.0.3"}],"ports":[{"port":80}]}]
        """, "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80")]
    [InlineData(""" "subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}]}] """, "10.0.0.1,10.0.0.2")]
    [InlineData(""" "subsets":[{"addresses":[{"ip":"fd00::1"}],"ports":[{"port":80}]}] """, "[fd00::1]:80")]
    [InlineData(""" "subsets":[{"notReadyAddresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80}]}] """, "")]
    [InlineData(""" "subsets":[] """, "<none>")]
    [InlineData("", "<none>")]
    public void Endpoints_column(string body, string expected)
    {
        var cells = new EndpointsTablePrinter().Cells(PrinterFixtures.Object("httpenv", body), PrinterFixtures.Now);
        Assert.Equal<object?>(["httpenv", expected, "10m"], cells);
    }

    [Theory]
    [InlineData("""
        "addressType":"IPv4","ports":[{"name":"","port":8888,"protocol":"TCP"}],
        "endpoints":[{"addresses":["10.0.0.1"]},{"addresses":["10.0.0.2"]},{"addresses":["10.0.0.3"]},{"addresses":["10.0.0.4"]},{"addresses":["10.0.0.5"]}]
        """, "IPv4", "8888", "10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...")]
    [InlineData("""
        "addressType":"IPv6","ports":[{"port":80},{"port":81},{"port":82},{"port":83}],"endpoints":[{"addresses":["fd00::1"]}]
        """, "IPv6", "80,81,82 + 1 more...", "fd00::1")]
    [InlineData(""" "addressType":"IPv4","ports":[{"name":"http"},{}],"endpoints":[] """, "IPv4", "http,*", "<unset>")]
    [InlineData(""" "addressType":"IPv4" """, "IPv4", "<unset>", "<unset>")]
    public void Endpoint_slice_columns(string body, string addressType, string ports, string endpoints)
    {
        var cells = new EndpointSliceTablePrinter().Cells(PrinterFixtures.Object("httpenv-abcde", body), PrinterFixtures.Now);
        Assert.Equal<object?>(["httpenv-abcde", addressType, ports, endpoints, "10m"], cells);
    }
}
