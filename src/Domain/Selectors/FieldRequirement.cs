namespace Emulator.Domain.Selectors;

/// <summary>
/// One term of a field selector (fields.Requirement): Operator is <see cref="SelectionOperator.Equals"/> for both
/// "=" and "==", or <see cref="SelectionOperator.NotEquals"/>. Value is unescaped.
/// </summary>
public sealed record FieldRequirement(string Field, SelectionOperator Operator, string Value)
{
    /// <summary>hasTerm/notHasTerm.Matches: an absent field reads as "".</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        var actual = fieldValue(Field) ?? "";
        return Operator == SelectionOperator.NotEquals ? actual != Value : actual == Value;
    }

    /// <summary>"field=value" or "field!=value", the value escaped again.</summary>
    public override string ToString() =>
        Field + (Operator == SelectionOperator.NotEquals ? "!=" : "=") + FieldSelector.EscapeValue(Value);
}
