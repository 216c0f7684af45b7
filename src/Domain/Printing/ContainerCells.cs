using System.Text.Json.Nodes;

namespace Emulator.Domain.Printing;

/// <summary>printers.go's layoutContainerCells: container names and images, each joined with ",".</summary>
internal static class ContainerCells
{
    public static (string Names, string Images) Layout(JsonNode? podSpec)
    {
        var containers = JsonRead.Arr(podSpec, "containers").ToList();
        return (string.Join(",", containers.Select(c => JsonRead.Str(c, "name"))),
            string.Join(",", containers.Select(c => JsonRead.Str(c, "image"))));
    }
}
