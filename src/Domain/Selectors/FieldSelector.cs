using System.Text;

namespace Emulator.Domain.Selectors;

/// <summary>
/// A field selector as apimachinery's fields.ParseSelector (staging/src/k8s.io/apimachinery/pkg/fields/selector.go):
/// comma-separated "field=value", "field==value" or "field!=value" terms, ANDed. Values may escape "\," "\=" and "\\".
/// Which field names a kind supports is the caller's business (see <see cref="Requirements"/>).
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] TermOperators = ["!=", "==", "="];

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    /// <summary>fields.Everything().</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms in the parser's order (terms are sorted as raw text before parsing).</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool Empty => Requirements.Count == 0;

    /// <summary>fields.ParseSelector; throws <see cref="SelectorParseException"/> with apimachinery's message.</summary>
    public static FieldSelector Parse(string selector)
    {
        var parts = SplitTerms(selector);
        parts.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>();
        foreach (var part in parts)
        {
            if (part.Length == 0) continue;
            if (!TrySplitTerm(part, out var lhs, out var op, out var rhs))
                throw new SelectorParseException($"invalid selector: '{selector}'; can't understand '{part}'");
            var value = UnescapeValue(rhs);
            // Transform drops a term whose field and value are both empty ("=" alone selects everything).
            if (lhs.Length == 0 && value.Length == 0) continue;
            requirements.Add(new FieldRequirement(lhs, op == "!=" ? SelectionOperator.NotEquals : SelectionOperator.Equals, value));
        }
        return requirements.Count == 0 ? Everything : new FieldSelector(requirements);
    }

    public bool Matches(Func<string, string?> fieldValue) => Requirements.All(r => r.Matches(fieldValue));

    /// <summary>Selector.RequiresExactMatch: the value the first "=" term on <paramref name="field"/> pins.</summary>
    public bool TryGetExactMatch(string field, out string value)
    {
        var requirement = Requirements.FirstOrDefault(r => r.Field == field && r.Operator == SelectionOperator.Equals);
        value = requirement?.Value ?? "";
        return requirement is not null;
    }

    public override string ToString() => string.Join(",", Requirements);

    /// <summary>fields.EscapeValue: prefixes \ , and = with a backslash.</summary>
    public static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal);

    /// <summary>fields.UnescapeValue, with its InvalidEscapeSequence and UnescapedRune messages.</summary>
    public static string UnescapeValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', ',', '=') < 0) return value;
        var sb = new StringBuilder(value.Length);
        var inSlash = false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (inSlash)
            {
                if (rune.Value is not ('\\' or ',' or '='))
                    throw new SelectorParseException($"invalid field selector: invalid escape sequence: \\{rune}");
                sb.Append(rune.ToString());
                inSlash = false;
                continue;
            }
            switch (rune.Value)
            {
                case '\\':
                    inSlash = true;
                    break;
                case ',' or '=':
                    // Go prints the rune with %v, i.e. as its code point number.
                    throw new SelectorParseException($"invalid field selector: unescaped character in value: {rune.Value}");
                default:
                    sb.Append(rune.ToString());
                    break;
            }
        }
        if (inSlash) throw new SelectorParseException("invalid field selector: invalid escape sequence: \\");
        return sb.ToString();
    }

    // splitTerms: commas split terms unless backslash-escaped; the backslash stays in the term.
    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        if (selector.Length == 0) return terms;
        var start = 0;
        var inSlash = false;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (inSlash) inSlash = false;
            else if (c == '\\') inSlash = true;
            else if (c == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }
        terms.Add(selector[start..]);
        return terms;
    }

    // splitTerm: the first operator occurrence splits (no escaping on the left side); "!=" and "==" win over "=".
    private static bool TrySplitTerm(string term, out string lhs, out string op, out string rhs)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in TermOperators)
            {
                if (!term.AsSpan(i).StartsWith(candidate, StringComparison.Ordinal)) continue;
                lhs = term[..i];
                op = candidate;
                rhs = term[(i + candidate.Length)..];
                return true;
            }
        }
        lhs = op = rhs = "";
        return false;
    }
}
