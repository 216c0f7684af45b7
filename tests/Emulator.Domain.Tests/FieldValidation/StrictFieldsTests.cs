using System.Text.Json;
using Emulator.Domain.OpenApi;
using k8s.Models;

namespace Emulator.Domain.Tests.FieldValidation;

/// <summary>
/// Strict decoding errors of a document that repeats keys, in the order and wording of the apiserver's integration
/// test (test/integration/apiserver/field_validation_test.go, invalidBodyJSON), with full field paths.
/// </summary>
public sealed class StrictFieldsTests
{
    private static List<string> Check(string json, TypeSchema? schema)
    {
        using var doc = JsonDocument.Parse(json);
        return StrictFields.Check(doc.RootElement, schema);
    }

    [Fact]
    public void Unknown_and_duplicate_fields_interleave_in_document_order()
    {
        var errors = Check("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","labels":{"app":"nginx"}},
             "spec":{"unknown1":"val1","unknownDupe":"valDupe","unknownDupe":"valDupe2","paused":true,"paused":false,
               "selector":{"matchLabels":{"app":"nginx"}},
               "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:latest",
                 "unknownNested":"val1","imagePullPolicy":"Always","imagePullPolicy":"Never"}]}}}}
            """, TypeSchema.For(typeof(V1Deployment)));

        Assert.Equal([
            "unknown field \"spec.unknown1\"",
            "unknown field \"spec.unknownDupe\"",
            "duplicate field \"spec.paused\"",
            "unknown field \"spec.template.spec.containers[0].unknownNested\"",
            "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"",
        ], errors);
    }

    [Fact]
    public void Repeated_map_keys_are_duplicates()
    {
        Assert.Equal(["duplicate field \"metadata.labels.a\""],
            Check("""{"metadata":{"labels":{"a":"1","a":"2"}}}""", TypeSchema.For(typeof(V1ConfigMap))));
    }

    [Fact]
    public void A_patch_decoded_into_a_map_only_has_duplicates()
    {
        Assert.Equal(["duplicate field \"spec.replicas\"", "duplicate field \"spec.template.x\""],
            Check("""{"spec":{"replicas":1,"replicas":2,"bogus":1,"template":{"x":1,"x":2}}}""", null));
    }
}
