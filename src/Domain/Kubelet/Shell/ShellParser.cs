using System.Text;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>
/// A POSIX sh subset, enough for the scripts course material gives busybox and alpine: words with quotes and
/// escapes, $VAR/${VAR}/$(...)/`...`/$((...)), assignments, redirections, ; &amp;&amp; || ! |, while/until/for/if.
/// Pipes run their stages one after the other (the next reads all the previous one wrote), so a pipe from an endless
/// producer never delivers; background jobs and subshells are refused (ShellSyntaxException).
/// </summary>
public sealed class ShellParser
{
    private readonly List<object> _tokens = [];
    private int _pos;

    private static readonly HashSet<string> Terminators = ["do", "done", "then", "else", "elif", "fi"];

    public static ShellNode Parse(string script)
    {
        var parser = new ShellParser();
        parser.Tokenize(script);
        var node = parser.ParseList(_ => false);
        if (parser._pos < parser._tokens.Count) throw new ShellSyntaxException($"syntax error near {Describe(parser._tokens[parser._pos])}");
        return node;
    }

    private static string Describe(object token) => token is Word w ? $"\"{w.Static ?? "word"}\"" : $"\"{token}\"";

    // Tokens are Word, or string operators: ";", "\n", "&&", "||", "|", "&", "!", ">", ">>", "<", "2>", "2>>", ">&", "(", ")".
    private void Tokenize(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or '\t' or '\r') { i++; continue; }
            if (c == '\\' && i + 1 < s.Length && s[i + 1] == '\n') { i += 2; continue; }
            if (c == '#') { while (i < s.Length && s[i] != '\n') i++; continue; }
            if (c == '\n' || c == ';') { _tokens.Add(c == '\n' ? "\n" : ";"); i++; continue; }
            if (c == '&') { _tokens.Add(i + 1 < s.Length && s[i + 1] == '&' ? "&&" : "&"); i += _tokens[^1] is "&&" ? 2 : 1; continue; }
            if (c == '|') { _tokens.Add(i + 1 < s.Length && s[i + 1] == '|' ? "||" : "|"); i += _tokens[^1] is "||" ? 2 : 1; continue; }
            if (c is '(' or ')') { _tokens.Add(c.ToString()); i++; continue; }
            if (c == '>' || c == '<' || (char.IsDigit(c) && i + 1 < s.Length && s[i + 1] == '>'))
            {
                var start = i;
                if (char.IsDigit(c)) i++;
                i++;
                if (i < s.Length && (s[i] == '>' || s[i] == '&')) i++;
                var op = s[start..i];
                if (op.EndsWith('&'))
                {
                    // 2>&1, >&2: a duplication, its target is the descriptor number.
                    var fd = new StringBuilder();
                    while (i < s.Length && char.IsDigit(s[i])) fd.Append(s[i++]);
                    _tokens.Add(new Redirect(op, new Word([new Literal(fd.ToString(), false)])));
                    continue;
                }
                _tokens.Add(op);
                continue;
            }
            _tokens.Add(ReadWord(s, ref i));
        }
    }

    private static Word ReadWord(string s, ref int i)
    {
        var parts = new List<WordPart>();
        var text = new StringBuilder();
        void Flush(bool quoted)
        {
            if (text.Length > 0) parts.Add(new Literal(text.ToString(), quoted));
            text.Clear();
        }
        while (i < s.Length && !IsBreak(s[i]))
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length) { text.Append(s[i + 1]); i += 2; }
            else if (c == '\'')
            {
                Flush(false);
                var end = s.IndexOf('\'', i + 1);
                if (end < 0) throw new ShellSyntaxException("unterminated quoted string");
                parts.Add(new Literal(s[(i + 1)..end], true));
                i = end + 1;
            }
            else if (c == '"')
            {
                Flush(false);
                i++;
                var sawAny = false;
                while (i < s.Length && s[i] != '"')
                {
                    sawAny = true;
                    if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\\' or '$' or '`') { text.Append(s[i + 1]); i += 2; }
                    else if (s[i] is '$' or '`' && Expansion(s, ref i, true) is { } part) { Flush(true); parts.Add(part); }
                    else text.Append(s[i++]);
                }
                if (i >= s.Length) throw new ShellSyntaxException("unterminated quoted string");
                i++;
                if (text.Length > 0 || !sawAny) parts.Add(new Literal(text.ToString(), true));
                text.Clear();
            }
            else if (c is '$' or '`' && Expansion(s, ref i, false) is { } part) { Flush(false); parts.Add(part); }
            else { text.Append(c); i++; }
        }
        Flush(false);
        return new Word(parts);
    }

    private static bool IsBreak(char c) => c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '<' or '>' or '(' or ')';

    /// <summary>An expansion at s[i] ('$' or '`'), or null when the '$' is literal (then i is unchanged).</summary>
    private static WordPart? Expansion(string s, ref int i, bool quoted)
    {
        if (s[i] == '`')
        {
            var end = s.IndexOf('`', i + 1);
            if (end < 0) throw new ShellSyntaxException("unterminated `");
            var inner = s[(i + 1)..end];
            i = end + 1;
            return new CommandSubstitution(Parse(inner), quoted);
        }
        if (i + 1 >= s.Length) return null;
        var next = s[i + 1];
        if (next == '(' && i + 2 < s.Length && s[i + 2] == '(')
        {
            var end = s.IndexOf("))", i + 3, StringComparison.Ordinal);
            if (end < 0) throw new ShellSyntaxException("unterminated $((");
            var expr = s[(i + 3)..end];
            i = end + 2;
            return new Arithmetic(expr, quoted);
        }
        if (next == '(')
        {
            var depth = 0;
            var j = i + 1;
            for (; j < s.Length; j++)
            {
                if (s[j] == '(') depth++;
                else if (s[j] == ')' && --depth == 0) break;
            }
            if (j >= s.Length) throw new ShellSyntaxException("unterminated $(");
            var inner = s[(i + 2)..j];
            i = j + 1;
            return new CommandSubstitution(Parse(inner), quoted);
        }
        if (next == '{')
        {
            var end = s.IndexOf('}', i + 2);
            if (end < 0) throw new ShellSyntaxException("unterminated ${");
            var name = s[(i + 2)..end];
            if (!IsName(name) && name is not ("?" or "#" or "$")) throw new ShellSyntaxException($"parameter expansion ${{{name}}}");
            i = end + 1;
            return new Variable(name, quoted);
        }
        if (next is '?' or '$' or '#' || char.IsDigit(next)) { i += 2; return new Variable(next.ToString(), quoted); }
        if (char.IsLetter(next) || next == '_')
        {
            var j = i + 1;
            while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_')) j++;
            var name = s[(i + 1)..j];
            i = j;
            return new Variable(name, quoted);
        }
        return null;
    }

    public static bool IsName(string s) => s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');

    private object? Peek => _pos < _tokens.Count ? _tokens[_pos] : null;

    private bool PeekKeyword(string keyword) => Peek is Word w && w.Plain == keyword;

    private void Expect(string keyword)
    {
        SkipNewlines();
        if (!PeekKeyword(keyword)) throw new ShellSyntaxException($"expected \"{keyword}\"");
        _pos++;
    }

    private void SkipNewlines()
    {
        while (Peek is "\n" or ";") _pos++;
    }

    /// <summary>A list of and-or items separated by ; or newlines, until a terminator keyword or the end.</summary>
    private ShellNode ParseList(Func<string, bool> stop)
    {
        var items = new List<ShellNode>();
        while (true)
        {
            SkipNewlines();
            if (Peek is null || Peek is ")" || (Peek is Word w && w.Plain is { } k && Terminators.Contains(k))) break;
            items.Add(ParseAndOr());
            if (Peek is "&") throw new ShellSyntaxException("background jobs (&)");
        }
        return items.Count == 1 ? items[0] : new Sequence(items);
    }

    private ShellNode ParseAndOr()
    {
        var left = ParsePipeline();
        while (Peek is "&&" or "||")
        {
            var and = (string)Peek! == "&&";
            _pos++;
            SkipNewlines();
            left = new AndOr(left, and, ParsePipeline());
        }
        return left;
    }

    private ShellNode ParsePipeline()
    {
        var negate = false;
        if (Peek is Word w && w.Plain == "!") { negate = true; _pos++; }
        var node = ParseCommand();
        if (Peek is "|")
        {
            var stages = new List<ShellNode> { node };
            while (Peek is "|")
            {
                _pos++;
                SkipNewlines();
                stages.Add(ParseCommand());
            }
            node = new Pipeline(stages);
        }
        return negate ? new Not(node) : node;
    }

    private ShellNode ParseCommand()
    {
        if (Peek is Word w)
        {
            switch (w.Plain)
            {
                case "while" or "until":
                {
                    _pos++;
                    var cond = ParseList(_ => true);
                    Expect("do");
                    var body = ParseList(_ => true);
                    Expect("done");
                    return new WhileLoop(cond, body, w.Plain == "until");
                }
                case "for":
                {
                    _pos++;
                    if (Peek is not Word v || v.Plain is not { } name || !IsName(name)) throw new ShellSyntaxException("bad for loop variable");
                    _pos++;
                    List<Word>? items = null;
                    if (PeekKeyword("in"))
                    {
                        _pos++;
                        items = [];
                        while (Peek is Word item) { items.Add(item); _pos++; }
                    }
                    Expect("do");
                    var body = ParseList(_ => true);
                    Expect("done");
                    return new ForLoop(name, items, body);
                }
                case "if":
                {
                    _pos++;
                    return ParseIfRest();
                }
            }
        }
        if (Peek is "(") throw new ShellSyntaxException("subshells");
        return ParseSimple();
    }

    private ShellNode ParseIfRest()
    {
        var cond = ParseList(_ => true);
        Expect("then");
        var then = ParseList(_ => true);
        SkipNewlines();
        ShellNode? otherwise = null;
        if (PeekKeyword("elif")) { _pos++; return new IfClause(cond, then, ParseIfRest()); }
        if (PeekKeyword("else")) { _pos++; otherwise = ParseList(_ => true); }
        Expect("fi");
        return new IfClause(cond, then, otherwise);
    }

    private SimpleCommand ParseSimple()
    {
        var assignments = new List<(string, Word)>();
        var words = new List<Word>();
        var redirects = new List<Redirect>();
        while (true)
        {
            if (Peek is Redirect dup) { redirects.Add(dup); _pos++; continue; }
            if (Peek is string op && op is ">" or ">>" or "<" or "1>" or "1>>" or "2>" or "2>>")
            {
                _pos++;
                if (Peek is not Word target) throw new ShellSyntaxException($"missing target after {op}");
                _pos++;
                redirects.Add(new Redirect(op, target));
                continue;
            }
            if (Peek is not Word w) break;
            if (words.Count == 0 && w.Parts.Count > 0 && w.Parts[0] is Literal { Quoted: false } first && first.Text.IndexOf('=') is > 0 and var eq
                && IsName(first.Text[..eq]))
            {
                var rest = new List<WordPart>();
                if (eq + 1 < first.Text.Length) rest.Add(new Literal(first.Text[(eq + 1)..], false));
                rest.AddRange(w.Parts.Skip(1));
                assignments.Add((first.Text[..eq], new Word(rest)));
                _pos++;
                continue;
            }
            words.Add(w);
            _pos++;
        }
        if (words.Count == 0 && assignments.Count == 0 && redirects.Count == 0)
            throw new ShellSyntaxException(Peek is null ? "unexpected end of script" : $"syntax error near {Describe(Peek)}");
        return new SimpleCommand(assignments, words, redirects);
    }
}
