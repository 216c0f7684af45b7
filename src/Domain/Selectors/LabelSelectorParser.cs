using Token = Emulator.Domain.Selectors.LabelSelectorLexer.Token;

namespace Emulator.Domain.Selectors;

/// <summary>
/// The recursive-descent parser of staging/src/k8s.io/apimachinery/pkg/labels/selector.go (Parser), with its
/// error texts. Errors inside one requirement are wrapped in "unable to parse requirement: ..."; errors between
/// requirements are not, as in parse().
/// </summary>
internal sealed class LabelSelectorParser
{
    private static readonly string BinaryOperators = string.Join(", ", "in", "notin", "=", "==", "!=", "gt", "lt");

    private readonly List<(Token Token, string Literal)> _items = [];
    private int _position;

    private LabelSelectorParser(string selector)
    {
        var lexer = new LabelSelectorLexer(selector);
        while (true)
        {
            var item = lexer.Lex();
            _items.Add(item);
            if (item.Token == Token.EndOfString) break;
        }
    }

    /// <summary>Parses and sorts the requirements by key (stable, like the Go insertion sort for short lists).</summary>
    public static List<LabelRequirement> Parse(string selector)
    {
        var requirements = new LabelSelectorParser(selector).ParseRequirements();
        return [.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    private enum Context
    {
        KeyAndOperator,
        Values,
    }

    private List<LabelRequirement> ParseRequirements()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (tok, lit) = Lookahead(Context.Values);
            switch (tok)
            {
                case Token.Identifier or Token.DoesNotExist:
                    LabelRequirement requirement;
                    try
                    {
                        requirement = ParseRequirement();
                    }
                    catch (SelectorParseException e)
                    {
                        throw new SelectorParseException($"unable to parse requirement: {e.Message}");
                    }
                    requirements.Add(requirement);
                    var (t, l) = Consume(Context.Values);
                    switch (t)
                    {
                        case Token.EndOfString:
                            return requirements;
                        case Token.Comma:
                            var (t2, l2) = Lookahead(Context.Values);
                            if (t2 is not Token.Identifier and not Token.DoesNotExist)
                                throw new SelectorParseException($"found '{l2}', expected: identifier after ','");
                            break;
                        default:
                            throw new SelectorParseException($"found '{l}', expected: ',' or 'end of string'");
                    }
                    break;
                case Token.EndOfString:
                    return requirements;
                default:
                    throw new SelectorParseException($"found '{lit}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, op) = ParseKeyAndInferOperator();
        if (op is SelectionOperator.Exists or SelectionOperator.DoesNotExist)
            return LabelRequirement.Create(key, op.Value, []);
        var binary = ParseOperator();
        var values = binary is SelectionOperator.In or SelectionOperator.NotIn ? ParseValues() : ParseExactValue();
        // sets.String.List(): sorted and de-duplicated.
        return LabelRequirement.Create(key, binary, [.. values.Order(StringComparer.Ordinal)]);
    }

    // A bare key (followed by ',' or the end) means Exists; "!key" means DoesNotExist.
    private (string Key, SelectionOperator? Operator) ParseKeyAndInferOperator()
    {
        SelectionOperator? op = null;
        var (tok, literal) = Consume(Context.Values);
        if (tok == Token.DoesNotExist)
        {
            op = SelectionOperator.DoesNotExist;
            (tok, literal) = Consume(Context.Values);
        }
        if (tok != Token.Identifier) throw new SelectorParseException($"found '{literal}', expected: identifier");
        // The parser's own path is nil, hence the "<nil>" field name in the error.
        if (LabelValidation.ValidateKey(literal, "<nil>") is { } error) throw new SelectorParseException(error);
        var (next, _) = Lookahead(Context.Values);
        if (next is Token.EndOfString or Token.Comma && op != SelectionOperator.DoesNotExist) op = SelectionOperator.Exists;
        return (literal, op);
    }

    private SelectionOperator ParseOperator()
    {
        var (tok, lit) = Consume(Context.KeyAndOperator);
        return tok switch
        {
            Token.In => SelectionOperator.In,
            Token.Equals => SelectionOperator.Equals,
            Token.DoubleEquals => SelectionOperator.DoubleEquals,
            Token.GreaterThan => SelectionOperator.GreaterThan,
            Token.LessThan => SelectionOperator.LessThan,
            Token.NotIn => SelectionOperator.NotIn,
            Token.NotEquals => SelectionOperator.NotEquals,
            _ => throw new SelectorParseException($"found '{lit}', expected: {BinaryOperators}"),
        };
    }

    // (x,y,z); "()" is the set holding the empty string.
    private HashSet<string> ParseValues()
    {
        var (tok, lit) = Consume(Context.Values);
        if (tok != Token.OpenPar) throw new SelectorParseException($"found '{lit}' expected: '('");
        (tok, lit) = Lookahead(Context.Values);
        switch (tok)
        {
            case Token.Identifier or Token.Comma:
                var set = ParseIdentifiersList();
                if (Consume(Context.Values).Token != Token.ClosedPar)
                    throw new SelectorParseException($"found '{lit}', expected: ')'");
                return set;
            case Token.ClosedPar:
                Consume(Context.Values);
                return new HashSet<string>(StringComparer.Ordinal) { "" };
            default:
                throw new SelectorParseException($"found '{lit}', expected: ',', ')' or identifier");
        }
    }

    // Comma-separated, possibly empty identifiers: "(a,,b)", "(,a)" and "(a,)" all hold the empty string too.
    private HashSet<string> ParseIdentifiersList()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (tok, lit) = Consume(Context.Values);
            switch (tok)
            {
                case Token.Identifier:
                    set.Add(lit);
                    var (tok2, lit2) = Lookahead(Context.Values);
                    switch (tok2)
                    {
                        case Token.Comma:
                            continue;
                        case Token.ClosedPar:
                            return set;
                        default:
                            throw new SelectorParseException($"found '{lit2}', expected: ',' or ')'");
                    }
                case Token.Comma:
                    if (set.Count == 0) set.Add("");
                    var (next, _) = Lookahead(Context.Values);
                    if (next == Token.ClosedPar)
                    {
                        set.Add("");
                        return set;
                    }
                    if (next == Token.Comma) set.Add("");
                    break;
                default:
                    throw new SelectorParseException($"found '{lit}', expected: ',', or identifier");
            }
        }
    }

    // "k=" (followed by ',' or the end) compares with the empty string.
    private HashSet<string> ParseExactValue()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var (tok, _) = Lookahead(Context.Values);
        if (tok is Token.EndOfString or Token.Comma)
        {
            set.Add("");
            return set;
        }
        (tok, var lit) = Consume(Context.Values);
        if (tok != Token.Identifier) throw new SelectorParseException($"found '{lit}', expected: identifier");
        set.Add(lit);
        return set;
    }

    // In the Values context the keywords "in" and "notin" are ordinary identifiers.
    private (Token Token, string Literal) Lookahead(Context context) => Adjust(_items[_position], context);

    private (Token Token, string Literal) Consume(Context context) => Adjust(_items[_position++], context);

    private static (Token Token, string Literal) Adjust((Token Token, string Literal) item, Context context) =>
        context == Context.Values && item.Token is Token.In or Token.NotIn ? (Token.Identifier, item.Literal) : item;
}
