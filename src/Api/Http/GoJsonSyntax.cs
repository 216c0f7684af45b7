using System.Text;

namespace Emulator.Api.Http;

/// <summary>
/// The syntax check Go's encoding/json runs before it decodes anything (scanner.go checkValid), reproduced so a
/// malformed body gets the words the apiserver answers with ("unexpected end of JSON input", "invalid character 'x'
/// looking for beginning of value", ...). It is iterative, so hostile nesting costs a counter, never stack. Go refuses
/// nesting deeper than 10000 ("exceeded max depth"); the emulator refuses it, in the same words, past
/// <see cref="MaxNestingDepth"/> levels, which every JSON reader and writer of the store and the wire can hold (ADR 0008).
/// </summary>
public static class GoJsonSyntax
{
    /// <summary>Go's limit (encoding/json scanner.go maxNestingDepth).</summary>
    public const int GoMaxNestingDepth = 10000;

    /// <summary>
    /// The emulator's limit: System.Text.Json readers and writers default to 64 levels everywhere (store, lists,
    /// watch events, tables), and a list or table wraps an object in up to 3 more; 56 leaves room for that.
    /// </summary>
    public const int MaxNestingDepth = 56;

    private enum Step
    {
        BeginValue, BeginValueOrEmpty, BeginStringOrEmpty, BeginString, EndValue, EndTop,
        InString, InStringEsc, InStringEscU, Neg, Num1, Zero, Dot, Dot0, E, ESign, E0, Literal,
    }

