using System.Text;
using System.Text.Json;

namespace Emulator.Domain.OpenApi;

/// <summary>
/// The strict decoding errors of a raw JSON document that repeats keys, as sigs.k8s.io/json UnmarshalStrict reports
/// them while decoding: <c>unknown field "p"</c> for a key the type does not declare, <c>duplicate field "p"</c> for a
/// declared field or map key seen a second time, interleaved in document order, each message once, at most 100.
/// A field both unknown and repeated is only unknown. Parsed objects keep only the last of repeated keys, so this walk
/// reads the document itself; it runs only for bodies that repeat a key.
/// </summary>
public static class StrictFields
{
    private const int MaxErrors = 100;

    /// <summary>Errors decoding <paramref name="root"/> into <paramref name="schema"/>; null decodes into a generic map.</summary>
    public static List<string> Check(JsonElement root, TypeSchema? schema)
    {
        var walker = new Walker();
        walker.Value(root, schema);
        return walker.Errors;
    }

    private sealed class Walker
    {
        private readonly List<(string? Key, int Index)> _path = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        public List<string> Errors { get; } = [];

        public void Value(JsonElement e, TypeSchema? schema)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object when schema is null || schema.Kind is SchemaKind.Object or SchemaKind.Map:
                    Object(e, schema);
                    break;
                case JsonValueKind.Array when schema is null || schema.Kind == SchemaKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray())
                    {
                        _path.Add((null, i++));
                        Value(item, schema?.Items);
                        _path.RemoveAt(_path.Count - 1);
                    }
                    break;
            }
        }

        private void Object(JsonElement e, TypeSchema? schema)
        {
            HashSet<string>? keys = null;
            foreach (var p in e.EnumerateObject())
            {
                TypeSchema? child;
                if (schema is null) child = null;
                else if (schema.Kind == SchemaKind.Map) child = schema.Items;
                else if (schema.Field(p.Name) is { } field) child = field.Schema;
                else
                {
                    Save("unknown field", p.Name);
                    continue;
                }
                if (!(keys ??= new HashSet<string>(StringComparer.Ordinal)).Add(p.Name)) Save("duplicate field", p.Name);
                _path.Add((p.Name, -1));
                // Free-form values (RawExtension, JSON) decode through their own unmarshalers, unchecked.
                if (child is null ? schema is null : child.Kind is SchemaKind.Object or SchemaKind.Map or SchemaKind.Array) Value(p.Value, child);
                _path.RemoveAt(_path.Count - 1);
            }
        }

        private void Save(string type, string leaf)
        {
            if (Errors.Count >= MaxErrors) return;
            var sb = new StringBuilder();
            foreach (var (key, index) in _path) UnknownFields.Append(sb, key, index);
            UnknownFields.Append(sb, leaf, -1);
            var message = $"{type} \"{sb}\"";
            if (_seen.Add(message)) Errors.Add(message);
        }
    }
}
