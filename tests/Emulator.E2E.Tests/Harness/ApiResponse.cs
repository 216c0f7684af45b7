using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Harness;

/// <summary>One raw HTTP answer from the API, with the emulator's recent log for failure messages.</summary>
public sealed record ApiResponse(string Request, HttpStatusCode StatusCode, string? ContentType, string Body, string ServerOutput)
{
    public int Code => (int)StatusCode;

    /// <summary>The body as a JSON object; a body that is not one fails the test, showing what came back.</summary>
    public JsonObject Json()
    {
        try
        {
            return JsonNode.Parse(Body) as JsonObject ?? throw new XunitException($"Expected a JSON object body.\n{Describe()}");
        }
        catch (JsonException e)
        {
            throw new XunitException($"Expected a JSON body ({e.Message}).\n{Describe()}");
        }
    }

    public ApiResponse HasStatus(HttpStatusCode expected)
    {
        if (StatusCode != expected)
        {
            throw new XunitException($"Expected HTTP {(int)expected} {expected}.\n{Describe()}");
        }

        return this;
    }

    public string Describe() =>
        $"""
         request: {Request}
         status: {Code} {StatusCode}
         content-type: {ContentType}
         --- body ---
         {Body}
         --- emulator output (last lines) ---
         {ServerOutput}
         """;
}
