using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.BadInput;

/// <summary>
/// Issue 10 part 4: every request of <see cref="BadInputCases"/> goes over HTTP to the real process and must get the
/// apiserver's status code, Status.reason and exact message, and leave the store as it was: the namespace's
/// configmaps, secrets, services, replicasets and deployments (names and resourceVersions) are listed before and
/// after each request and must be identical.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class BadInputTableTests(EmulatorFixture fixture)
{
    private static readonly string[] TouchedCollections =
    [
        "/api/v1/namespaces/{ns}/configmaps", "/api/v1/namespaces/{ns}/secrets", "/api/v1/namespaces/{ns}/services",
        "/apis/apps/v1/namespaces/{ns}/replicasets", "/apis/apps/v1/namespaces/{ns}/deployments",
    ];

    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private static string? sharedNamespace;

    public static TheoryData<string> CaseNames() => [.. BadInputCases.All.Select(c => c.Name)];

    [Fact]
    public void The_table_covers_at_least_40_distinct_cases()
    {
        Assert.True(BadInputCases.All.Count >= 40, $"only {BadInputCases.All.Count} cases");
        Assert.Equal(BadInputCases.All.Count, BadInputCases.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_gets_the_real_status_and_changes_nothing(string caseName)
    {
        var badCase = BadInputCases.All.Single(c => c.Name == caseName);
        var ns = await NamespaceAsync();
        using var http = new HttpClient { BaseAddress = fixture.Emulator.HttpUri, Timeout = TimeSpan.FromSeconds(60) };

        var before = await SnapshotAsync(http, ns);
        var (code, body) = await SendAsync(http, badCase, ns);
        var after = await SnapshotAsync(http, ns);

        var expectedMessage = badCase.Message.Replace("{ns}", ns, StringComparison.Ordinal);
        var status = ParseStatus(body);
        var problems = new List<string>();
        if (code != badCase.Code) problems.Add($"HTTP {code}, expected {badCase.Code}");
        if (status is null) problems.Add("the body is not a Status object");
        else
        {
            if ((string?)status["kind"] != "Status") problems.Add($"kind {status["kind"]?.ToJsonString()}");
            if ((string?)status["status"] != "Failure") problems.Add($"status {status["status"]?.ToJsonString()}");
            if ((int?)status["code"] != badCase.Code) problems.Add($"Status.code {status["code"]?.ToJsonString()}");
            if ((string?)status["reason"] != badCase.Reason) problems.Add($"reason {status["reason"]?.ToJsonString()}, expected \"{badCase.Reason}\"");
            if ((string?)status["message"] != expectedMessage)
                problems.Add($"message\n  got:      {(string?)status["message"]}\n  expected: {expectedMessage}");
        }
        if (problems.Count > 0)
            throw new XunitException($"{badCase.Method} {badCase.Path}: {string.Join("; ", problems)}\n--- body ---\n{Truncate(body)}\n--- emulator ---\n{fixture.Emulator.RecentOutput()}");

        Assert.Equal(before, after);
    }

    private async Task<string> NamespaceAsync()
    {
        await SetupLock.WaitAsync();
        try
        {
            if (sharedNamespace is not null) return sharedNamespace;
            var ns = await fixture.CreateNamespaceAsync("badinput");
            await fixture.CreateConfigMapAsync(ns, "c1", new Dictionary<string, string> { ["a"] = "b" });
            await fixture.Api.CreateAsync(ApiPaths.Secrets(ns), """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s1"},"stringData":{"k":"v"}}""");
            await fixture.Api.CreateAsync($"/api/v1/namespaces/{ns}/services",
                """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"nothing-here"},"ports":[{"port":80}]}}""");
            return sharedNamespace = ns;
        }
        finally
        {
            SetupLock.Release();
        }
    }

    private static async Task<(int Code, string Body)> SendAsync(HttpClient http, BadInputCase badCase, string ns)
    {
        using var request = new HttpRequestMessage(new HttpMethod(badCase.Method), badCase.Path.Replace("{ns}", ns, StringComparison.Ordinal));
        if (badCase.Body is not null)
        {
            HttpContent content = badCase.Chunked
                ? new StreamContent(new UnknownLengthStream(badCase.Body))
                : new ByteArrayContent(badCase.Body);
            if (badCase.ContentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(badCase.ContentType);
            request.Content = content;
        }
        if (badCase.Accept is not null) request.Headers.TryAddWithoutValidation("Accept", badCase.Accept);
        using var response = await http.SendAsync(request);
        if (badCase.Chunked && request.Content?.Headers.ContentLength is not null)
            throw new XunitException("the chunked case sent a Content-Length");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every object of the touched kinds in the namespace, as "path name@resourceVersion".</summary>
    private static async Task<string> SnapshotAsync(HttpClient http, string ns)
    {
        var lines = new List<string>();
        foreach (var collection in TouchedCollections)
        {
            var path = collection.Replace("{ns}", ns, StringComparison.Ordinal);
            using var response = await http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new XunitException($"listing {path} for the snapshot: {(int)response.StatusCode} {text}");
            var list = JsonNode.Parse(text)!;
            foreach (var item in list["items"]!.AsArray())
                lines.Add($"{path} {item!["metadata"]!["name"]}@{item["metadata"]!["resourceVersion"]}");
        }
        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    private static JsonObject? ParseStatus(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string s) => s.Length > 2000 ? s[..2000] + "..." : s;

    /// <summary>A stream that hides its length, so HttpClient sends Transfer-Encoding: chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
