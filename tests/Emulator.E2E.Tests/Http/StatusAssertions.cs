using System.Net;
using System.Text.Json.Nodes;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Http;

/// <summary>Checks that an error answer is a Kubernetes Status object with the expected reason and code.</summary>
internal static class StatusAssertions
{
    public static JsonObject IsStatus(this ApiResponse response, HttpStatusCode code, string reason)
    {
        response.HasStatus(code);
        var status = response.Json();
        var problems = new List<string>();
        Expect(status, "kind", "Status", problems);
        Expect(status, "apiVersion", "v1", problems);
        Expect(status, "status", "Failure", problems);
        Expect(status, "reason", reason, problems);
        if ((int?)status["code"] != (int)code)
        {
            problems.Add($"code is {status["code"]?.ToJsonString() ?? "missing"}, expected {(int)code}");
        }

        if (problems.Count > 0)
        {
            throw new XunitException($"Not the expected Status ({string.Join("; ", problems)}).\n{response.Describe()}");
        }

        return status;
    }

    private static void Expect(JsonObject status, string field, string expected, List<string> problems)
    {
        if ((string?)status[field] != expected)
        {
            problems.Add($"{field} is {status[field]?.ToJsonString() ?? "missing"}, expected \"{expected}\"");
        }
    }
}
