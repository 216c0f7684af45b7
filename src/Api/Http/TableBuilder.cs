using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Http;

/// <summary>
/// Server-side printing: meta.k8s.io/v1 Table answers with the kind's columns and one row per object,
/// each row carrying the object as PartialObjectMetadata (or whole, or not at all, per includeObject).
/// </summary>
public static class TableBuilder
{
    public static JsonObject Build(ResourceDefinition def, IEnumerable<JsonObject> items, DateTimeOffset now, string? includeObject,
        long? resourceVersion, bool withColumns = true)
    {
        var printer = def.Printer;
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = resourceVersion is { } rv ? new JsonObject { ["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new JsonObject(),
            ["columnDefinitions"] = withColumns
                ? new JsonArray([.. printer.Columns.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name, ["type"] = c.Type, ["format"] = c.Format, ["description"] = c.Description, ["priority"] = c.Priority,
                })])
                : null,
        };
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = new JsonObject { ["cells"] = new JsonArray([.. printer.Cells(item, now).Select(Cell)]) };
            var obj = RowObject(item, includeObject);
            if (obj is not null) row["object"] = obj;
            rows.Add(row);
        }
        table["rows"] = rows;
        return table;
    }

    public static JsonObject PartialMetadata(JsonObject item) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = item.Meta().DeepClone(),
    };

    private static JsonObject? RowObject(JsonObject item, string? includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => (JsonObject)item.DeepClone(),
        _ => PartialMetadata(item),
    };

    private static JsonNode? Cell(object? value) => value switch
    {
        null => null,
        JsonNode n => n.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(value.ToString()),
    };

    public static IEnumerable<JsonObject> Objects(IEnumerable<StoredObject> items) => items.Select(i => i.Object);
}
