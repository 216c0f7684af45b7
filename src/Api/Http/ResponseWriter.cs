using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Http;

/// <summary>Writes objects and lists in the shape the Accept header asked for (JSON, YAML, Table, PartialObjectMetadata).</summary>
public static class ResponseWriter
{
    public static Task WriteJsonAsync(HttpContext context, int status, string json, string contentType = MediaTypes.Json) =>
        WriteUtf8Async(context, status, Encoding.UTF8.GetBytes(json), contentType);

    /// <summary>Writes a complete body with its Content-Length (no chunked encoding).</summary>
    public static async Task WriteUtf8Async(HttpContext context, int status, ReadOnlyMemory<byte> body, string contentType = MediaTypes.Json)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.BodyWriter.WriteAsync(body, context.RequestAborted);
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
            _ => WriteUtf8Async(context, status, stored.Utf8),
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
        return WriteStoredListAsync(context, def, page);
    }

    /// <summary>
    /// A plain JSON list assembled from the stored UTF-8 bytes of its items: no re-serialization, no UTF-16 copy,
    /// and a Content-Length computed up front.
    /// </summary>
    private static async Task WriteStoredListAsync(HttpContext context, ResourceDefinition def, ListPage page)
    {
        var meta = new JsonObject { ["resourceVersion"] = page.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        AddListMeta(meta, page);
        var head = Encoding.UTF8.GetBytes($"{{\"kind\":\"{def.Kind.ListKind}\",\"apiVersion\":\"{def.Kind.ApiVersion}\",\"metadata\":{JsonText.Serialize(meta)},\"items\":[");
        ReadOnlyMemory<byte> tail = "]}"u8.ToArray();
        long length = head.Length + tail.Length + Math.Max(0, page.Items.Count - 1);
        foreach (var item in page.Items) length += item.Utf8.Length;

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = MediaTypes.Json;
        response.ContentLength = length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        var body = response.BodyWriter;
        var ct = context.RequestAborted;
        body.Write(head);
        long unflushed = 0;
        for (var i = 0; i < page.Items.Count; i++)
        {
            if (i > 0) body.Write(","u8);
            var item = page.Items[i].Utf8.Span;
            body.Write(item);
            unflushed += item.Length;
            // Flushing now and then keeps the buffered part of a big list bounded (and applies back-pressure).
            if (unflushed >= 64 * 1024)
            {
                var flush = await body.FlushAsync(ct);
                if (flush.IsCanceled || flush.IsCompleted) return;
                unflushed = 0;
            }
        }
        body.Write(tail.Span);
        await body.FlushAsync(ct);
    }

    private static void AddListMeta(JsonObject meta, ListPage page)
    {
        if (page.Continue is not null) meta["continue"] = page.Continue;
        if (page.RemainingItemCount is { } remaining) meta["remainingItemCount"] = remaining;
    }
}

/// <summary>One page of a LIST: items, the revision they are current at, and the continuation when more remain.</summary>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
