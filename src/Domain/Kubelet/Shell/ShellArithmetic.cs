using System.Globalization;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>$((...)): integers, + - * / %, comparisons, parentheses, and variables by name or $name.</summary>
public static class ShellArithmetic
{
    public static long Evaluate(string expression, Func<string, string> lookup)
    {
        var pos = 0;
        var result = Compare(expression, ref pos, lookup);
        Skip(expression, ref pos);
        if (pos < expression.Length) throw new ShellSyntaxException($"arithmetic syntax error: {expression}");
        return result;
    }

    private static long Compare(string s, ref int i, Func<string, string> lookup)
    {
        var left = Sum(s, ref i, lookup);
        Skip(s, ref i);
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            if (string.CompareOrdinal(s, i, op, 0, op.Length) != 0) continue;
            i += op.Length;
            var right = Sum(s, ref i, lookup);
            return op switch
            {
                "==" => left == right ? 1 : 0, "!=" => left != right ? 1 : 0, "<=" => left <= right ? 1 : 0,
                ">=" => left >= right ? 1 : 0, "<" => left < right ? 1 : 0, _ => left > right ? 1 : 0,
            };
        }
        return left;
    }

    private static long Sum(string s, ref int i, Func<string, string> lookup)
    {
        var value = Product(s, ref i, lookup);
        while (true)
        {
            Skip(s, ref i);
            if (i < s.Length && s[i] is '+' or '-') { var op = s[i++]; var r = Product(s, ref i, lookup); value = op == '+' ? value + r : value - r; }
            else return value;
        }
    }

    private static long Product(string s, ref int i, Func<string, string> lookup)
    {
        var value = Unary(s, ref i, lookup);
        while (true)
        {
            Skip(s, ref i);
            if (i < s.Length && s[i] is '*' or '/' or '%')
            {
                var op = s[i++];
                var r = Unary(s, ref i, lookup);
                if (op != '*' && r == 0) throw new ShellSyntaxException("arithmetic: division by zero");
                value = op switch { '*' => value * r, '/' => value / r, _ => value % r };
            }
            else return value;
        }
    }

    private static long Unary(string s, ref int i, Func<string, string> lookup)
    {
        Skip(s, ref i);
        if (i >= s.Length) throw new ShellSyntaxException("arithmetic: missing operand");
        if (s[i] == '-') { i++; return -Unary(s, ref i, lookup); }
        if (s[i] == '+') { i++; return Unary(s, ref i, lookup); }
        if (s[i] == '(')
        {
            i++;
            var v = Compare(s, ref i, lookup);
            Skip(s, ref i);
            if (i >= s.Length || s[i] != ')') throw new ShellSyntaxException("arithmetic: missing )");
            i++;
            return v;
        }
        var start = i;
        if (s[i] == '$') start = ++i;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_')) i++;
        var token = s[start..i];
        if (token.Length == 0) throw new ShellSyntaxException($"arithmetic syntax error: {s}");
        if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        var value = lookup(token);
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v2) ? v2 : 0;
    }

    private static void Skip(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
    }
}
