using System.Text.Json.Nodes;

namespace Emulator.Domain.Tests.Printing;

/// <summary>A fixed clock and JSON helpers shared by the printer tests.</summary>
internal static class PrinterFixtures
{
    /// <summary>Ten minutes after <see cref="Created"/>, so every Age cell below reads "10m".</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:10:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public const string Created = "2026-01-01T00:00:00Z";

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>
    /// The object written by the JSON members in <paramref name="body"/>, its metadata completed with the name,
    /// namespace "default" and the fixed creation time unless the body sets them.
    /// </summary>
    public static JsonObject Object(string name, string body = "")
    {
        var obj = Parse("{" + body + "}");
        if (obj["metadata"] is not JsonObject meta) obj["metadata"] = meta = new JsonObject();
        if (!meta.ContainsKey("name")) meta["name"] = name;
        if (!meta.ContainsKey("namespace")) meta["namespace"] = "default";
        if (!meta.ContainsKey("creationTimestamp")) meta["creationTimestamp"] = Created;
        return obj;
    }
}
