using System.Text.Json.Nodes;
using Emulator.Api.Application.Verbs;
using Emulator.Api.Http;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Patching.Apply;
using Emulator.Domain.Resources;

namespace Emulator.Fuzz;

/// <summary>One entry point under test: the same calls the request pipeline makes for that body.</summary>
public sealed record Target(string Name, IReadOnlyList<byte[]> Corpus, Action<byte[], Random> Run);

public static class Targets
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.FromAssembly();

    private static readonly JsonObject[] LiveObjects = [.. Seeds.JsonObjects.Select(s => JsonNode.Parse(s)!.AsObject())];

    public static IReadOnlyList<Target> All { get; } =
    [
        new("decode-json", Bytes(Seeds.JsonObjects), (input, rnd) => Decode(input, MediaTypes.Json, rnd)),
        new("decode-yaml", Bytes(Seeds.Yaml.Concat(Seeds.JsonObjects)), (input, rnd) => Decode(input, MediaTypes.Yaml, rnd)),
        new("decode-protobuf", [.. Seeds.Protobuf()], (input, rnd) => Decode(input, MediaTypes.Protobuf, rnd)),
        new("merge-patch", Bytes(Seeds.MergePatches), (input, rnd) => Patch(input, MediaTypes.MergePatch, rnd)),
        new("json-patch", Bytes(Seeds.JsonPatches), (input, rnd) => Patch(input, MediaTypes.JsonPatch, rnd)),
        new("strategic-merge-patch", Bytes(Seeds.StrategicPatches.Concat(Seeds.MergePatches)), (input, rnd) => Patch(input, MediaTypes.StrategicMergePatch, rnd)),
        new("server-side-apply", Bytes(Seeds.Yaml.Concat(Seeds.JsonObjects)), Apply),
    ];

    private static byte[][] Bytes(IEnumerable<string> seeds) => [.. seeds.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static ResourceKind PickKind(Random rnd, JsonObject? like = null)
    {
        // The handlers take the kind from the URL; a fuzzed body only hints which served kind to use.
        if (like?["kind"] is JsonValue k && k.TryGetValue<string>(out var kindName)
            && like["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var apiVersion))
        {
            var group = apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";
            if (Catalog.FindKind(group, kindName) is { } def) return def.Kind;
        }
        return Catalog.All[rnd.Next(Catalog.All.Count)].Kind;
    }

    private static void Decode(byte[] input, string media, Random rnd)
    {
        var kind = rnd.Next(3) == 0 ? PickKind(rnd) : Catalog.FindKind("", "ConfigMap")!.Kind;
        var obj = BodyReader.DecodeObject(input, media, kind, Catalog);
        // What a handler does next with a decoded body: store it as text and read it back.
        _ = JsonNode.Parse(obj.ToJsonString());
    }

    private static void Patch(byte[] input, string patchType, Random rnd)
    {
        var live = LiveObjects[rnd.Next(LiveObjects.Length)];
        var kind = PickKind(rnd, live);
        var patch = PatchBodies.Parse(input, patchType, strictDecoding: rnd.Next(2) == 0);
        var patched = PatchObjectHandler.Patch(kind, live.DeepClone().AsObject(), patchType, patch);
        _ = JsonNode.Parse(patched.ToJsonString());
    }

    private static void Apply(byte[] input, Random rnd)
    {
        if (!BodyReader.TryParseYaml(input, out var node, out _) || node is not JsonObject applied) return;
        var live = rnd.Next(3) == 0 ? null : LiveObjects[rnd.Next(LiveObjects.Length)].DeepClone().AsObject();
        var kind = PickKind(rnd, live ?? applied);
        var schema = ModelTypes.Schema(kind.Group, kind.Version, kind.Kind) ?? TypeSchema.Any;
        var result = ServerSideApply.Apply(live, applied, schema, "fuzz", force: rnd.Next(2) == 0, "2026-01-01T00:00:00Z");
        // A second manager applying over the result exercises managedFields parsing.
        _ = ServerSideApply.Apply(result, applied, schema, "fuzz-2", force: false, "2026-01-01T00:00:01Z");
    }
}
