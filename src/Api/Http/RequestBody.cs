using System.Text.Json.Nodes;

namespace Emulator.Api.Http;

/// <summary>
/// A decoded create/update body, with its media type and bytes as sent (field validation reads both): whether a JSON
/// object repeats a key, and go-yaml's strict errors for repeated YAML keys.
/// </summary>
public sealed record RequestBody(JsonObject Object, string Media, byte[] Bytes, bool RepeatedKeys, IReadOnlyList<string>? YamlRepeats = null);
