using System.Text.Json.Nodes;

namespace Emulator.Api.Http;

/// <summary>A decoded create/update body, with its media type and bytes as sent (field validation reads both).</summary>
public sealed record RequestBody(JsonObject Object, string Media, byte[] Bytes, bool RepeatedKeys);
