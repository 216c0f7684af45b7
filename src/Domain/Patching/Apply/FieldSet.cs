using System.Text.Json.Nodes;

namespace Emulator.Domain.Patching.Apply;

/// <summary>
/// A set of field paths, stored as a trie of path elements in FieldsV1 spelling (<c>f:name</c>, <c>k:{"port":80}</c>,
/// <c>v:"value"</c>, <c>i:0</c>), as structured-merge-diff's fieldpath.Set. A node is a member when the path ending
/// there is in the set (FieldsV1 writes that as <c>"."</c> when the node also has children, or as <c>{}</c>).
/// </summary>
public sealed class FieldSet
{
    public SortedDictionary<string, FieldSet> Children { get; } = new(StringComparer.Ordinal);

    public bool Member { get; set; }

    public bool IsEmpty => !Member && Children.Values.All(c => c.IsEmpty);

    public FieldSet Child(string element)
    {
        if (!Children.TryGetValue(element, out var child)) Children[element] = child = new FieldSet();
        return child;
    }

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is null) return set;
        if (fields.Count == 0) set.Member = true;
        foreach (var (key, value) in fields)
        {
            if (key == ".") set.Member = true;
            else set.Children[key] = FromFieldsV1(value as JsonObject ?? new JsonObject());
        }
        return set;
    }

    public JsonObject ToFieldsV1()
    {
        var o = new JsonObject();
        if (Member && Children.Count > 0) o["."] = new JsonObject();
        foreach (var (key, child) in Children)
            if (!child.IsEmpty) o[key] = child.ToFieldsV1();
        return o;
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Copy();
        result.Member |= other.Member;
        foreach (var (key, child) in other.Children)
            result.Children[key] = result.Children.TryGetValue(key, out var mine) ? mine.Union(child) : child.Copy();
        return result;
    }

    public FieldSet Except(FieldSet other)
    {
        var result = new FieldSet { Member = Member && !other.Member };
        foreach (var (key, child) in Children)
            result.Children[key] = other.Children.TryGetValue(key, out var theirs) ? child.Except(theirs) : child.Copy();
        return result;
    }

    public FieldSet Intersect(FieldSet other)
    {
        var result = new FieldSet { Member = Member && other.Member };
        foreach (var (key, child) in Children)
            if (other.Children.TryGetValue(key, out var theirs)) result.Children[key] = child.Intersect(theirs);
        return result;
    }

    /// <summary>Every member path, shortest first.</summary>
    public IEnumerable<IReadOnlyList<string>> Paths()
    {
        var all = new List<IReadOnlyList<string>>();
        Collect([], all);
        return all.OrderBy(p => p.Count);
    }

    /// <summary>Member paths with nothing below them: the values a conflict compares (not list items or maps as a whole).</summary>
    public IEnumerable<IReadOnlyList<string>> LeafPaths()
    {
        var all = new List<IReadOnlyList<string>>();
        Collect([], all, leavesOnly: true);
        return all;
    }

    private void Collect(List<string> prefix, List<IReadOnlyList<string>> into, bool leavesOnly = false)
    {
        if (Member && (!leavesOnly || Children.Values.All(c => c.IsEmpty))) into.Add([.. prefix]);
        foreach (var (key, child) in Children)
        {
            prefix.Add(key);
            child.Collect(prefix, into, leavesOnly);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private FieldSet Copy()
    {
        var copy = new FieldSet { Member = Member };
        foreach (var (key, child) in Children) copy.Children[key] = child.Copy();
        return copy;
    }
}
