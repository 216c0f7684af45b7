using System.Globalization;
using System.Text;

namespace Emulator.Domain.Selectors;

/// <summary>
/// Go's strconv.Quote (the %q verb), so error texts that quote a bad value read byte for byte like the apiserver's.
/// </summary>
internal static class GoQuote
{
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\a': sb.Append("\\a"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\v': sb.Append("\\v"); continue;
            }
            if (IsPrint(rune)) sb.Append(rune.ToString());
            else if (rune.Value < ' ' || rune.Value == 0x7f) sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
            else if (rune.Value < 0x10000) sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
            else sb.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space only.</summary>
    private static bool IsPrint(Rune rune)
    {
        if (rune.Value == ' ') return true;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }
}
