using System.Text.Json.Nodes;

namespace Emulator.Domain.Tests.Protobuf;

internal static class JsonAssert
{
    /// <summary>Semantic equality (property order ignored), showing both documents when they differ.</summary>
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        if (!JsonNode.DeepEquals(expected, actual))
            Assert.Fail($"JSON differs.\nexpected: {expected?.ToJsonString()}\nactual:   {actual?.ToJsonString()}");
    }
}
