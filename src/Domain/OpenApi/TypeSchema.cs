using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Emulator.Domain.OpenApi;

/// <summary>
/// The schema of one k8s.Models type, read by reflection from its JSON property names and CLR types. It is the one
/// source for strategic-merge metadata, unknown-field detection, server-side apply field sets and the OpenAPI
/// document, as kube-apiserver derives all of them from the Go types. Properties are built lazily (types recurse).
/// </summary>
public sealed class TypeSchema
{
    private static readonly ConcurrentDictionary<Type, TypeSchema> Cache = new();
    private static readonly TypeSchema AnySchema = new(SchemaKind.Any, typeof(object));
    private readonly Lazy<IReadOnlyDictionary<string, FieldSchema>> _properties;

    private TypeSchema(SchemaKind kind, Type clrType, TypeSchema? items = null)
    {
        Kind = kind;
        ClrType = clrType;
        Items = items;
        _properties = new Lazy<IReadOnlyDictionary<string, FieldSchema>>(
            () => kind == SchemaKind.Object ? ReadProperties(clrType) : new Dictionary<string, FieldSchema>());
    }

    public SchemaKind Kind { get; }

    /// <summary>The model type (for objects) or the value type.</summary>
    public Type ClrType { get; }

    /// <summary>Element schema of an array, value schema of a map.</summary>
    public TypeSchema? Items { get; }

    /// <summary>Properties of an object type, by JSON name, in declaration order.</summary>
    public IReadOnlyDictionary<string, FieldSchema> Properties => _properties.Value;

    public static TypeSchema Any => AnySchema;

    public FieldSchema? Field(string name) => Properties.GetValueOrDefault(name);

    public static TypeSchema For(Type type) => Cache.GetOrAdd(type, Build);

    private static TypeSchema Build(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return new(SchemaKind.String, t);
        if (t == typeof(bool)) return new(SchemaKind.Boolean, t);
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return new(SchemaKind.Integer, t);
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return new(SchemaKind.Number, t);
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset)) return new(SchemaKind.DateTime, t);
        if (t == typeof(byte[])) return new(SchemaKind.Bytes, t);
        if (t == typeof(IntOrString)) return new(SchemaKind.IntOrString, t);
        if (t == typeof(ResourceQuantity)) return new(SchemaKind.Quantity, t);
        if (t == typeof(object) || t.Name.StartsWith("JsonElement", StringComparison.Ordinal)) return AnySchema;
        if (t.IsGenericType && t.GetGenericArguments() is { Length: 2 } kv && typeof(IEnumerable).IsAssignableFrom(t))
            return new(SchemaKind.Map, t, For(kv[1]));
        if (t.IsGenericType && t.GetGenericArguments() is { Length: 1 } el && typeof(IEnumerable).IsAssignableFrom(t))
            return new(SchemaKind.Array, t, For(el[0]));
        if (t.IsClass && t.Namespace == "k8s.Models") return new(SchemaKind.Object, t);
        return AnySchema;
    }

    private static Dictionary<string, FieldSchema> ReadProperties(Type type)
    {
        var result = new Dictionary<string, FieldSchema>(StringComparer.Ordinal);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name) continue;
            result[name.Name] = new FieldSchema(name.Name, p.Name, For(p.PropertyType), PatchMetaTable.Lookup(type, name.Name));
        }
        return result;
    }
}
