using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Http;

/// <summary>Writes objects and lists in the shape the Accept header asked for (JSON, YAML, Table, PartialObjectMetadata).</summary>
public static class ResponseWriter
{
    public static Task WriteJsonAsync(HttpContext context, int status, string json, string contentType = MediaTypes.Json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted);
    }

    public static Task WriteNodeAsync(HttpContext context, int status, JsonNode node, ResponseShape shape = ResponseShape.Object) =>
        shape == ResponseShape.Yaml
            ? WriteJsonAsync(context, status, YamlJson.Serialize(node), MediaTypes.Yaml)
            : WriteJsonAsync(context, status, JsonText.Serialize(node));

    public static Task WriteObjectAsync(HttpContext context, int status, ResourceDefinition def, StoredObject stored, ResponseShape shape,
        TimeProvider time) => shape switch
        {
            ResponseShape.Table => WriteNodeAsync(context, status,
                TableBuilder.Build(def, [stored.Object], time.GetUtcNow(), context.Request.Query["includeObject"], stored.ResourceVersion)),
            ResponseShape.PartialMetadata => WriteNodeAsync(context, status, TableBuilder.PartialMetadata(stored.Object)),
            ResponseShape.Yaml => WriteNodeAsync(context, status, stored.Object, ResponseShape.Yaml),
            _ => WriteJsonAsync(context, status, stored.Json),
        };

    public static Task WriteListAsync(HttpContext context, ResourceDefinition def, ListPage page, ResponseShape shape, TimeProvider time)
    {
        if (shape == ResponseShape.Table)
        {
            var table = TableBuilder.Build(def, page.Items.Select(i => i.Object), time.GetUtcNow(), context.Request.Query["includeObject"], page.ResourceVersion);
            AddListMeta((JsonObject)table["metadata"]!, page);
            return WriteNodeAsync(context, 200, table);
        }
        if (shape is ResponseShape.PartialMetadata or ResponseShape.Yaml)
        {
            var list = new JsonObject
            {
                ["kind"] = shape == ResponseShape.Yaml ? def.Kind.ListKind : "PartialObjectMetadataList",
                ["apiVersion"] = shape == ResponseShape.Yaml ? def.Kind.ApiVersion : "meta.k8s.io/v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(CultureInfo.InvariantCulture) },
                ["items"] = new JsonArray([.. page.Items.Select(i => (JsonNode)(shape == ResponseShape.Yaml ? i.Clone() : TableBuilder.PartialMetadata(i.Object)))]),
            };
            AddListMeta((JsonObject)list["metadata"]!, page);
            return WriteNodeAsync(context, 200, list, shape);
        }
        // Plain lists are assembled from the stored bytes, so a LIST costs no re-serialization of its items.
        var meta = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        AddListMeta(meta, page);
        var sb = new StringBuilder(64 + page.Items.Sum(i => i.Json.Length + 1));
        sb.Append("{\"kind\":\"").Append(def.Kind.ListKind).Append("\",\"apiVersion\":\"").Append(def.Kind.ApiVersion)
          .Append("\",\"metadata\":").Append(JsonText.Serialize(meta)).Append(",\"items\":[");
        for (var i = 0; i < page.Items.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(page.Items[i].Json);
        }
        sb.Append("]}");
        return WriteJsonAsync(context, 200, sb.ToString());
    }

    private static void AddListMeta(JsonObject meta, ListPage page)
    {
        if (page.Continue is not null) meta["continue"] = page.Continue;
        if (page.RemainingItemCount is { } remaining) meta["remainingItemCount"] = remaining;
    }
}

/// <summary>One page of a LIST: items, the revision they are current at, and the continuation when more remain.</summary>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
