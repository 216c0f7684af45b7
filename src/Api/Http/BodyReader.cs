using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Protobuf;
using Emulator.Domain.Resources;

namespace Emulator.Api.Http;

/// <summary>
/// Decodes request bodies in the three encodings clients send (JSON, YAML, Kubernetes protobuf) into JSON, and
/// checks the body's apiVersion/kind against the URL, answering every failure in the apiserver's words:
/// apiserver endpoints/handlers/rest.go (limitedReadBody, transformDecodeError, summarizeData),
/// apimachinery runtime/serializer/json/meta.go (Interpret), serializer/protobuf/protobuf.go (prefix checks),
/// runtime/scheme.go (NewNotRegisteredErrForKind) and conversion/converter.go ("unknown conversion").
/// </summary>
public static class BodyReader
{
    /// <summary>kube-apiserver's MaxRequestBodyBytes default for one object (3 MiB).</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>The scheme every built-in kind lives in, as its name appears in "no kind ... is registered" errors.</summary>
    public const string LegacyScheme = "pkg/api/legacyscheme/scheme.go:30";

    private const string FindKindType =
        "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = GoJsonSyntax.MaxNestingDepth + 1 };

    /// <summary>Go's words for a document nested too deep (a protobuf or patch result deeper than the emulator holds).</summary>
    public const string TooDeep = "invalid character '{' exceeded max depth";

    public static StatusException TooLarge() => StatusException.RequestEntityTooLarge($"Request entity too large: limit is {MaxBodyBytes}");

    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Parses JSON as Go's encoding/json would accept it. Returns Go's syntax error text in <paramref name="error"/>
    /// (no prefix: each caller words its own frame).
    /// </summary>
    public static bool TryParseJson(ReadOnlySpan<byte> body, out JsonNode? node, out string? error) =>
        TryParseJson(body, out node, out error, out _);

    /// <summary>As above; <paramref name="repeatedKeys"/> tells whether some object repeats a key (the last one was kept).</summary>
    public static bool TryParseJson(ReadOnlySpan<byte> body, out JsonNode? node, out string? error, out bool repeatedKeys)
    {
        node = null;
        repeatedKeys = false;
        error = GoJsonSyntax.Check(body);
        if (error is not null) return false;
        node = ParseValidJson(body, out repeatedKeys);
        return true;
    }

