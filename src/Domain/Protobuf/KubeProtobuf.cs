using System.Text;
using System.Text.Json.Nodes;

namespace Emulator.Domain.Protobuf;

/// <summary>
/// Decodes Kubernetes protobuf request bodies (what kubectl's typed clients and helm's release storage send,
/// with no JSON fallback) into the JSON object the same client would have sent as application/json.
/// </summary>
public static class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    internal static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>
    /// Decodes the "k8s\0" envelope (runtime.Unknown) and the object inside it.
    /// Returns the object as JSON including "apiVersion" and "kind" taken from the envelope's typeMeta.
    /// Throws <see cref="ProtobufDecodeException"/> (with a human message) on a bad magic, truncated/malformed data,
    /// or an apiVersion/kind we have no schema for.
    /// </summary>
    public static JsonObject Decode(ReadOnlySpan<byte> body) => Decode(body, depth: 0);

    /// <summary>The envelope's typeMeta alone; throws for a body whose envelope (runtime.Unknown) does not parse.</summary>
    public static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
            throw new ProtobufDecodeException("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        var envelope = UnknownEnvelope.Read(body[Magic.Length..]);
        return (envelope.ApiVersion, envelope.Kind);
    }

    public static bool IsKnown(string apiVersion, string kind) => KubeKinds.Find(apiVersion, kind) is not null;

    internal static JsonObject Decode(ReadOnlySpan<byte> body, int depth)
    {
        if (!body.StartsWith(Magic))
            throw new ProtobufDecodeException("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");

        var envelope = UnknownEnvelope.Read(body[Magic.Length..]);
        if (envelope.ContentEncoding.Length > 0)
            throw new ProtobufDecodeException($"unsupported protobuf content encoding \"{envelope.ContentEncoding}\"");
        if (envelope.ContentType.Length > 0 && envelope.ContentType != MediaType)
            throw new ProtobufDecodeException($"unsupported protobuf envelope content type \"{envelope.ContentType}\"");
        if (envelope.ApiVersion.Length == 0 || envelope.Kind.Length == 0)
            throw new ProtobufDecodeException("the protobuf envelope does not name the object's apiVersion and kind");

        var messageName = KubeKinds.Find(envelope.ApiVersion, envelope.Kind)
            ?? throw new ProtobufDecodeException(
                $"no protobuf decoding for kind {envelope.Kind} in {envelope.ApiVersion}; send it as application/json");

        var result = new JsonObject { ["apiVersion"] = envelope.ApiVersion, ["kind"] = envelope.Kind };
        ProtoDecoder.DecodeInto(envelope.Raw, ProtoSchema.Get(messageName), result, depth + 1);
        return result;
    }

    /// <summary>
    /// runtime.Unknown from kubernetes/apimachinery pkg/runtime/generated.proto:
    /// {1: typeMeta {1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}.
    /// </summary>
    private readonly ref struct UnknownEnvelope(
        string apiVersion, string kind, ReadOnlySpan<byte> raw, string contentEncoding, string contentType)
    {
        public string ApiVersion { get; } = apiVersion;
        public string Kind { get; } = kind;
        public ReadOnlySpan<byte> Raw { get; } = raw;
        public string ContentEncoding { get; } = contentEncoding;
        public string ContentType { get; } = contentType;

        public static UnknownEnvelope Read(ReadOnlySpan<byte> data)
        {
            string apiVersion = "", kind = "", contentEncoding = "", contentType = "";
            var raw = ReadOnlySpan<byte>.Empty;
            var reader = new ProtoReader(data);
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field is < 1 or > 4)
                {
                    reader.Skip(wire);
                    continue;
                }
                if (wire != ProtoWireType.LengthDelimited)
                    throw new ProtobufDecodeException($"malformed protobuf envelope: field {field} has wire type {(int)wire}");
                var value = reader.ReadLengthDelimited();
                switch (field)
                {
                    case 1:
                        (apiVersion, kind) = ReadTypeMetaField(value);
                        break;
                    case 2:
                        raw = value;
                        break;
                    case 3:
                        contentEncoding = Encoding.UTF8.GetString(value);
                        break;
                    default:
                        contentType = Encoding.UTF8.GetString(value);
                        break;
                }
            }
            return new UnknownEnvelope(apiVersion, kind, raw, contentEncoding, contentType);
        }

        internal static (string ApiVersion, string Kind) ReadTypeMetaField(ReadOnlySpan<byte> data)
        {
            string apiVersion = "", kind = "";
            var reader = new ProtoReader(data);
            while (!reader.AtEnd)
            {
                var (field, wire) = reader.ReadTag();
                if (field is 1 or 2 && wire == ProtoWireType.LengthDelimited)
                {
                    var value = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    if (field == 1)
                        apiVersion = value;
                    else
                        kind = value;
                }
                else if (field is 1 or 2)
                {
                    throw new ProtobufDecodeException($"malformed protobuf envelope: typeMeta field {field} has wire type {(int)wire}");
                }
                else
                {
                    reader.Skip(wire);
                }
            }
            return (apiVersion, kind);
        }
    }
}
