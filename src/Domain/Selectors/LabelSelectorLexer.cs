namespace Emulator.Domain.Selectors;

/// <summary>
/// The label selector tokenizer of staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Lexer), kept
/// character for character so that the parser sees the same token stream and reports the same literals.
/// </summary>
internal sealed class LabelSelectorLexer(string input)
{
    internal enum Token
    {
        Error,
        EndOfString,
        ClosedPar,
        Comma,
        DoesNotExist,
        DoubleEquals,
        Equals,
        GreaterThan,
        Identifier,
        In,
        LessThan,
        NotEquals,
        NotIn,
        OpenPar,
    }

    // string2token: note that ">" and "<" are the gt/lt operators; the words "gt" and "lt" are plain identifiers.
    private static readonly Dictionary<string, Token> Literals = new(StringComparer.Ordinal)
    {
        [")"] = Token.ClosedPar,
        [","] = Token.Comma,
        ["!"] = Token.DoesNotExist,
        ["=="] = Token.DoubleEquals,
        ["="] = Token.Equals,
        [">"] = Token.GreaterThan,
        ["in"] = Token.In,
        ["<"] = Token.LessThan,
        ["!="] = Token.NotEquals,
        ["notin"] = Token.NotIn,
        ["("] = Token.OpenPar,
    };

    private int _pos;

    /// <summary>Lex: skips blanks, then scans an operator run or an identifier/keyword.</summary>
    public (Token Token, string Literal) Lex()
    {
        var ch = SkipWhiteSpaces(Read());
        if (ch == '\0') return (Token.EndOfString, "");
        Unread();
        return IsSpecialSymbol(ch) ? ScanSpecialSymbol() : ScanIdOrKeyword();
    }

    // read returns 0 past the end without moving, exactly like the Go lexer's read().
    private char Read() => _pos < input.Length ? input[_pos++] : '\0';

    private void Unread() => _pos--;

    private static bool IsWhitespace(char ch) => ch is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char ch) => ch is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private char SkipWhiteSpaces(char ch)
    {
        while (IsWhitespace(ch)) ch = Read();
        return ch;
    }

    private (Token, string) ScanIdOrKeyword()
    {
        var start = _pos;
        var length = 0;
        while (true)
        {
            var ch = Read();
            if (ch == '\0') break;
            if (IsSpecialSymbol(ch) || IsWhitespace(ch))
            {
                Unread();
                break;
            }
            length++;
        }
        var s = input.Substring(start, length);
        return Literals.TryGetValue(s, out var token) ? (token, s) : (Token.Identifier, s);
    }

    // Longest run of special symbols that still forms a known operator: "!=" and "==" but "=!" is "=" then "!".
    private (Token, string) ScanSpecialSymbol()
    {
        var buffer = "";
        (Token Token, string Literal) last = (Token.Error, "");
        while (true)
        {
            var ch = Read();
            if (ch == '\0') break;
            if (!IsSpecialSymbol(ch))
            {
                Unread();
                break;
            }
            buffer += ch;
            if (Literals.TryGetValue(buffer, out var token)) last = (token, buffer);
            else if (last.Token != Token.Error)
            {
                Unread();
                break;
            }
        }
        return last.Token == Token.Error ? (Token.Error, $"error expected: keyword found '{buffer}'") : last;
    }
}
