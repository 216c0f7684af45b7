using System.Text.Json.Nodes;
using Emulator.Domain.Resources.Core.Endpoints;

namespace Emulator.Domain.Tests.Endpoints;

/// <summary>services-spec.md §4.7: validation of hand-written Endpoints (ValidateEndpoints).</summary>
public sealed class EndpointsValidatorTests
{
    private static readonly EndpointsStrategy Strategy = new();

    private static List<string> Errors(string subsetsJson)
    {
        var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ext" }, ["subsets"] = JsonNode.Parse(subsetsJson) };
        Strategy.PrepareForCreate(obj);
        return [.. Strategy.Validate(obj).Select(e => e.ToString())];
    }

    [Theory]
    [InlineData("""[{"addresses":[{"ip":"192.0.2.10"}],"ports":[{"port":80}]}]""")]
    [InlineData("""[{"notReadyAddresses":[{"ip":"2001:db8::1","hostname":"h-1","nodeName":"node-1"}]}]""")]
    [InlineData("""[{"addresses":[{"ip":"127.244.1.5"}],"ports":[{"name":"a","port":1},{"name":"b","port":65535,"protocol":"UDP"}]}]""")]
    public void Valid_endpoints_pass(string subsets) => Assert.Empty(Errors(subsets));

    [Theory]
    [InlineData("""[{"ports":[{"port":80}]}]""", "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`")]
    [InlineData("""[{"addresses":[{"ip":"not-an-ip"}]}]""", "subsets[0].addresses[0].ip: Invalid value: \"not-an-ip\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    [InlineData("""[{"addresses":[{"ip":"0.0.0.0"}]}]""", "subsets[0].addresses[0].ip: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0, ::)")]
    [InlineData("""[{"addresses":[{"ip":"169.254.1.1"}]}]""", "subsets[0].addresses[0].ip: Invalid value: \"169.254.1.1\": may not be in the link-local range (169.254.0.0/16, fe80::/10)")]
    [InlineData("""[{"addresses":[{"ip":"224.0.0.5"}]}]""", "subsets[0].addresses[0].ip: Invalid value: \"224.0.0.5\": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")]
    [InlineData("""[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80},{"name":"b","port":81}]}]""", "subsets[0].ports[0].name: Required value")]
    [InlineData("""[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":0}]}]""", "subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive")]
    [InlineData("""[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80,"protocol":"HTTP"}]}]""", "subsets[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")]
    public void Invalid_endpoints_get_the_apiserver_cause(string subsets, string expected) => Assert.Contains(expected, Errors(subsets));

    [Fact]
    public void Invalid_hostname_is_a_dns_label_error()
    {
        var error = Assert.Single(Errors("""[{"addresses":[{"ip":"10.0.0.1","hostname":"Bad_Host"}]}]"""));
        Assert.StartsWith("subsets[0].addresses[0].hostname: Invalid value: \"Bad_Host\": a lowercase RFC 1123 label", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_protocol_defaults_to_tcp()
    {
        var obj = new JsonObject { ["subsets"] = JsonNode.Parse("""[{"addresses":[{"ip":"10.0.0.1"}],"ports":[{"port":80}]}]""") };
        Strategy.PrepareForCreate(obj);
        Assert.Equal("TCP", (string?)obj["subsets"]![0]!["ports"]![0]!["protocol"]);
    }
}
