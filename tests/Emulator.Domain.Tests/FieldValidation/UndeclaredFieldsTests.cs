using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Patching.Apply;
using k8s.Models;

namespace Emulator.Domain.Tests.FieldValidation;

/// <summary>Server-side apply names undeclared fields by structured-merge-diff paths: list items by their keys.</summary>
public sealed class UndeclaredFieldsTests
{
    [Fact]
    public void Associative_list_items_are_named_by_key_and_atomic_lists_by_index()
    {
        var applied = (JsonObject)JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"foo":"bar"}},
             "spec":{"replicass":2,"template":{"spec":{"containers":[{"name":"nginx","imagee":"x",
               "ports":[{"containerPort":80,"protocol":"TCP","bogus":1}],"args":["a"]}],
               "tolerations":[{"key":"k","effect":"NoSchedule","secondz":1}]}}}}
            """)!;

        Assert.Equal([
            ".spec.replicass",
            ".spec.template.spec.containers[name=\"nginx\"].imagee",
            ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"].bogus",
            ".spec.template.spec.tolerations[0].secondz",
        ], UndeclaredFields.Find(applied, TypeSchema.For(typeof(V1Deployment))));
    }
}
