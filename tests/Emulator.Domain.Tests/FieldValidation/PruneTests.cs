using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;
using k8s.Models;

namespace Emulator.Domain.Tests.FieldValidation;

/// <summary>Unknown fields are dropped at any depth, as decoding into the Go struct drops them; map keys are data.</summary>
public sealed class PruneTests
{
    private static readonly TypeSchema Deployment = TypeSchema.For(typeof(V1Deployment));

    private static (JsonObject Pruned, List<string> Found) Prune(string json, TypeSchema schema, bool sorted = false)
    {
        var obj = (JsonObject)JsonNode.Parse(json)!;
        var found = new List<string>();
        UnknownFields.Prune(obj, schema, found, sorted);
        return (obj, found);
    }

    [Fact]
    public void Nested_unknown_fields_are_removed_and_reported_in_document_order()
    {
        var (pruned, found) = Prune("""
            {"apiVersion":"apps/v1","kind":"Deployment","bogus":1,
             "metadata":{"name":"web","nam":"x","labels":{"replicass":"is a label, not a field"}},
             "spec":{"replicass":3,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"},"annotationz":{}},
                 "spec":{"nodeSelector":{"disk":"ssd"},"containers":[
                   {"name":"a","image":"nginx","ports":[{"containerPort":80,"protocoll":"TCP"}]},
                   {"name":"b","imagee":"x","resources":{"limits":{"cpu":"500m"}},"livenessProbe":{"httpGet":{"port":"http","pathh":"/"}}}]}}},
             "status":{"replicas":1,"readyReplica":1}}
            """, Deployment);

        Assert.Equal(
            ["bogus", "metadata.nam", "spec.replicass", "spec.template.metadata.annotationz",
             "spec.template.spec.containers[0].ports[0].protocoll", "spec.template.spec.containers[1].imagee",
             "spec.template.spec.containers[1].livenessProbe.httpGet.pathh", "status.readyReplica"], found);
        Assert.Equal("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"replicass":"is a label, not a field"}},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"nodeSelector":{"disk":"ssd"},"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},{"name":"b","resources":{"limits":{"cpu":"500m"}},"livenessProbe":{"httpGet":{"port":"http"}}}]}}},"status":{"replicas":1}}
            """.Trim(), pruned.ToJsonString());
    }

    [Fact]
    public void Map_values_int_or_string_quantities_and_free_form_json_are_left_alone()
    {
        var (pruned, found) = Prune("""
            {"data":{"any key":"v","spec.replicas":"x"},"binaryData":{"b":"AAAA"},"metadata":{"annotations":{"a/b":"c"},
             "managedFields":[{"manager":"m","fieldsV1":{"f:data":{"f:anything":{}}}}]}}
            """, TypeSchema.For(typeof(V1ConfigMap)));

        Assert.Empty(found);
        Assert.Contains("f:anything", pruned.ToJsonString());
    }

    [Fact]
    public void Sorted_order_reports_as_a_go_map_walk_would()
    {
        var (_, found) = Prune("""{"spec":{"zeta":1,"template":{"spec":{"containers":[{"name":"a","imagee":"x"}]}},"alpha":2}}""", Deployment, sorted: true);

        Assert.Equal(["spec.alpha", "spec.template.spec.containers[0].imagee", "spec.zeta"], found);
    }

    [Theory]
    [InlineData(typeof(V1Role), """{"rules":[{"verbs":["get"],"resources":["pods"],"resourceNamez":["x"]}]}""", "rules[0].resourceNamez")]
    [InlineData(typeof(V1PodDisruptionBudget), """{"spec":{"minAvailable":"50%","maxUnavailabl":1}}""", "spec.maxUnavailabl")]
    [InlineData(typeof(V1EndpointSlice), """{"addressType":"IPv4","endpoints":[{"addresses":["10.0.0.1"],"conditions":{"readyy":true}}]}""", "endpoints[0].conditions.readyy")]
    [InlineData(typeof(V1Lease), """{"spec":{"holderIdentity":"a","leaseDurationSecond":15}}""", "spec.leaseDurationSecond")]
    [InlineData(typeof(V1NetworkPolicy), """{"spec":{"podSelector":{},"ingress":[{"from":[{"ipBlock":{"cidr":"10.0.0.0/8","exceptt":[]}}]}]}}""", "spec.ingress[0].from[0].ipBlock.exceptt")]
    [InlineData(typeof(V1Service), """{"spec":{"replicas":3,"ports":[{"port":80,"targetPort":"http"}]}}""", "spec.replicas")]
    public void Every_served_group_has_its_schema(Type model, string json, string expected)
    {
        var (pruned, found) = Prune(json, TypeSchema.For(model));

        Assert.Equal([expected], found);
        Assert.Empty(UnknownFields.Find(pruned, TypeSchema.For(model)));
    }
}
