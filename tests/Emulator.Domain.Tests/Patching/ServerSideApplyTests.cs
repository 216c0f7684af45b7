using System.Text.Json.Nodes;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Patching.Apply;
using k8s.Models;

namespace Emulator.Domain.Tests.Patching;

/// <summary>Server-side apply merge, ownership and conflicts (structured-merge-diff semantics, simplified to leaf fields).</summary>
public sealed class ServerSideApplyTests
{
    private static readonly TypeSchema Deployment = TypeSchema.For(typeof(V1Deployment));
    private const string Now = "2026-01-01T00:00:00Z";

    [Fact]
    public void First_apply_records_the_applied_fields_for_the_manager()
    {
        var result = ServerSideApply.Apply(null, Deploy(2, "nginx:1"), Deployment, "kubectl", force: false, Now);

        var entry = result["metadata"]!["managedFields"]![0]!;
        Assert.Equal("kubectl", (string?)entry["manager"]);
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.Equal("apps/v1", (string?)entry["apiVersion"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(
            """{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"""), entry["fieldsV1"]), entry["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void Another_manager_changing_an_owned_value_conflicts_and_force_takes_it()
    {
        var live = ServerSideApply.Apply(null, Deploy(2, "nginx:1"), Deployment, "a", false, Now);

        var e = Assert.Throws<ApplyConflictException>(() => ServerSideApply.Apply(live, Deploy(5, "nginx:1"), Deployment, "b", false, Now));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"a\" using apps/v1: .spec.replicas", e.Message);

        var forced = ServerSideApply.Apply(live, Deploy(5, "nginx:1"), Deployment, "b", true, Now);
        Assert.Equal(5, (int?)forced["spec"]!["replicas"]);
        var a = forced["metadata"]!["managedFields"]!.AsArray().Single(m => (string?)m!["manager"] == "a")!;
        Assert.Null(a["fieldsV1"]!["f:spec"]!["f:replicas"]);
    }

    [Fact]
    public void Applying_the_same_value_shares_ownership_without_conflict()
    {
        var live = ServerSideApply.Apply(null, Deploy(2, "nginx:1"), Deployment, "a", false, Now);

        var shared = ServerSideApply.Apply(live, Deploy(2, "nginx:1"), Deployment, "b", false, Now);

        Assert.Equal(2, shared["metadata"]!["managedFields"]!.AsArray().Count);
    }

    [Fact]
    public void A_field_no_longer_applied_is_removed_unless_another_manager_owns_it()
    {
        var applied = Deploy(2, "nginx:1");
        applied["metadata"]!["labels"]!["tier"] = "front";
        var live = ServerSideApply.Apply(null, applied, Deployment, "a", false, Now);

        var removed = ServerSideApply.Apply(live, Deploy(2, "nginx:1"), Deployment, "a", false, Now);
        Assert.Null(removed["metadata"]!["labels"]!["tier"]);

        var withB = ServerSideApply.Apply(live, applied, Deployment, "b", false, Now);
        var kept = ServerSideApply.Apply(withB, Deploy(2, "nginx:1"), Deployment, "a", false, Now);
        Assert.Equal("front", (string?)kept["metadata"]!["labels"]!["tier"]);
    }

    [Fact]
    public void Containers_merge_by_name_and_a_dropped_container_goes()
    {
        var two = Deploy(1, "nginx:1");
        ((JsonArray)two["spec"]!["template"]!["spec"]!["containers"]!).Add(new JsonObject { ["name"] = "side", ["image"] = "busybox" });
        var live = ServerSideApply.Apply(null, two, Deployment, "a", false, Now);

        var result = ServerSideApply.Apply(live, Deploy(1, "nginx:2"), Deployment, "a", false, Now);

        Assert.Equal("""[{"name":"web","image":"nginx:2"}]""", result["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
    }

    private static JsonObject Deploy(int replicas, string image) => (JsonObject)JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":REPLICAS,"template":{"spec":{"containers":[{"name":"web","image":"IMAGE"}]}}}}
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("IMAGE", image))!;
}
