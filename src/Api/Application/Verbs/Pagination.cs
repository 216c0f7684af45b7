using System.Text;
using System.Text.Json;
using Emulator.Api.Http;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Application.Verbs;

/// <summary>
/// limit/continue paging. The token carries the list's resourceVersion and the last key served; later pages read
/// current state after that key (the apiserver reads etcd at the first page's revision; we keep no old snapshots).
/// </summary>
public static class Pagination
{
    private sealed record Token(long Rv, string Start);

    public static ListPage Page(IEnumerable<StoredObject> sorted, long revision, long? limit, string? continueToken)
    {
        var items = sorted;
        var listRevision = revision;
        if (!string.IsNullOrEmpty(continueToken))
        {
            var token = Decode(continueToken);
            listRevision = token.Rv;
            items = items.Where(i => string.CompareOrdinal(KeyOf(i), token.Start) > 0);
        }
        var all = items.ToList();
        if (limit is not > 0 || all.Count <= limit) return new ListPage(all, listRevision, null, null);
        var page = all.Take((int)Math.Min(limit.Value, int.MaxValue)).ToList();
        var next = Encode(new Token(listRevision, KeyOf(page[^1])));
        return new ListPage(page, listRevision, next, all.Count - page.Count);
    }

    private static string KeyOf(StoredObject o) => $"{o.Object.Namespace()}/{o.Object.Name()}";

    private static string Encode(Token t) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["v"] = "meta.k8s.io/v1", ["rv"] = t.Rv, ["start"] = t.Start }));

    private static Token Decode(string token)
    {
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(token));
            return new Token(doc.RootElement.GetProperty("rv").GetInt64(), doc.RootElement.GetProperty("start").GetString() ?? "");
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw StatusException.BadRequest($"continue key is not valid: {Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(e.Message))}");
        }
    }
}
