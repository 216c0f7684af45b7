using System.Text.Json.Nodes;
using Emulator.Domain.Workloads;

namespace Emulator.Domain.Tests.Workloads;

public sealed class PodTemplateHashTests
{
    private static JsonNode Template(string image) => new JsonObject
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = image }) },
    };

    [Theory]
    [InlineData("nginx")]
    [InlineData("jpetazzo/httpenv")]
    [InlineData("registry.k8s.io/e2e-test-images/agnhost:2.53")]
    public void Hash_uses_only_the_safe_encoding_of_decimal_digits(string image)
    {
        var hash = PodTemplateHash.Compute(Template(image), null);

        Assert.InRange(hash.Length, 1, 10);
        // Digits '0'..'9' are bytes 48..57; mod 27 they land on these ten letters of the alphabet.
        Assert.All(hash, c => Assert.Contains(c, "456789bcdf"));
    }

    [Fact]
    public void Same_template_in_another_key_order_hashes_the_same()
    {
        var reordered = JsonNode.Parse("""{"spec":{"containers":[{"image":"nginx","name":"web"}]},"metadata":{"labels":{"app":"web"}}}""");

        Assert.Equal(PodTemplateHash.Compute(Template("nginx"), null), PodTemplateHash.Compute(reordered, null));
    }

    [Fact]
    public void Another_image_or_a_collision_count_changes_the_hash()
    {
        var hash = PodTemplateHash.Compute(Template("nginx"), null);

        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("nginx:1.27"), null));
        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("nginx"), 1));
    }

    [Theory]
    [InlineData("0123456789", "456789bcdf")]
    [InlineData("", "")]
    public void SafeEncode_maps_each_byte_through_the_alphabet(string input, string expected) =>
        Assert.Equal(expected, PodTemplateHash.SafeEncode(input));

    [Fact]
    public void Templates_differing_only_in_the_hash_label_are_equal()
    {
        var withHash = Template("nginx").DeepClone();
        withHash["metadata"]!["labels"]!["pod-template-hash"] = "5d4f8c7b9";

        Assert.True(PodTemplateHash.EqualIgnoringHash(withHash, Template("nginx")));
        Assert.False(PodTemplateHash.EqualIgnoringHash(withHash, Template("nginx:1.27")));
    }
}
