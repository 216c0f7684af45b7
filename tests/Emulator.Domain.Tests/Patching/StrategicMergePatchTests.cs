using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Patching;
using k8s.Models;

namespace Emulator.Domain.Tests.Patching;

/// <summary>
/// Table-driven cases of strategic merge patch, written as the apiserver answers them
/// (cases mirrored from apimachinery pkg/util/strategicpatch/patch_test.go and kubectl-wire.md §2.12).
/// </summary>
public sealed class StrategicMergePatchTests
{
    public static TheoryData<string, string, string, string> ServiceCases => new()
    {
        {
            "kubectl-wire 2.12: a port changed from 8888 to 8889 by client-side apply",
            """{"spec":{"ports":[{"port":8888,"targetPort":8888,"protocol":"TCP"}],"selector":{"app":"a"}}}""",
            """{"spec":{"$setElementOrder/ports":[{"port":8889}],"ports":[{"port":8889,"targetPort":8888},{"$patch":"delete","port":8888}]}}""",
            """{"spec":{"ports":[{"port":8889,"targetPort":8888}],"selector":{"app":"a"}}}"""
        },
        {
            "ports merge on their key: the matching element is merged, others stay",
            """{"spec":{"ports":[{"name":"http","port":80},{"name":"https","port":443}]}}""",
            """{"spec":{"ports":[{"port":443,"targetPort":8443}]}}""",
            """{"spec":{"ports":[{"name":"http","port":80},{"name":"https","port":443,"targetPort":8443}]}}"""
        },
        {
            "setElementOrder reorders the merged list",
            """{"spec":{"ports":[{"name":"a","port":1},{"name":"b","port":2}]}}""",
            """{"spec":{"$setElementOrder/ports":[{"port":2},{"port":1}]}}""",
            """{"spec":{"ports":[{"name":"b","port":2},{"name":"a","port":1}]}}"""
        },
        {
            "$patch: replace inside the list replaces the whole list",
            """{"spec":{"ports":[{"port":1},{"port":2}]}}""",
            """{"spec":{"ports":[{"port":3},{"$patch":"replace"}]}}""",
            """{"spec":{"ports":[{"port":3}]}}"""
        },
        {
            "null deletes a field; maps merge",
            """{"metadata":{"labels":{"a":"1","b":"2"},"annotations":{"x":"y"}},"spec":{"type":"ClusterIP"}}""",
            """{"metadata":{"labels":{"b":null,"c":"3"},"annotations":null}}""",
            """{"metadata":{"labels":{"a":"1","c":"3"}},"spec":{"type":"ClusterIP"}}"""
        },
        {
            "$patch: replace on a map replaces the map",
            """{"spec":{"selector":{"a":"1","b":"2"}}}""",
            """{"spec":{"selector":{"$patch":"replace","c":"3"}}}""",
            """{"spec":{"selector":{"c":"3"}}}"""
        },
        {
            "$patch: delete on a map empties it",
            """{"spec":{"selector":{"a":"1"}}}""",
            """{"spec":{"selector":{"$patch":"delete"}}}""",
            """{"spec":{"selector":{}}}"""
        },
        {
            "untagged lists are replaced whole",
            """{"spec":{"externalIPs":["1.1.1.1","2.2.2.2"]}}""",
            """{"spec":{"externalIPs":["3.3.3.3"]}}""",
            """{"spec":{"externalIPs":["3.3.3.3"]}}"""
        },
        {
            "finalizers are a merged set; $deleteFromPrimitiveList removes values",
            """{"metadata":{"finalizers":["a","b"]}}""",
            """{"metadata":{"finalizers":["c","a"],"$deleteFromPrimitiveList/finalizers":["b"]}}""",
            """{"metadata":{"finalizers":["a","c"]}}"""
        },
    };

    public static TheoryData<string, string, string, string> DeploymentCases => new()
    {
        {
            "containers merge by name: an image change keeps the other container",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1"},{"name":"side","image":"busybox"}]}}}}""",
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"side"}],"containers":[{"image":"nginx:2","name":"web"}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:2"},{"name":"side","image":"busybox"}]}}}}"""
        },
        {
            "env merges by name inside a merged container, and a deleted entry goes",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"A","value":"9"},{"$patch":"delete","name":"B"},{"name":"C","value":"3"}]}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"A","value":"9"},{"name":"C","value":"3"}]}]}}}}"""
        },
        {
            "rollout restart: an annotation added to the pod template",
            """{"spec":{"template":{"metadata":{"labels":{"app":"web"}}}}}""",
            """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}}}}}""",
            """{"spec":{"template":{"metadata":{"labels":{"app":"web"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}}}}}"""
        },
        {
            "$retainKeys on strategy drops rollingUpdate when the type becomes Recreate",
            """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""",
            """{"spec":{"strategy":{"type":"Recreate"}}}"""
        },
        {
            "volumes with $retainKeys switch the volume source",
            """{"spec":{"template":{"spec":{"volumes":[{"name":"v","emptyDir":{}}]}}}}""",
            """{"spec":{"template":{"spec":{"volumes":[{"$retainKeys":["configMap","name"],"name":"v","configMap":{"name":"cm"}}]}}}}""",
            """{"spec":{"template":{"spec":{"volumes":[{"name":"v","configMap":{"name":"cm"}}]}}}}"""
        },
        {
            "a new list is taken from the patch without directive residue",
            """{"spec":{"template":{"spec":{}}}}""",
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}}}"""
        },
    };

    [Theory]
    [MemberData(nameof(ServiceCases))]
    public void Service_patches_merge_as_the_apiserver_does(string name, string original, string patch, string expected) =>
        AssertPatch(typeof(V1Service), name, original, patch, expected);

    [Theory]
    [MemberData(nameof(DeploymentCases))]
    public void Deployment_patches_merge_as_the_apiserver_does(string name, string original, string patch, string expected) =>
        AssertPatch(typeof(V1Deployment), name, original, patch, expected);

    [Fact]
    public void A_merge_list_element_without_its_merge_key_is_refused()
    {
        var e = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(
            Obj("""{"spec":{"ports":[{"port":1}]}}"""), Obj("""{"spec":{"ports":[{"name":"x"}]}}"""), TypeSchema.For(typeof(V1Service))));
        Assert.Equal("map: map[name:x] does not contain declared merge key: port", e.Message);
    }

    [Fact]
    public void An_unknown_directive_is_refused()
    {
        Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(
            Obj("""{"spec":{}}"""), Obj("""{"spec":{"$patch":"explode"}}"""), TypeSchema.For(typeof(V1Service))));
    }

    private static void AssertPatch(Type model, string name, string original, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Obj(original), Obj(patch), TypeSchema.For(model));
        Assert.True(JsonNode.DeepEquals(Obj(expected), result), $"{name}\nexpected {expected}\nactual   {result.ToJsonString()}");
    }

    private static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;
}
