using System.Text.Json.Nodes;
using Emulator.Api.Http;

namespace Emulator.Api.Tests.FieldValidation;

/// <summary>fmt's %+v of a decoded patch map: keys sorted, int64 bare, float64 as %g with the shortest digits.</summary>
public sealed class GoValueFormatTests
{
    [Fact]
    public void A_patch_map_prints_as_go_prints_it()
    {
        var patch = JsonNode.Parse("""{"z":{"b":2,"a":"x y"},"f":[1.5,1000000.0,123456.0,0.00001,-2.5e-7],"n":null,"t":[true,false],"i":-9007199254740993}""");

        Assert.Equal("map[f:[1.5 1e+06 123456 1e-05 -2.5e-07] i:-9007199254740993 n:<nil> t:[true false] z:map[a:x y b:2]]", GoValueFormat.Format(patch));
    }
}