    private static JsonNode? ParseValidJson(ReadOnlySpan<byte> body, out bool repeatedKeys)
    {
        repeatedKeys = false;
        // Go decodes invalid UTF-8 and unpaired surrogate escapes to U+FFFD; System.Text.Json would throw later, on
        // first read of the string (fuzzing finding), so the text is made valid before parsing.
        var text = System.Text.Unicode.Utf8.IsValid(body) ? body.ToArray() : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body));
        ReplaceUnpairedSurrogateEscapes(text);
        try
        {
            return Materialize(JsonNode.Parse(text, documentOptions: JsonOptions));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Go takes invalid UTF-8 as U+FFFD and the last of duplicate keys; System.Text.Json refuses both.
            repeatedKeys = true;
            return Rebuild(JsonDocument.Parse(text, JsonOptions).RootElement);
        }
    }

    /// <summary>Rewrites \uD800-\uDFFF escapes that are not a high-low pair to \ufffd, in place (same length).</summary>
    private static void ReplaceUnpairedSurrogateEscapes(byte[] json)
    {
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (!inString) { inString = c == '"'; continue; }
            if (c == '"') { inString = false; continue; }
            if (c != '\\' || i + 1 >= json.Length) continue;
            if (json[i + 1] != 'u' || i + 5 >= json.Length) { i++; continue; }
            var unit = Hex4(json, i + 2);
            if (unit is >= 0xD800 and <= 0xDBFF && i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u'
                && Hex4(json, i + 8) is >= 0xDC00 and <= 0xDFFF)
            {
                i += 11;
                continue;
            }
            if (unit is >= 0xD800 and <= 0xDFFF) "\\ufffd"u8.CopyTo(json.AsSpan(i));
            i += 5;
        }
    }

    private static int Hex4(byte[] json, int at) =>
        int.TryParse(Encoding.ASCII.GetString(json, at, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var v) ? v : -1;

    // JsonNode builds objects lazily; touching every object here moves a duplicate-key failure into ParseValidJson.
    private static JsonNode? Materialize(JsonNode? root)
    {
        var pending = new Stack<JsonNode?>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject o: foreach (var (_, v) in o) pending.Push(v); break;
                case JsonArray a: foreach (var v in a) pending.Push(v); break;
            }
        }
        return root;
    }

    private static JsonNode? Rebuild(JsonElement element)
    {
        JsonNode? Leaf(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => new JsonObject(),
            JsonValueKind.Array => new JsonArray(),
            JsonValueKind.Null => null,
            _ => JsonValue.Create(e),
        };
        var root = Leaf(element);
        var pending = new Stack<(JsonElement, JsonNode?)>();
        pending.Push((element, root));
        while (pending.Count > 0)
        {
            var (e, node) = pending.Pop();
            if (node is JsonObject o)
            {
                foreach (var p in e.EnumerateObject())
                {
                    var child = Leaf(p.Value);
                    o[p.Name] = child;
                    pending.Push((p.Value, child));
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var item in e.EnumerateArray())
                {
                    var child = Leaf(item);
                    a.Add(child);
                    pending.Push((item, child));
                }
            }
        }
        return root;
    }

    /// <summary>A JSON body that is not an object (delete options, scale): Go's syntax error, as a 400.</summary>
    public static JsonNode? ParseJson(byte[] body) =>
        TryParseJson(body, out var node, out var error) ? node : throw StatusException.BadRequest(error!);

    /// <summary>YAML to JSON as sigs.k8s.io/yaml YAMLToJSON does; the error is go-yaml's "yaml: line N: ..." text.</summary>
    public static bool TryParseYaml(byte[] body, out JsonNode? node, out string? error) => TryParseYaml(body, out node, out error, null);

    /// <summary>As above, collecting go-yaml's strict "key already set in map" errors in <paramref name="repeatedKeys"/>.</summary>
    public static bool TryParseYaml(byte[] body, out JsonNode? node, out string? error, List<string>? repeatedKeys)
    {
        node = null;
        error = null;
        var text = Encoding.UTF8.GetString(body);
        try
        {
            node = YamlJson.Parse(text, repeatedKeys);
            return true;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            error = GoYamlError(e, text);
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException && e.StackTrace?.Contains("YamlDotNet", StringComparison.Ordinal) == true)
        {
            // YamlDotNet's scanner can fail on some malformed input with a bare InvalidOperationException (fuzzing finding).
            error = "yaml: did not find expected node content";
            return false;
        }
    }

    /// <summary>YAML bodies outside create/update (apply patches, scale): the sigs.k8s.io/yaml Unmarshal wording.</summary>
    public static JsonNode? ParseYaml(byte[] body) =>
        TryParseYaml(body, out var node, out var error) ? node : throw StatusException.BadRequest($"error converting YAML to JSON: {error}");

    /// <summary>go-yaml words its problems "yaml: line N: problem"; YamlDotNet's carry context and a full stop.</summary>
    public static string GoYamlError(YamlDotNet.Core.YamlException e, string text)
    {
        var message = e.InnerException is YamlDotNet.Core.YamlException inner ? inner.Message : e.Message;
        var problem = message.TrimEnd('.');
        var comma = problem.StartsWith("While ", StringComparison.Ordinal) ? problem.IndexOf(", ", StringComparison.Ordinal) : -1;
        if (comma > 0) problem = problem[(comma + 2)..];
        var line = (long)e.Start.Line;
        if (problem.Contains("tab", StringComparison.OrdinalIgnoreCase) || problem.Contains("cannot start any token", StringComparison.Ordinal))
        {
            // go-yaml's scanner stops at the first line indented with a tab; YamlDotNet points at the enclosing block.
            problem = "found character that cannot start any token";
            var lines = text.Split('\n');
            var tabbed = Array.FindIndex(lines, l => l.TrimStart(' ').StartsWith('\t'));
            if (tabbed >= 0) line = tabbed + 1;
        }
        if (problem.Length > 0) problem = char.ToLowerInvariant(problem[0]) + problem[1..];
        return line > 0 ? $"yaml: line {line}: {problem}" : $"yaml: {problem}";
    }

    /// <summary>Reads an object body for create/update of <paramref name="kind"/>, checked as the apiserver's decoder checks it.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, ResourceKind kind, CancellationToken ct) =>
        (await ReadBodyAsync(request, kind, ct)).Object;

    /// <summary>As <see cref="ReadObjectAsync"/>, with what field validation needs to know about the body as sent.</summary>
    public static async Task<RequestBody> ReadBodyAsync(HttpRequest request, ResourceKind kind, CancellationToken ct)
    {
        var media = MediaTypes.Essence(request.ContentType);
        if (media is not ("" or MediaTypes.Json or MediaTypes.Yaml or MediaTypes.Protobuf))
            throw StatusException.UnsupportedMediaType(media);
        var bytes = await ReadBytesAsync(request, ct);
        var catalog = request.HttpContext.RequestServices.GetService(typeof(ResourceCatalog)) as ResourceCatalog;
        var yamlRepeats = media == MediaTypes.Yaml ? new List<string>() : null;
        var obj = DecodeObject(bytes, media, kind, catalog, out var repeatedKeys, yamlRepeats);
        return new RequestBody(obj, media, bytes, repeatedKeys, yamlRepeats);
    }

    /// <summary>The decode step of create/update, separate from the transport so it can be fuzzed in-process.</summary>
    public static JsonObject DecodeObject(byte[] bytes, string media, ResourceKind kind, ResourceCatalog? catalog) =>
        DecodeObject(bytes, media, kind, catalog, out _);

    public static JsonObject DecodeObject(byte[] bytes, string media, ResourceKind kind, ResourceCatalog? catalog, out bool repeatedKeys,
        List<string>? yamlRepeats = null)
    {
        repeatedKeys = false;
        if (media == MediaTypes.Protobuf) return DecodeProtobufObject(bytes, kind, catalog);
        JsonNode? node;
        if (media == MediaTypes.Yaml)
        {
            if (!TryParseYaml(bytes, out node, out var yamlError, yamlRepeats)) throw Unrecognized(kind, yamlError!, bytes);
        }
        else if (!TryParseJson(bytes, out node, out var jsonError, out repeatedKeys))
        {
            throw Unrecognized(kind, $"couldn't get version/kind; json parse error: {jsonError}", bytes);
        }
        if (node is not null and not JsonObject)
            throw Unrecognized(kind, $"couldn't get version/kind; json parse error: json: cannot unmarshal {GoJsonSyntax.GoKind(node)} into Go value of type {FindKindType}", bytes);
        var obj = node as JsonObject ?? [];
        foreach (var (key, value) in obj)
        {
            // Go's decoder reports the first of apiVersion/kind (in document order) that is not a string.
            if (key is not ("apiVersion" or "kind") || value is null || value is JsonValue v && v.GetValueKind() == JsonValueKind.String) continue;
            throw Unrecognized(kind, $"couldn't get version/kind; json parse error: json: cannot unmarshal {GoJsonSyntax.GoKind(value)} into Go struct field .{key} of type string", bytes);
        }
        CheckTypeMeta(obj, kind, catalog);
        return obj;
    }

    private static JsonObject DecodeProtobufObject(byte[] bytes, ResourceKind kind, ResourceCatalog? catalog)
    {
        if (bytes.Length == 0) throw Unrecognized(kind, "empty data", bytes);
        if (!bytes.AsSpan().StartsWith("k8s\0"u8)) throw Unrecognized(kind, "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]", bytes);
        if (bytes.Length == 4) throw Unrecognized(kind, "empty body", bytes);
        (string ApiVersion, string Kind) typeMeta;
        try
        {
            typeMeta = KubeProtobuf.ReadTypeMeta(bytes);
        }
        catch (ProtobufDecodeException e)
        {
            throw Unrecognized(kind, e.Message, bytes);
        }
        var asJson = new JsonObject { ["apiVersion"] = typeMeta.ApiVersion, ["kind"] = typeMeta.Kind };
        if (typeMeta.ApiVersion.Length == 0 || typeMeta.Kind.Length == 0 || !KubeProtobuf.IsKnown(typeMeta.ApiVersion, typeMeta.Kind))
        {
            CheckTypeMeta(asJson, kind, catalog);
        }
        JsonObject obj;
        try
        {
            obj = KubeProtobuf.Decode(bytes);
        }
        catch (ProtobufDecodeException e)
        {
            var version = SplitApiVersion(typeMeta.ApiVersion).Version;
            throw StatusException.BadRequest($"{typeMeta.Kind} in version \"{version}\" cannot be handled as a {kind.Kind}: {e.Message}");
        }
        if (GoJsonSyntax.Depth(obj) > GoJsonSyntax.MaxNestingDepth) throw Unrecognized(kind, TooDeep, bytes);
        CheckTypeMeta(obj, kind, catalog);
        return obj;
    }

    /// <summary>A protobuf body outside create/update (delete options, scale).</summary>
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

    private static StatusException Unrecognized(ResourceKind kind, string error, byte[] body) =>
        StatusException.BadRequest($"the object provided is unrecognized (must be of type {kind.Kind}): {error} ({GoJsonSyntax.Summarize(body)})");

    /// <summary>
    /// A body naming another kind or version than the URL is refused as the versioning decoder refuses it: a kind the
    /// scheme does not know is "not registered", a known kind of another type has "unknown conversion", a known
    /// kind in another version of the group fails the AcceptsGroupVersion check of handlers/create.go.
    /// </summary>
    public static void CheckTypeMeta(JsonObject obj, ResourceKind kind, ResourceCatalog? catalog = null)
    {
        var apiVersion = obj["apiVersion"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : "";
        var kindName = obj["kind"] is JsonValue kv && kv.TryGetValue<string>(out var k) ? k : "";
        if (kindName.Length == 0 && apiVersion.Length == 0) return;

        // gvkWithDefaults (serializer/json/json.go): missing parts come from the URL's kind.
        var (group, version) = SplitApiVersion(apiVersion);
        if (kindName.Length == 0) kindName = kind.Kind;
        if (version.Length == 0 && group.Length == 0) { group = kind.Group; version = kind.Version; }
        else if (version.Length == 0 && group == kind.Group) version = kind.Version;
        if (group == kind.Group && version == kind.Version && kindName == kind.Kind) return;

        var registered = catalog?.FindKind(group, kindName) is { } def ? def.Kind : group == kind.Group && kindName == kind.Kind ? kind : null;
        if (registered is null || registered.Version != version)
        {
            var gv = group.Length == 0 ? version : $"{group}/{version}";
            throw StatusException.BadRequest(
                $"{kindName} in version \"{version}\" cannot be handled as a {kind.Kind}: no kind \"{kindName}\" is registered for version \"{gv}\" in scheme \"{LegacyScheme}\"");
        }
        if (kindName != kind.Kind || group != kind.Group)
            throw StatusException.BadRequest(
                $"{kindName} in version \"{version}\" cannot be handled as a {kind.Kind}: converting ({version}.{kindName}) to ({InternalPackage(kind.Group)}.{kind.Kind}): unknown conversion");
        throw StatusException.BadRequest(
            $"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})");
    }

    /// <summary>Update's checkName (apiserver endpoints/handlers/rest.go): the body must name the URL's object.</summary>
    public static void CheckName(JsonObject body, string name, string? ns)
    {
        var meta = body["metadata"] as JsonObject;
        var bodyName = meta?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : "";
        if (bodyName != name)
            throw StatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        var bodyNs = meta?["namespace"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : "";
        if (!string.IsNullOrEmpty(ns) && bodyNs.Length > 0 && bodyNs != ns)
            throw StatusException.BadRequest($"the namespace of the object ({bodyNs}) does not match the namespace on the request ({ns})");
    }

    private static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/');
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    /// <summary>The Go package of a group's internal types, as reflect prints them in conversion errors.</summary>
    private static string InternalPackage(string group) => group switch
    {
        "" or "events.k8s.io" => "core",
        _ => group.Split('.')[0],
    };
}
