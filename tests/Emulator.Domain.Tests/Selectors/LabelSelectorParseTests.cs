using Emulator.Domain.Selectors;

namespace Emulator.Domain.Tests.Selectors;

public sealed class LabelSelectorParseTests
{
    private const string KeyNameRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string ValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [Theory]
    [InlineData("", "")]
    [InlineData("  \t ", "")]
    [InlineData("app=web", "app=web")]
    [InlineData("app==web", "app==web")]
    [InlineData("app!=web", "app!=web")]
    [InlineData(" app = web ", "app=web")]
    [InlineData("tier,app=web", "app=web,tier")]
    [InlineData("!canary", "!canary")]
    [InlineData("! canary", "!canary")]
    [InlineData("a!=b,!c", "a!=b,!c")]
    [InlineData("env in (prod, qa)", "env in (prod,qa)")]
    [InlineData("env notin (qa,prod,qa)", "env notin (prod,qa)")]
    [InlineData("env in (qa)", "env in (qa)")]
    [InlineData("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()")]
    [InlineData("k in (,a)", "k in (,a)")]
    [InlineData("k in (a,)", "k in (,a)")]
    [InlineData("k=", "k=")]
    [InlineData("k=,j", "j,k=")]
    [InlineData("in in (in,notin)", "in in (in,notin)")]
    [InlineData("x>5", "x>5")]
    [InlineData("x<5", "x<5")]
    [InlineData("example.com/app=web", "example.com/app=web")]
    [InlineData("b=2,a=1,b!=3", "a=1,b=2,b!=3")]
    public void Parses_and_prints_like_labels_Parse(string selector, string expected)
    {
        var parsed = LabelSelector.Parse(selector);
        Assert.Equal(expected, parsed.ToString());
        Assert.Equal(expected.Length == 0, parsed.Empty);
        Assert.False(parsed.MatchesNothing);
    }

    [Fact]
    public void Requirements_expose_key_operator_and_sorted_values()
    {
        var parsed = LabelSelector.Parse("env notin (qa,prod),app==web,!canary");
        Assert.Collection(parsed.Requirements,
            r => Assert.Equal(("app", SelectionOperator.DoubleEquals, "web"), (r.Key, r.Operator, string.Join("|", r.Values))),
            r => Assert.Equal(("canary", SelectionOperator.DoesNotExist, ""), (r.Key, r.Operator, string.Join("|", r.Values))),
            r => Assert.Equal(("env", SelectionOperator.NotIn, "prod|qa"), (r.Key, r.Operator, string.Join("|", r.Values))));
    }

    [Theory]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("x gt 5", "unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("a=b,", "found '', expected: identifier after ','")]
    [InlineData("a=b,,c", "found ',', expected: identifier after ','")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("=a", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("a in b", "unable to parse requirement: found 'b' expected: '('")]
    [InlineData("a in (b", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a in (b,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("a=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("!!a", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("x>abc", "unable to parse requirement: values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("-a", "unable to parse requirement: <nil>: Invalid value: \"-a\": " + KeyNameRule)]
    [InlineData("app=-web", "unable to parse requirement: values[0][app]: Invalid value: \"-web\": " + ValueRule)]
    [InlineData("k in (-a,-b)",
        "unable to parse requirement: [values[0][k]: Invalid value: \"-a\": " + ValueRule + ", values[1][k]: Invalid value: \"-b\": " + ValueRule + "]")]
    [InlineData("x<-5.5",
        "unable to parse requirement: [values[0]: Invalid value: \"-5.5\": for 'Gt', 'Lt' operators, the value must be an integer, " +
        "values[0][x]: Invalid value: \"-5.5\": " + ValueRule + "]")]
    [InlineData("/a", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty")]
    [InlineData("a/", "unable to parse requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; " + KeyNameRule)]
    [InlineData("a/b/c",
        "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', " +
        "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
        "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    [InlineData("Example.com/a",
        "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part a lowercase RFC 1123 subdomain must consist of lower case " +
        "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', " +
        "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "unable to parse requirement: <nil>: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": name part must be no more than 63 bytes")]
    [InlineData("k=a\"b", "unable to parse requirement: values[0][k]: Invalid value: \"a\\\"b\": " + ValueRule)]
    public void Rejects_with_apimachinery_messages(string selector, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(selector));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("app=web", "app=web", true)]
    [InlineData("app=web", "app=api", false)]
    [InlineData("app=web", "", false)]
    [InlineData("app!=web", "", true)]
    [InlineData("app!=web", "app=web", false)]
    [InlineData("env in (prod,qa)", "env=qa", true)]
    [InlineData("env in (prod,qa)", "env=dev", false)]
    [InlineData("env in (prod,qa)", "", false)]
    [InlineData("env notin (prod)", "", true)]
    [InlineData("env notin (prod)", "env=prod", false)]
    [InlineData("k in ()", "k=", true)]
    [InlineData("canary", "canary=", true)]
    [InlineData("!canary", "canary=", false)]
    [InlineData("!canary", "app=web", true)]
    [InlineData("x>5", "x=10", true)]
    [InlineData("x>5", "x=5", false)]
    [InlineData("x>5", "x=abc", false)]
    [InlineData("x>5", "", false)]
    [InlineData("x<5", "x=-3", true)]
    [InlineData("app=web,tier", "app=web,tier=fe", true)]
    [InlineData("app=web,tier", "app=web", false)]
    [InlineData("", "", true)]
    public void Matches_like_Requirement_Matches(string selector, string labels, bool expected)
    {
        var set = labels.Length == 0
            ? new Dictionary<string, string>()
            : labels.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(set));
    }

    [Theory]
    [InlineData("app=web,tier", "app", true, "web")]
    [InlineData("app==web", "app", true, "web")]
    [InlineData("app in (web)", "app", true, "web")]
    [InlineData("app in (web,api)", "app", false, "")]
    [InlineData("app!=web", "app", false, "")]
    [InlineData("tier", "app", false, "")]
    public void Exact_match_introspection(string selector, string label, bool found, string value)
    {
        Assert.Equal(found, LabelSelector.Parse(selector).TryGetExactMatch(label, out var actual));
        Assert.Equal(value, actual);
    }
}
