using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulator.Infrastructure.Storage;

/// <summary>One serializer setting for everything we store and answer, so bytes in the store are bytes on the wire.</summary>
public static class JsonText
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    public static JsonObject ParseObject(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("stored body is not a JSON object");
}
