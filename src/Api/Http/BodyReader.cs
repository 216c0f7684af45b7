using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Protobuf;
using Emulator.Domain.Resources;

namespace Emulator.Api.Http;

/// <summary>
/// Decodes request bodies in the three encodings clients send (JSON, YAML, Kubernetes protobuf) into JSON, and
/// checks the body's apiVersion/kind against the URL as the apiserver's decoder does.
/// </summary>
public static class BodyReader
{
    /// <summary>kube-apiserver's --max-request-bytes default for a single object (3 MiB).</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 100 };

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) throw StatusException.RequestEntityTooLarge("the server has received a request that is too large");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw StatusException.RequestEntityTooLarge("the server has received a request that is too large");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Parses a JSON document (any value) with the kube error wording for syntax errors.</summary>
    public static JsonNode? ParseJson(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: JsonOptions);
        }
        catch (JsonException e)
        {
            throw StatusException.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    public static JsonNode? ParseYaml(byte[] body)
    {
        try
        {
            return YamlJson.Parse(Encoding.UTF8.GetString(body));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw StatusException.BadRequest($"error converting YAML to JSON: yaml: {e.Message}");
        }
    }

    /// <summary>Reads an object body for create/update of <paramref name="kind"/>.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, ResourceKind kind, CancellationToken ct)
    {
        var bytes = await ReadBytesAsync(request, ct);
        var media = MediaTypes.Essence(request.ContentType);
        JsonNode? node = media switch
        {
            "" or MediaTypes.Json => ParseJson(bytes),
            MediaTypes.Yaml or "application/x-yaml" or "text/yaml" => ParseYaml(bytes),
            MediaTypes.Protobuf => DecodeProtobuf(bytes),
            _ => throw StatusException.UnsupportedMediaType(media),
        };
        if (node is not JsonObject obj)
            throw StatusException.BadRequest(bytes.Length == 0
                ? "the body of the request was empty"
                : $"couldn't get version/kind; json parse error: json: cannot unmarshal {JsonKind(node)} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}");
        CheckTypeMeta(obj, kind);
        return obj;
    }

    public static JsonObject DecodeProtobuf(byte[] bytes)
    {
        try
        {
            return KubeProtobuf.Decode(bytes);
        }
        catch (ProtobufDecodeException e)
        {
            throw StatusException.BadRequest(e.Message);
        }
    }

    /// <summary>A body for one kind posted to another is refused, as the apiserver's decoder refuses it.</summary>
    public static void CheckTypeMeta(JsonObject obj, ResourceKind kind)
    {
        var apiVersion = obj["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : null;
        var kindName = obj["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : null;
        if (obj["apiVersion"] is not null and not JsonValue || obj["kind"] is not null and not JsonValue)
            throw StatusException.BadRequest("couldn't get version/kind; json parse error: json: cannot unmarshal object into Go struct field .apiVersion of type string");
        if (string.IsNullOrEmpty(kindName) && string.IsNullOrEmpty(apiVersion)) return;
        if (kindName is not null && kindName.Length > 0 && kindName != kind.Kind)
            throw StatusException.BadRequest(
                $"the object provided is unrecognized (must be of type {kind.Kind}): couldn't decode {kindName} into {kind.Kind}");
        if (apiVersion is not null && apiVersion.Length > 0 && apiVersion != kind.ApiVersion)
            throw StatusException.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})");
    }

    private static string JsonKind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "bool",
        _ => "number",
    };
}