    /// <summary>Null when <paramref name="data"/> is one valid JSON value; otherwise Go's SyntaxError message.</summary>
    public static string? Check(ReadOnlySpan<byte> data, int maxDepth = MaxNestingDepth)
    {
        var stack = new Stack<bool>(); // true = object, false = array
        var objectKeyExpected = new Stack<bool>(); // per object: is the parser before the ':' (key) or after (value)
        var step = Step.BeginValue;
        var hexLeft = 0;
        var literal = "";
        var literalPos = 0;
        for (var i = 0; i <= data.Length; i++)
        {
            var atEnd = i == data.Length;
            // At the end Go feeds one space (scanner.eof): an open number completes, an open literal or escape errs on ' '.
            var c = atEnd ? (byte)' ' : data[i];
            var consumed = false;
            while (!consumed)
            {
                consumed = true;
                switch (step)
                {
                    case Step.BeginValueOrEmpty:
                        if (IsSpace(c)) break;
                        if (c == ']') { stack.Pop(); step = Step.EndValue; break; }
                        step = Step.BeginValue; consumed = false; break;
                    case Step.BeginValue:
                        if (IsSpace(c)) break;
                        switch (c)
                        {
                            case (byte)'{':
                                if (stack.Count + 1 > maxDepth) return Error(c, "exceeded max depth");
                                stack.Push(true); objectKeyExpected.Push(true); step = Step.BeginStringOrEmpty; break;
                            case (byte)'[':
                                if (stack.Count + 1 > maxDepth) return Error(c, "exceeded max depth");
                                stack.Push(false); step = Step.BeginValueOrEmpty; break;
                            case (byte)'"': step = Step.InString; break;
                            case (byte)'-': step = Step.Neg; break;
                            case (byte)'0': step = Step.Zero; break;
                            case >= (byte)'1' and <= (byte)'9': step = Step.Num1; break;
                            case (byte)'t': literal = "true"; literalPos = 1; step = Step.Literal; break;
                            case (byte)'f': literal = "false"; literalPos = 1; step = Step.Literal; break;
                            case (byte)'n': literal = "null"; literalPos = 1; step = Step.Literal; break;
                            default: return atEnd ? Eof : Error(c, "looking for beginning of value");
                        }
                        break;
                    case Step.BeginStringOrEmpty:
                        if (IsSpace(c)) break;
                        if (c == '}') { stack.Pop(); objectKeyExpected.Pop(); step = Step.EndValue; break; }
                        step = Step.BeginString; consumed = false; break;
                    case Step.BeginString:
                        if (IsSpace(c)) break;
                        if (c == '"') { step = Step.InString; break; }
                        return atEnd ? Eof : Error(c, "looking for beginning of object key string");
                    case Step.EndValue:
                        if (stack.Count == 0) { step = Step.EndTop; consumed = false; break; }
                        if (IsSpace(c)) break;
                        if (stack.Peek())
                        {
                            if (objectKeyExpected.Peek())
                            {
                                if (c == ':') { objectKeyExpected.Pop(); objectKeyExpected.Push(false); step = Step.BeginValue; break; }
                                return atEnd ? Eof : Error(c, "after object key");
                            }
                            if (c == ',') { objectKeyExpected.Pop(); objectKeyExpected.Push(true); step = Step.BeginString; break; }
                            if (c == '}') { stack.Pop(); objectKeyExpected.Pop(); step = Step.EndValue; break; }
                            return atEnd ? Eof : Error(c, "after object key:value pair");
                        }
                        if (c == ',') { step = Step.BeginValue; break; }
                        if (c == ']') { stack.Pop(); step = Step.EndValue; break; }
                        return atEnd ? Eof : Error(c, "after array element");
                    case Step.EndTop:
                        if (!IsSpace(c)) return Error(c, "after top-level value");
                        break;
                    case Step.InString:
                        if (atEnd) return Eof;
                        if (c == '"') { step = Step.EndValue; break; }
                        if (c == '\\') { step = Step.InStringEsc; break; }
                        if (c < 0x20) return Error(c, "in string literal");
                        break;
                    case Step.InStringEsc:
                        if (c is (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t' or (byte)'\\' or (byte)'/' or (byte)'"') { step = Step.InString; break; }
                        if (c == 'u') { hexLeft = 4; step = Step.InStringEscU; break; }
                        return Error(c, "in string escape code");
                    case Step.InStringEscU:
                        if (!Uri.IsHexDigit((char)c)) return Error(c, "in \\u hexadecimal character escape");
                        if (--hexLeft == 0) step = Step.InString;
                        break;
                    case Step.Neg:
                        if (c == '0') { step = Step.Zero; break; }
                        if (c is >= (byte)'1' and <= (byte)'9') { step = Step.Num1; break; }
                        return Error(c, "in numeric literal");
                    case Step.Num1:
                        if (c is >= (byte)'0' and <= (byte)'9') break;
                        step = Step.Zero; consumed = false; break;
                    case Step.Zero:
                        if (c == '.') { step = Step.Dot; break; }
                        if (c is (byte)'e' or (byte)'E') { step = Step.E; break; }
                        step = Step.EndValue; consumed = false; break;
                    case Step.Dot:
                        if (c is >= (byte)'0' and <= (byte)'9') { step = Step.Dot0; break; }
                        return Error(c, "after decimal point in numeric literal");
                    case Step.Dot0:
                        if (c is >= (byte)'0' and <= (byte)'9') break;
                        if (c is (byte)'e' or (byte)'E') { step = Step.E; break; }
                        step = Step.EndValue; consumed = false; break;
                    case Step.E:
                        if (c is (byte)'+' or (byte)'-') { step = Step.ESign; break; }
                        step = Step.ESign; consumed = false; break;
                    case Step.ESign:
                        if (c is >= (byte)'0' and <= (byte)'9') { step = Step.E0; break; }
                        return Error(c, "in exponent of numeric literal");
                    case Step.E0:
                        if (c is >= (byte)'0' and <= (byte)'9') break;
                        step = Step.EndValue; consumed = false; break;
                    case Step.Literal:
                        if (c != literal[literalPos]) return Error(c, $"in literal {literal} (expecting {QuoteChar((byte)literal[literalPos])})");
                        if (++literalPos == literal.Length) step = Step.EndValue;
                        break;
                }
            }
        }
        return step == Step.EndTop ? null : Eof;
    }

    private const string Eof = "unexpected end of JSON input";

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static string Error(byte c, string context) => $"invalid character {QuoteChar(c)} {context}";

    /// <summary>Go's quoteChar: strconv.Quote of the byte taken as a rune, in single quotes.</summary>
    public static string QuoteChar(byte c)
    {
        if (c == '\'') return @"'\''";
        if (c == '"') return "'\"'";
        return "'" + QuoteRune(c) + "'";
    }

    private static string QuoteRune(int r) => r switch
    {
        7 => @"\a", 8 => @"\b", 12 => @"\f", 10 => @"\n", 13 => @"\r", 9 => @"\t", 11 => @"\v",
        '\\' => @"\\",
        < 0x20 or 0x7f => $"\\x{r:x2}",
        >= 0x80 and < 0xa1 or 0xad => $"\\u{r:x4}",
        _ => ((char)r).ToString(),
    };

    /// <summary>How deep <paramref name="node"/> nests objects and arrays (a scalar is 0), walked without recursion.</summary>
    public static int Depth(System.Text.Json.Nodes.JsonNode? node)
    {
        var max = 0;
        var pending = new Stack<(System.Text.Json.Nodes.JsonNode? Node, int Depth)>();
        pending.Push((node, 1));
        while (pending.Count > 0)
        {
            var (current, depth) = pending.Pop();
            switch (current)
            {
                case System.Text.Json.Nodes.JsonObject o:
                    max = Math.Max(max, depth);
                    foreach (var (_, v) in o) pending.Push((v, depth + 1));
                    break;
                case System.Text.Json.Nodes.JsonArray a:
                    max = Math.Max(max, depth);
                    foreach (var v in a) pending.Push((v, depth + 1));
                    break;
            }
        }
        return max;
    }

    /// <summary>The body summary transformDecodeError appends (apiserver handlers/rest.go summarizeData).</summary>
    public static string Summarize(ReadOnlySpan<byte> data, int maxLength = 30)
    {
        if (data.Length == 0) return "<empty>";
        var cut = data.Length > maxLength ? data[..maxLength] : data;
        var suffix = data.Length > maxLength ? " ..." : "";
        if (data[0] == '{') return Encoding.UTF8.GetString(cut) + suffix;
        return Convert.ToHexStringLower(cut) + suffix;
    }

    /// <summary>Go's name for a JSON value's kind in "json: cannot unmarshal X into ..." errors.</summary>
    public static string GoKind(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        null => "null",
        System.Text.Json.Nodes.JsonArray => "array",
        System.Text.Json.Nodes.JsonObject => "object",
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => "string",
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
        _ => "number",
    };

}
