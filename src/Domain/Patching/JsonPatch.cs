using System.Globalization;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Patching;

/// <summary>RFC 6902 JSON patch (add, remove, replace, move, copy, test) over JSON nodes, with RFC 6901 pointers.</summary>
public static class JsonPatch
{
    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        var doc = document?.DeepClone();
        foreach (var opNode in operations)
        {
            if (opNode is not JsonObject op) throw new PatchException("invalid JSON patch operation: not an object");
            var name = op["op"]?.GetValue<string>() ?? throw new PatchException("Unexpected kind: missing op");
            var path = op["path"]?.GetValue<string>() ?? throw new PatchException($"missing path in \"{name}\" operation");
            switch (name)
            {
                case "add": doc = Add(doc, path, Value(op, name)); break;
                case "remove": doc = Remove(doc, path, out _); break;
                case "replace":
                    Get(doc, path);
                    doc = Remove(doc, path, out _);
                    doc = Add(doc, path, Value(op, name));
                    break;
                case "move":
                {
                    var from = op["from"]?.GetValue<string>() ?? throw new PatchException("missing from in \"move\" operation");
                    doc = Remove(doc, from, out var moved);
                    doc = Add(doc, path, moved);
                    break;
                }
                case "copy":
                {
                    var from = op["from"]?.GetValue<string>() ?? throw new PatchException("missing from in \"copy\" operation");
                    doc = Add(doc, path, Get(doc, from)?.DeepClone());
                    break;
                }
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), op["value"])) throw new PatchException($"testing value {path} failed: test failed");
                    break;
                default: throw new PatchException($"Unexpected kind: {name}");
            }
        }
        return doc;
    }

    private static JsonNode? Value(JsonObject op, string name) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw new PatchException($"missing value in \"{name}\" operation");

    private static List<string> Tokens(string pointer)
    {
        if (pointer.Length == 0) return [];
        if (pointer[0] != '/') throw new PatchException($"invalid JSON pointer: \"{pointer}\"");
        return [.. pointer[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~"))];
    }

    private static JsonNode? Get(JsonNode? doc, string pointer)
    {
        var node = doc;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) => child,
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw new PatchException($"doc is missing path: \"{pointer}\": missing value"),
            };
        }
        return node;
    }

    private static JsonNode? Add(JsonNode? doc, string pointer, JsonNode? value)
    {
        var tokens = Tokens(pointer);
        if (tokens.Count == 0) return value;
        var parent = Get(doc, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a:
                if (last == "-") a.Add(value);
                else if (int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count) a.Insert(i, value);
                else throw new PatchException($"add operation does not apply: doc is missing path: \"{pointer}\"");
                break;
            default: throw new PatchException($"add operation does not apply: doc is missing path: \"{pointer}\"");
        }
        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string pointer, out JsonNode? removed)
    {
        var tokens = Tokens(pointer);
        if (tokens.Count == 0) { removed = doc; return null; }
        var parent = Get(doc, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                removed = o[last];
                o.Remove(last);
                removed = removed?.DeepClone();
                return doc;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                removed = a[i]?.DeepClone();
                a.RemoveAt(i);
                return doc;
            default:
                throw new PatchException($"doc is missing path: \"{pointer}\": missing value");
        }
    }

    private static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");
}
