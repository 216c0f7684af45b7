using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Http;

/// <summary>
/// GET and LIST answers carry a Content-Length that matches the body (no chunked encoding), as the apiserver's
/// do, and the list body written straight from the stored bytes is a well-formed list (docs/decisions/0010).
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ContentLengthTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Get_and_list_answers_have_a_content_length_equal_to_the_body_seen_by_curl()
    {
        var ns = await fixture.CreateNamespaceAsync("contentlength");
        for (var i = 0; i < 5; i++)
            await fixture.CreateConfigMapAsync(ns, $"cm-{i}", new Dictionary<string, string> { ["text"] = $"grüße {i} ✓" });

        var (getHeaders, getBody) = await CurlAsync($"/api/v1/namespaces/{ns}/configmaps/cm-3");
        AssertLength(getHeaders, getBody);
        Assert.Equal("grüße 3 ✓", (string?)JsonNode.Parse(getBody)!["data"]!["text"]);

        var (listHeaders, listBody) = await CurlAsync($"/api/v1/namespaces/{ns}/configmaps");
        AssertLength(listHeaders, listBody);
        var list = JsonNode.Parse(listBody)!;
        Assert.Equal("ConfigMapList", (string?)list["kind"]);
        Assert.Equal(["cm-0", "cm-1", "cm-2", "cm-3", "cm-4"], list["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));

        var (pageHeaders, pageBody) = await CurlAsync($"/api/v1/namespaces/{ns}/configmaps?limit=2");
        AssertLength(pageHeaders, pageBody);
        var page = JsonNode.Parse(pageBody)!;
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal(3, (long?)page["metadata"]!["remainingItemCount"]);
        Assert.False(string.IsNullOrEmpty((string?)page["metadata"]!["continue"]));

        var (emptyHeaders, emptyBody) = await CurlAsync($"/api/v1/namespaces/{ns}/secrets");
        AssertLength(emptyHeaders, emptyBody);
        Assert.Empty(JsonNode.Parse(emptyBody)!["items"]!.AsArray());
    }

    private static void AssertLength(string headers, string body)
    {
        var lines = headers.Split("\r\n");
        Assert.DoesNotContain(lines, l => l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase));
        var header = Assert.Single(lines, l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Encoding.UTF8.GetByteCount(body), int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>curl over HTTPS/1.1 with the admin token and the cluster CA: the response headers and the body.</summary>
    private async Task<(string Headers, string Body)> CurlAsync(string path)
    {
        var dir = TempDirs.Create("contentlength");
        try
        {
            return await CurlIntoAsync(path, Path.Combine(dir, "headers"), Path.Combine(dir, "body"));
        }
        finally
        {
            TempDirs.TryDelete(dir);
        }
    }

    private async Task<(string Headers, string Body)> CurlIntoAsync(string path, string headers, string body)
    {
        var emulator = fixture.Emulator;
        using var curl = Process.Start(new ProcessStartInfo("curl",
            ["-sS", "--http1.1", "--max-time", "30", "--noproxy", "*", "--cacert", emulator.CaPath, "-H", $"Authorization: Bearer {emulator.AdminToken}",
             "-D", headers, "-o", body, $"{emulator.ApiUri}{path.TrimStart('/')}"])
        {
            RedirectStandardError = true,
        })!;
        var stderr = curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        Assert.True(curl.ExitCode == 0, $"curl {path} exited {curl.ExitCode}: {await stderr}");
        return (await File.ReadAllTextAsync(headers), await File.ReadAllTextAsync(body, Encoding.UTF8));
    }
}
