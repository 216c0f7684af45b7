using System.Text;
using System.Text.Json.Nodes;

namespace Emulator.Domain.OpenApi;

/// <summary>
/// Fields an object carries that its Go type does not declare. The apiserver decodes every body into the kind's Go
/// struct, so such fields never reach storage (whatever fieldValidation says); the strict decoder
/// (sigs.k8s.io/json UnmarshalStrict) names them by path, <c>spec.template.spec.containers[0].imagee</c>. One walk both
/// finds and prunes; path strings are only built for fields actually unknown, so a clean body costs dictionary lookups.
/// </summary>
public static class UnknownFields
{
    /// <summary>The unknown fields' paths, in document order; <paramref name="obj"/> is left as it is.</summary>
    public static IReadOnlyList<string> Find(JsonObject obj, TypeSchema schema)
    {
        var found = new List<string>();
        new Walker(found, prune: false, sortedKeys: false).Object(obj, schema);
        return found;
    }

    /// <summary>
    /// Removes every unknown field of <paramref name="obj"/>, at any depth, and adds their paths to
    /// <paramref name="found"/> when given: in document order, or in key order when <paramref name="sortedKeys"/>
    /// (a body the apiserver saw as a Go map first: YAML, patches).
    /// </summary>
    public static void Prune(JsonObject obj, TypeSchema schema, List<string>? found = null, bool sortedKeys = false) =>
        new Walker(found, prune: true, sortedKeys).Object(obj, schema);

    private readonly struct Segment(string? key, int index)
    {
        public string? Key { get; } = key;
        public int Index { get; } = index;
    }

    private sealed class Walker(List<string>? found, bool prune, bool sortedKeys)
    {
        private readonly List<Segment> _path = [];

        public void Object(JsonObject o, TypeSchema schema)
        {
            List<string>? unknown = null;
            foreach (var (key, value) in sortedKeys ? o.OrderBy(p => p.Key, StringComparer.Ordinal) : (IEnumerable<KeyValuePair<string, JsonNode?>>)o)
            {
                if (schema.Field(key) is { } field)
                {
                    if (value is JsonObject or JsonArray) Descend(key, -1, value, field.Schema);
                    continue;
                }
                (unknown ??= []).Add(key);
                found?.Add(Render(key));
            }
            if (prune && unknown is not null)
                foreach (var key in unknown) o.Remove(key);
        }

        private void Descend(string? key, int index, JsonNode value, TypeSchema schema)
        {
            _path.Add(new Segment(key, index));
            switch (schema.Kind)
            {
                case SchemaKind.Object when value is JsonObject o:
                    Object(o, schema);
                    break;
                case SchemaKind.Array when value is JsonArray a && schema.Items is { Kind: SchemaKind.Object or SchemaKind.Array or SchemaKind.Map } items:
                    for (var i = 0; i < a.Count; i++)
                        if (a[i] is JsonObject or JsonArray) Descend(null, i, a[i]!, items);
                    break;
                case SchemaKind.Map when value is JsonObject m && schema.Items is { Kind: SchemaKind.Object or SchemaKind.Array or SchemaKind.Map } values:
                    // Map keys are data, not fields: only the values are checked.
                    foreach (var (k, v) in m)
                        if (v is JsonObject or JsonArray) Descend(k, -1, v, values);
                    break;
            }
            _path.RemoveAt(_path.Count - 1);
        }

        private string Render(string leaf)
        {
            var sb = new StringBuilder();
            foreach (var s in _path) Append(sb, s);
            Append(sb, new Segment(leaf, -1));
            return sb.ToString();
        }
    }

    /// <summary>sigs.k8s.io/json's strict field stack: keys joined by dots, list indexes in brackets.</summary>
    internal static void Append(StringBuilder sb, string? key, int index)
    {
        if (key is null) sb.Append('[').Append(index).Append(']');
        else
        {
            if (sb.Length > 0) sb.Append('.');
            sb.Append(key);
        }
    }

    private static void Append(StringBuilder sb, Segment s) => Append(sb, s.Key, s.Index);
}
