using System.Text;
using System.Text.Json.Nodes;
using Emulator.Api.Application.Verbs;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Patching.Apply;
using Emulator.Domain.Resources;

namespace Emulator.Api.Tests.BadInput;

/// <summary>
/// One regression test per crash the fuzzer (fuzz/Emulator.Fuzz, docs/fuzzing.md) found: each input used to escape as
/// an unexpected exception (a 500); now it decodes as Go does or is refused with a 4xx Status.
/// </summary>
public sealed class FuzzFindingsTests
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.FromAssembly();
    private static readonly ResourceKind ConfigMap = Catalog.FindKind("", "ConfigMap")!.Kind;

    private static JsonObject Live() => JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c1"},"data":{"k":"v"}}""")!.AsObject();

    [Fact]
    public void Invalid_utf8_in_a_json_body_decodes_to_the_replacement_character_as_in_go()
    {
        var body = Encoding.UTF8.GetBytes("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c1"},"data":{"k":"a_b"}}""");
        body[Array.IndexOf(body, (byte)'_')] = 0xFF;

        var obj = BodyReader.DecodeObject(body, MediaTypes.Json, ConfigMap, Catalog);

        Assert.Equal("a\uFFFDb", (string?)obj["data"]!["k"]);
    }

    [Fact]
    public void Invalid_utf8_in_the_kind_field_no_longer_escapes_the_type_meta_check()
    {
        var body = Encoding.UTF8.GetBytes("""{"apiVersion":"v1","kind":"Conf_Map"}""");
        body[Array.IndexOf(body, (byte)'_')] = 0xFF;

        var e = Assert.Throws<StatusException>(() => BodyReader.DecodeObject(body, MediaTypes.Json, ConfigMap, Catalog));

        Assert.Equal(400, e.Code);
        Assert.StartsWith("Conf\uFFFDMap in version \"v1\" cannot be handled as a ConfigMap: no kind", e.Message);
    }

    [Theory]
    [InlineData("\\ud800", "\uFFFD")]
    [InlineData("\\udc00x", "\uFFFDx")]
    [InlineData("\\ud83d\\ude00", "\U0001F600")]
    [InlineData("\\\\ud800", "\\ud800")]
    public void Unpaired_surrogate_escapes_decode_to_the_replacement_character(string escaped, string expected)
    {
        var patch = PatchBodies.Parse(Encoding.UTF8.GetBytes("{\"data\":{\"k\":\"" + escaped + "\"}}"), MediaTypes.MergePatch, strictDecoding: true);

        var patched = PatchObjectHandler.Patch(ConfigMap, Live(), MediaTypes.MergePatch, patch);

        Assert.Equal(expected, (string?)patched["data"]!["k"]);
    }

    [Theory]
    [InlineData(MediaTypes.JsonPatch, """[{"op":"add","path":"/data/k","value":"a_b"}]""")]
    [InlineData(MediaTypes.StrategicMergePatch, """{"metadata":{"$patch":"a_b"}}""")]
    [InlineData(MediaTypes.StrategicMergePatch, """{"data":{"k":"a_b"}}""")]
    public void Invalid_utf8_inside_patches_is_replaced_before_the_patch_engines_read_it(string patchType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[Array.IndexOf(bytes, (byte)'_')] = 0xC3;
        var patch = PatchBodies.Parse(bytes, patchType, strictDecoding: false);

        var outcome = Record.Exception(() => PatchObjectHandler.Patch(ConfigMap, Live(), patchType, patch));

        Assert.True(outcome is null or StatusException { Code: < 500 }, outcome?.ToString());
    }

    [Theory]
    [InlineData("a: 1e999999", "1e999999")]
    [InlineData("a: -1e99999", "-1e99999")]
    public void A_yaml_float_out_of_range_stays_a_string_as_in_go_yaml(string yaml, string expected)
    {
        Assert.True(BodyReader.TryParseYaml(Encoding.UTF8.GetBytes(yaml), out var node, out var error), error);

        Assert.Equal(expected, (string?)node!["a"]);
        Assert.Equal($$"""{"a":"{{expected}}"}""", node.ToJsonString());
    }

    [Fact]
    public void Server_side_apply_of_a_list_keyed_by_an_out_of_range_number_does_not_crash()
    {
        Assert.True(BodyReader.TryParseYaml(Encoding.UTF8.GetBytes(
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 1e999999\n    protocol: TCP\n"), out var node, out _));
        var schema = ModelTypes.Schema("", "v1", "Service")!;

        var outcome = Record.Exception(() => ServerSideApply.Apply(null, node!.AsObject(), schema, "fuzz", false, "2026-01-01T00:00:00Z"));

        Assert.Null(outcome);
    }

    [Fact]
    public void Server_side_apply_of_an_object_whose_api_version_is_a_number_does_not_crash()
    {
        var applied = JsonNode.Parse("""{"apiVersion":1,"kind":"ConfigMap","metadata":{"name":"c1"},"data":{"k":"v"}}""")!.AsObject();
        var schema = ModelTypes.Schema("", "v1", "ConfigMap")!;

        var outcome = Record.Exception(() => ServerSideApply.Apply(Live(), applied, schema, "fuzz", false, "2026-01-01T00:00:00Z"));

        Assert.Null(outcome);
    }

    [Fact]
    public void Yaml_that_trips_the_yaml_scanner_is_a_yaml_error_not_a_crash()
    {
        // The input the fuzzer found (decode-yaml): an unterminated flow mapping followed by a dedented key.
        var input = Convert.FromBase64String(
            "YXBpVmVyc2lvbjogYXBwcy92MQpraW5kOiBEZXBsb3ltZW50Cm1ldGFkYXRhOgogIG5hbWU6IHdlYgpzcGVjOgogIHJlcGxpY2FzOiAyCiAgc2VsZWN0b3I6CiAgICBtYXRjaExhYmVsczoge2FwcDogd2VifQogIHRlbXBsYXRlOgogICAgbWV0YWRhdGE6CiAgICAgIGxhYmVsczoge2FwcDogd2VifQogICAgc3BlYzoKICAgICAgY29udGFpbmVyczoKICAgICAgLSBuYW1lOiBjCiAgICAgICAgaW1hZ2U6IG5naW54CiAgICAgICAgcG9ydHM6IFt7Y29udGFpbmVyUG9ydDogcHA6IHdlYn0KICAgIHNwZWM6CiAgODB9VQo=");

        var e = Assert.Throws<StatusException>(() => BodyReader.DecodeObject(input, MediaTypes.Yaml, ConfigMap, Catalog));

        Assert.Equal(400, e.Code);
        Assert.StartsWith("the object provided is unrecognized (must be of type ConfigMap): yaml: ", e.Message);
    }
}
