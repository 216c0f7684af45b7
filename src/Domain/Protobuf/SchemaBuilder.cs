using System.Collections.Frozen;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// Collects the hand-written schema tables (<see cref="MetaV1Schema"/>, <see cref="CoreV1Schema"/>, ...) and checks
/// them as a whole: a typo in a message name or a duplicated field number fails at type initialisation (and in the
/// schema tests) instead of silently mis-decoding a request.
/// </summary>
internal sealed class SchemaBuilder
{
    private readonly Dictionary<string, MessageBuilder> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SpecialKind> _specials = new(StringComparer.Ordinal);

    public MessageBuilder Message(string name)
    {
        if (_messages.ContainsKey(name) || _specials.ContainsKey(name))
            throw new InvalidOperationException($"protobuf schema: message {name} is declared twice");
        var builder = new MessageBuilder(name);
        _messages.Add(name, builder);
        return builder;
    }

    public void Special(string name, SpecialKind kind)
    {
        if (_messages.ContainsKey(name) || !_specials.TryAdd(name, kind))
            throw new InvalidOperationException($"protobuf schema: message {name} is declared twice");
    }

    public FrozenDictionary<string, ProtoMessage> Build()
    {
        var messages = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal);
        foreach (var (name, kind) in _specials)
            messages.Add(name, new ProtoMessage(name, kind, FrozenDictionary<int, ProtoField>.Empty));
        foreach (var (name, builder) in _messages)
            messages.Add(name, new ProtoMessage(name, SpecialKind.None, builder.Fields.ToFrozenDictionary()));

        foreach (var message in messages.Values)
        {
            var jsonNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in message.Fields.Values)
            {
                if (!field.Inline && !jsonNames.Add(field.JsonName))
                    throw new InvalidOperationException($"protobuf schema: {message.Name}.{field.JsonName} is declared twice");
                if (field.MessageName is null)
                    continue;
                if (!messages.TryGetValue(field.MessageName, out var target))
                    throw new InvalidOperationException(
                        $"protobuf schema: {message.Name}.{field.JsonName} refers to unknown message {field.MessageName}");
                if (field.Inline && target.Special != SpecialKind.None)
                    throw new InvalidOperationException($"protobuf schema: {message.Name} cannot inline {target.Name}");
                field.Message = target;
            }
        }
        return messages.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>Fluent declaration of one message's fields, mirroring the lines of its generated.proto.</summary>
internal sealed class MessageBuilder(string name)
{
    internal Dictionary<int, ProtoField> Fields { get; } = [];

    public MessageBuilder String(int number, string json, bool keepZero = false) =>
        Add(number, json, FieldShape.Single, ProtoScalar.String, null, keepZero);

    public MessageBuilder Bool(int number, string json, bool keepZero = false) =>
        Add(number, json, FieldShape.Single, ProtoScalar.Bool, null, keepZero);

    public MessageBuilder Int32(int number, string json, bool keepZero = false) =>
        Add(number, json, FieldShape.Single, ProtoScalar.Int32, null, keepZero);

    public MessageBuilder Int64(int number, string json, bool keepZero = false) =>
        Add(number, json, FieldShape.Single, ProtoScalar.Int64, null, keepZero);

    public MessageBuilder Strings(int number, string json) =>
        Add(number, json, FieldShape.Repeated, ProtoScalar.String, null, keepZero: false);

    public MessageBuilder Int32s(int number, string json) =>
        Add(number, json, FieldShape.Repeated, ProtoScalar.Int32, null, keepZero: false);

    public MessageBuilder Int64s(int number, string json) =>
        Add(number, json, FieldShape.Repeated, ProtoScalar.Int64, null, keepZero: false);

    public MessageBuilder Message(int number, string json, string type) =>
        Add(number, json, FieldShape.Single, null, type, keepZero: false);

    public MessageBuilder Messages(int number, string json, string type) =>
        Add(number, json, FieldShape.Repeated, null, type, keepZero: false);

    /// <summary>An embedded Go struct (<c>json:",inline"</c>); the JSON name is only used in error messages.</summary>
    public MessageBuilder Inline(int number, string type) =>
        Add(number, type, FieldShape.Single, null, type, keepZero: false, inline: true);

    public MessageBuilder StringMap(int number, string json) =>
        Add(number, json, FieldShape.Map, ProtoScalar.String, null, keepZero: false);

    public MessageBuilder BytesMap(int number, string json) =>
        Add(number, json, FieldShape.Map, ProtoScalar.Bytes, null, keepZero: false);

    public MessageBuilder QuantityMap(int number, string json) =>
        Add(number, json, FieldShape.Map, null, WellKnownSchema.Quantity, keepZero: false);

    private MessageBuilder Add(
        int number, string json, FieldShape shape, ProtoScalar? scalar, string? type, bool keepZero, bool inline = false)
    {
        if (number <= 0 || !Fields.TryAdd(number, new ProtoField(json, shape, scalar, type, keepZero, inline)))
            throw new InvalidOperationException($"protobuf schema: {name} field number {number} is invalid or declared twice");
        return this;
    }
}
