using System.Globalization;
using System.Text;

namespace Emulator.Domain.Selectors;

/// <summary>
/// One term of a label selector: key, operator and values, as labels.Requirement in
/// staging/src/k8s.io/apimachinery/pkg/labels/selector.go. Built only through <see cref="Create"/>, which
/// validates like labels.NewRequirement.
/// </summary>
public sealed class LabelRequirement
{
    private LabelRequirement(string key, SelectionOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }

    public SelectionOperator Operator { get; }

    /// <summary>The values as given (the string parser hands them over sorted and de-duplicated).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// labels.NewRequirement: the key must be a label key, the value count must suit the operator, gt/lt need an
    /// integer, and every value must be a label value. All complaints are aggregated into one message.
    /// </summary>
    internal static LabelRequirement Create(string key, SelectionOperator op, IReadOnlyList<string> values)
    {
        var errors = new List<string>();
        if (LabelValidation.ValidateKey(key, "key") is { } keyError) errors.Add(keyError);

        switch (op)
        {
            case SelectionOperator.In or SelectionOperator.NotIn when values.Count == 0:
                errors.Add(LabelValidation.Invalid("values", LabelValidation.GoStringSlice(values),
                    "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case SelectionOperator.Equals or SelectionOperator.DoubleEquals or SelectionOperator.NotEquals when values.Count != 1:
                errors.Add(LabelValidation.Invalid("values", LabelValidation.GoStringSlice(values),
                    "exact-match compatibility requires one single value"));
                break;
            case SelectionOperator.Exists or SelectionOperator.DoesNotExist when values.Count != 0:
                errors.Add(LabelValidation.Invalid("values", LabelValidation.GoStringSlice(values),
                    "values set must be empty for exists and does not exist"));
                break;
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (values.Count != 1)
                    errors.Add(LabelValidation.Invalid("values", LabelValidation.GoStringSlice(values),
                        "for 'Gt', 'Lt' operators, exactly one value is required"));
                for (var i = 0; i < values.Count; i++)
                    if (!TryParseInt(values[i], out _))
                        errors.Add(LabelValidation.Invalid($"values[{i}]", GoQuote.Quote(values[i]),
                            "for 'Gt', 'Lt' operators, the value must be an integer"));
                break;
        }

        for (var i = 0; i < values.Count; i++)
            if (LabelValidation.ValidateValue(key, values[i], $"values[{i}]") is { } valueError) errors.Add(valueError);

        if (LabelValidation.Aggregate(errors) is { } message) throw new SelectorParseException(message);
        return new LabelRequirement(key, op, values);
    }

    /// <summary>Requirement.Matches: NotIn and != also match when the label is absent; gt/lt compare integers.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        switch (Operator)
        {
            case SelectionOperator.In or SelectionOperator.Equals or SelectionOperator.DoubleEquals:
                return labels.TryGetValue(Key, out var value) && Values.Contains(value, StringComparer.Ordinal);
            case SelectionOperator.NotIn or SelectionOperator.NotEquals:
                return !labels.TryGetValue(Key, out var other) || !Values.Contains(other, StringComparer.Ordinal);
            case SelectionOperator.Exists:
                return labels.ContainsKey(Key);
            case SelectionOperator.DoesNotExist:
                return !labels.ContainsKey(Key);
            case SelectionOperator.GreaterThan or SelectionOperator.LessThan:
                if (!labels.TryGetValue(Key, out var text) || !TryParseInt(text, out var actual)) return false;
                if (Values.Count != 1 || !TryParseInt(Values[0], out var bound)) return false;
                return Operator == SelectionOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>Requirement.String: "!k", "k", "k=v", "k==v", "k!=v", "k in (a,b)", "k notin (a)", "k>5", "k&lt;5"; values sorted.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Operator == SelectionOperator.DoesNotExist) sb.Append('!');
        sb.Append(Key);
        switch (Operator)
        {
            case SelectionOperator.Equals: sb.Append('='); break;
            case SelectionOperator.DoubleEquals: sb.Append("=="); break;
            case SelectionOperator.NotEquals: sb.Append("!="); break;
            case SelectionOperator.In: sb.Append(" in "); break;
            case SelectionOperator.NotIn: sb.Append(" notin "); break;
            case SelectionOperator.GreaterThan: sb.Append('>'); break;
            case SelectionOperator.LessThan: sb.Append('<'); break;
            case SelectionOperator.Exists or SelectionOperator.DoesNotExist: return sb.ToString();
        }

        var setBased = Operator is SelectionOperator.In or SelectionOperator.NotIn;
        if (setBased) sb.Append('(');
        sb.Append(Values.Count == 1 ? Values[0] : string.Join(",", Values.Order(StringComparer.Ordinal)));
        if (setBased) sb.Append(')');
        return sb.ToString();
    }

    // strconv.ParseInt(s, 10, 64): optional sign, decimal digits, no spaces.
    internal static bool TryParseInt(string s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
