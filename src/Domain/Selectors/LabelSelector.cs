using System.Text.Json.Nodes;

namespace Emulator.Domain.Selectors;

/// <summary>
/// A label selector as apimachinery's labels.Selector (staging/src/k8s.io/apimachinery/pkg/labels/selector.go):
/// parsed from the labelSelector query string, or converted from a metav1.LabelSelector object
/// (metav1.LabelSelectorAsSelector in staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go).
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    /// <summary>labels.Everything(): no requirements, matches every object.</summary>
    public static LabelSelector Everything { get; } = new([], false);

    /// <summary>labels.Nothing(): what a null metav1.LabelSelector converts to; matches no object.</summary>
    public static LabelSelector Nothing { get; } = new([], true);

    /// <summary>The requirements, ANDed, sorted by key.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>True only for <see cref="Nothing"/>.</summary>
    public bool MatchesNothing { get; }

    /// <summary>Selector.Empty(): does not restrict the selection (false for <see cref="Nothing"/>).</summary>
    public bool Empty => !MatchesNothing && Requirements.Count == 0;

    /// <summary>labels.Parse; throws <see cref="SelectorParseException"/> with apimachinery's message.</summary>
    public static LabelSelector Parse(string selector)
    {
        var requirements = LabelSelectorParser.Parse(selector);
        return requirements.Count == 0 ? Everything : new LabelSelector(requirements, false);
    }

    /// <summary>
    /// metav1.LabelSelectorAsSelector: null → <see cref="Nothing"/>, {} → <see cref="Everything"/>, otherwise
    /// matchLabels as "=" requirements plus matchExpressions (In, NotIn, Exists, DoesNotExist).
    /// Throws <see cref="SelectorParseException"/> for an invalid key, value or operator.
    /// </summary>
    public static LabelSelector FromJson(JsonNode? metav1LabelSelector)
    {
        if (metav1LabelSelector is null) return Nothing;
        if (metav1LabelSelector is not JsonObject selector)
            throw new SelectorParseException("a label selector must be an object with matchLabels and matchExpressions");

        var matchLabels = selector["matchLabels"] as JsonObject;
        var matchExpressions = selector["matchExpressions"] as JsonArray;
        if ((matchLabels?.Count ?? 0) + (matchExpressions?.Count ?? 0) == 0) return Everything;

        var requirements = new List<LabelRequirement>();
        // Go ranges over the map in random order; sorting keeps the first reported error deterministic.
        foreach (var (key, value) in (matchLabels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            requirements.Add(LabelRequirement.Create(key, SelectionOperator.Equals, [Text(value)]));

        foreach (var expression in (matchExpressions ?? []).Select(e => e as JsonObject))
        {
            // A missing or malformed entry decodes to Go's zero LabelSelectorRequirement: key "", operator "".
            var key = expression?["key"] is JsonValue k ? Text(k) : "";
            var op = expression?["operator"] is JsonValue o ? Text(o) : "";
            var selectionOperator = op switch
            {
                "In" => SelectionOperator.In,
                "NotIn" => SelectionOperator.NotIn,
                "Exists" => SelectionOperator.Exists,
                "DoesNotExist" => SelectionOperator.DoesNotExist,
                _ => throw new SelectorParseException($"{GoQuote.Quote(op)} is not a valid pod selector operator"),
            };
            var values = expression?["values"] is JsonArray list ? list.Select(Text).ToList() : [];
            requirements.Add(LabelRequirement.Create(key, selectionOperator, values));
        }

        // Selector.Add sorts by key; a stable sort keeps matchLabels ahead of expressions on the same key.
        return new LabelSelector([.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)], false);
    }

    /// <summary>
    /// metav1.FormatLabelSelector, the printers' Selector cell: "app=web", "app in (a,b),tier", "&lt;none&gt;" for
    /// a null or empty selector, "&lt;error&gt;" for one that does not convert.
    /// </summary>
    public static string FormatForDisplay(JsonNode? metav1LabelSelector)
    {
        string text;
        try
        {
            text = FromJson(metav1LabelSelector).ToString();
        }
        catch (SelectorParseException)
        {
            return "<error>";
        }
        return text.Length == 0 ? "<none>" : text;
    }

    /// <summary>All requirements hold; <see cref="Nothing"/> never matches.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        !MatchesNothing && Requirements.All(r => r.Matches(labels));

    /// <summary>
    /// Selector.RequiresExactMatch: the value the first requirement on <paramref name="label"/> pins
    /// (=, == or a one-value in), used to narrow a list before matching.
    /// </summary>
    public bool TryGetExactMatch(string label, out string value)
    {
        value = "";
        var requirement = Requirements.FirstOrDefault(r => r.Key == label);
        if (requirement is null
            || requirement.Operator is not (SelectionOperator.Equals or SelectionOperator.DoubleEquals or SelectionOperator.In)
            || requirement.Values.Count != 1)
            return false;
        value = requirement.Values[0];
        return true;
    }

    /// <summary>Selector.String(): the requirements joined with ","; "" for Everything and Nothing.</summary>
    public override string ToString() => string.Join(",", Requirements);

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "";
}
