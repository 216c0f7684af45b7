using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

public sealed class ReplicaSetPlannerTests
{
    private static readonly JsonObject ReplicaSet = JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"ReplicaSet",
         "metadata":{"name":"web-5d4f8c7b9","namespace":"default","uid":"rs-uid","generation":2},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5d4f8c7b9"}},
                 "template":{"metadata":{"labels":{"app":"web","pod-template-hash":"5d4f8c7b9"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}
        """)!.AsObject();

    private static JsonObject Pod(string name, string? node, string phase, bool ready, string created) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = name, ["creationTimestamp"] = created,
            ["labels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = "5d4f8c7b9" },
        },
        ["spec"] = new JsonObject { ["nodeName"] = node },
        ["status"] = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
        },
    };

    [Fact]
    public void Pods_from_the_template_carry_labels_owner_and_generate_name()
    {
        var pod = ReplicaSetPlanner.PodFromTemplate(ReplicaSet);

        Assert.Equal("web-5d4f8c7b9-", (string?)pod["metadata"]!["generateName"]);
        Assert.Equal("5d4f8c7b9", (string?)pod["metadata"]!["labels"]!["pod-template-hash"]);
        var owner = pod["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("ReplicaSet", (string?)owner["kind"]);
        Assert.Equal("rs-uid", (string?)owner["uid"]);
        Assert.True((bool?)owner["controller"]);
        Assert.True((bool?)owner["blockOwnerDeletion"]);
        Assert.Equal("nginx", (string?)pod["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public void Deletion_prefers_unscheduled_then_pending_then_unready_then_newest()
    {
        var pods = new[]
        {
            Pod("running-old", "node-1", "Running", true, "2026-01-01T00:00:00Z"),
            Pod("running-new", "node-1", "Running", true, "2026-01-01T00:05:00Z"),
            Pod("unready", "node-2", "Running", false, "2026-01-01T00:00:00Z"),
            Pod("pending", "node-2", "Pending", false, "2026-01-01T00:00:00Z"),
            Pod("unscheduled", null, "Pending", false, "2026-01-01T00:00:00Z"),
        };

        var order = PodFacts.InDeletionOrder(pods).Select(p => (string?)p["metadata"]!["name"]).ToList();

        Assert.Equal(["unscheduled", "pending", "unready", "running-new", "running-old"], order);
    }

    [Fact]
    public void Status_counts_labelled_ready_and_available_pods()
    {
        var pods = new[]
        {
            Pod("a", "node-1", "Running", true, "2026-01-01T00:00:00Z"),
            Pod("b", "node-1", "Pending", false, "2026-01-01T00:00:00Z"),
        };

        var status = ReplicaSetPlanner.Status(ReplicaSet, pods, DateTimeOffset.Parse("2026-01-01T01:00:00Z"));

        Assert.Equal(2, (int?)status["replicas"]);
        Assert.Equal(2, (int?)status["fullyLabeledReplicas"]);
        Assert.Equal(1, (int?)status["readyReplicas"]);
        Assert.Equal(1, (int?)status["availableReplicas"]);
        Assert.Equal(2, (long?)status["observedGeneration"]);
    }

    [Theory]
    [InlineData(3, 0, 3)]
    [InlineData(3, 5, -2)]
    [InlineData(1000, 0, 500)]
    public void Diff_is_capped_by_burst_replicas(int spec, int active, int expected) =>
        Assert.Equal(expected, ReplicaSetPlanner.Diff(spec, active));

    [Fact]
    public void Expectations_hold_back_a_second_pass_until_every_create_is_observed()
    {
        var expectations = new ControllerExpectations<string>();
        expectations.ExpectCreations("rs", 2);

        Assert.False(expectations.Satisfied("rs"));
        expectations.CreationObserved("rs");
        Assert.False(expectations.Satisfied("rs"));
        expectations.CreationObserved("rs");
        Assert.True(expectations.Satisfied("rs"));
        Assert.True(expectations.Satisfied("unknown"));
    }

    [Theory]
    [InlineData("nginx", "nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.27", "nginx", "docker.io/library/nginx:1.27")]
    [InlineData("jpetazzo/httpenv", "jpetazzo/httpenv", "docker.io/jpetazzo/httpenv:latest")]
    [InlineData("registry.k8s.io/e2e-test-images/agnhost:2.53", "registry.k8s.io/e2e-test-images/agnhost", "registry.k8s.io/e2e-test-images/agnhost:2.53")]
    [InlineData("localhost:5000/app:v1", "localhost:5000/app", "localhost:5000/app:v1")]
    public void Image_names_normalize_as_containerd_does(string image, string repository, string normalized)
    {
        var reference = ImageReference.Parse(image);

        Assert.Equal(repository, reference.Repository);
        Assert.Equal(normalized, reference.Normalized);
    }
}
