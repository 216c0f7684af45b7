using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;
using k8s.Models;

namespace Emulator.Domain.Tests.Patching;

/// <summary>Unknown-field paths as the strict decoder names them.</summary>
public sealed class UnknownFieldsTests
{
    [Theory]
    [InlineData("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"a","labels":{"any":"thing"}},"spec":{"replicas":1}}""", "")]
    [InlineData("""{"spec":{"foo":1}}""", "spec.foo")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b","imagee":"x"}]}}}}""", "spec.template.spec.containers[1].imagee")]
    [InlineData("""{"metadata":{"nam":"x"},"extra":true}""", "metadata.nam,extra")]
    [InlineData("""{"metadata":{"managedFields":[{"fieldsV1":{"f:anything":{}}}]},"spec":{"strategy":{"rollingUpdate":{"maxSurge":"25%"}}}}""", "")]
    public void Unknown_fields_are_reported_by_path(string json, string expected)
    {
        var found = UnknownFields.Find((JsonObject)JsonNode.Parse(json)!, TypeSchema.For(typeof(V1Deployment)));

        Assert.Equal(expected, string.Join(",", found));
    }
}
