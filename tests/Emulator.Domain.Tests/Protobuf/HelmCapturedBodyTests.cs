using System.IO.Compression;
using System.Text.Json.Nodes;
using Emulator.Domain.Protobuf;

namespace Emulator.Domain.Tests.Protobuf;

/// <summary>
/// Bodies helm v4.1.4 sent for its release storage (install, then uninstall, of a chart without templates).
/// The expected JSON was produced from the same bytes by an independent throwaway Python protobuf reader.
/// </summary>
public sealed class HelmCapturedBodyTests
{
    [Fact]
    public void Decodes_the_release_secret_helm_creates()
    {
        var decoded = KubeProtobuf.Decode(CapturedBodies.Bytes(CapturedBodies.HelmInstallCreateRelease));

        JsonAssert.Equal(
            """{"kind":"Secret","apiVersion":"v1","metadata":{"labels":{"createdAt":"1795671934","name":"rel1","owner":"helm","status":"pending-install","version":"1"},"name":"sh.helm.release.v1.rel1.v1"},"data":{"release":"SDRzSUFBQUFBQUFDLzVTUXpZcnJNQXlGWDZWbzdRUTdTWE9wMytEdXl5eTZLU0pXcG1ia0gyS2xReWw5OXlGcHAyV1kxWUFXbHBCMXpuZXVFREVRV0ppSURTandjVXhncnpENnFjalJVZVowSVFjV0d0MzBsVEZWMCsvMTFuWmIyM1oxKzIvWGRuclg5UWRRd1BqSEQ0N0tNUGtzUGtXdzhEOTY4Y2diSDRzZzgyYU9qcVpQdklDQ0lpaHpBUXVab3ZQeHZYcnN3RTNCY01KSkZzT0JCQjBLTHU4SGtxT1FRTUdacG5MWDBMV3BOU2pBN04rZXczT3ozT0UwZklDTk03TUNvWkFaaGNyMzRJdzh2N295bkNqZ3p5NGtKMzRWMVZxYmFxMjkxbmF0QlhiMC9McncydjRWa3Q3V3V1bE1yOXRkZjFpTVBkMGJ0WEtWak1NZGJzU1paYVhKZkRrR2tsTmFjaThGNGZZVkFBRC8vOFpwRkNMWEFRQUE="},"type":"helm.sh/release.v1"}""",
            decoded);
    }

    [Fact]
    public void Decodes_the_release_secret_helm_updates()
    {
        var decoded = KubeProtobuf.Decode(CapturedBodies.Bytes(CapturedBodies.HelmInstallUpdateRelease));

        JsonAssert.Equal(
            """{"kind":"Secret","apiVersion":"v1","metadata":{"labels":{"modifiedAt":"1795671934","name":"rel1","owner":"helm","status":"deployed","version":"1"},"name":"sh.helm.release.v1.rel1.v1"},"data":{"release":"SDRzSUFBQUFBQUFDLzVTUXdXcnpNQXpIWCtWRFp6ZklTWnFQK2cxMkx6djBVa1NpVURNNU5yRlNLS1h2UHB4dURXT25nUTZXc0gvKy8zU0hpUUtEZzVuRmdnRS9qUkhjSFVZL1p6MFBuQ1RlZUFBSE5kYmR6dHBkM1IxeDc5cTlhOXFxK1g5b1dqeTAzUWtNQ1AzeHdjQzVuMzFTSHlkdzhEWmxKWkYvZlF4SldCa01aQ1ZkTWpoNFVSOEcrZ3ZOV2hJR1ZocElxWnkvSEFZT0VReGNlYzVQS0ZhMlFqQkF5YisvaHRlNmNDVDJIK0NtUmNTQWNraEN5dmw3Y0NWWnRpNzNGdzcwc3d0eFVMOStpb2gydDlZUjBhMVY3RVl2RzJHNy9Xc3J1Syt3Ym0ySHphRTdsV0N2OU5hc1hqbFIvNVFiYVJGZGJaTGN6b0gxRXN1aWN5WjRmQVlBQVAvL2taU3hRc2dCQUFBPQ=="},"type":"helm.sh/release.v1"}""",
            decoded);
    }

    [Fact]
    public void Release_payload_survives_as_helm_stored_it()
    {
        var decoded = KubeProtobuf.Decode(CapturedBodies.Bytes(CapturedBodies.HelmInstallUpdateRelease));

        // Secret.data holds helm's own base64 text, so JSON carries base64(base64(gzip(release JSON))); reading it
        // back the way helm's storage driver does must give the release.
        var helmText = Convert.FromBase64String(decoded["data"]!["release"]!.GetValue<string>());
        using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(helmText))), CompressionMode.Decompress);
        var release = JsonNode.Parse(gzip)!;
        Assert.Equal("rel1", release["name"]!.GetValue<string>());
        Assert.Equal("deployed", release["info"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public void Decodes_the_empty_delete_options_of_helm_uninstall()
    {
        var decoded = KubeProtobuf.Decode(CapturedBodies.Bytes(CapturedBodies.HelmUninstallDeleteOptions));

        JsonAssert.Equal("""{"kind":"DeleteOptions","apiVersion":"v1"}""", decoded);
    }
}
