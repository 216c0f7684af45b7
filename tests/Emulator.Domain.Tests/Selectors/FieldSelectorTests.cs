using Emulator.Domain.Selectors;

namespace Emulator.Domain.Tests.Selectors;

public sealed class FieldSelectorTests
{
    [Theory]
    [InlineData("metadata.name=foo", "metadata.name|Equals|foo")]
    [InlineData("metadata.name==foo", "metadata.name|Equals|foo")]
    [InlineData("status.phase!=Running", "status.phase|NotEquals|Running")]
    [InlineData("spec.nodeName=", "spec.nodeName|Equals|")]
    [InlineData("b=2,a=1", "a|Equals|1;b|Equals|2")]
    [InlineData("involvedObject.name=httpenv,involvedObject.namespace=default,,", "involvedObject.name|Equals|httpenv;involvedObject.namespace|Equals|default")]
    [InlineData(@"a=b\,c", "a|Equals|b,c")]
    [InlineData(@"a=b\=c", "a|Equals|b=c")]
    [InlineData(@"a=b\\c", @"a|Equals|b\c")]
    [InlineData("=x", "|Equals|x")]
    [InlineData("a=b c", "a|Equals|b c")]
    public void Parses_requirements(string selector, string expected)
    {
        var parsed = FieldSelector.Parse(selector);
        Assert.Equal(expected, string.Join(";", parsed.Requirements.Select(r => $"{r.Field}|{r.Operator}|{r.Value}")));
        Assert.False(parsed.Empty);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("=")]
    [InlineData("=,==")]
    public void Selects_everything(string selector)
    {
        var parsed = FieldSelector.Parse(selector);
        Assert.True(parsed.Empty);
        Assert.Equal("", parsed.ToString());
        Assert.True(parsed.Matches(_ => "anything"));
    }

    [Theory]
    [InlineData("metadata.name==foo,a!=b", "a!=b,metadata.name=foo")]
    [InlineData(@"a=b\,c", @"a=b\,c")]
    [InlineData(@"a=x\\y\=z", @"a=x\\y\=z")]
    public void Prints_with_escaped_values(string selector, string expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector).ToString());

    [Theory]
    [InlineData("a", "invalid selector: 'a'; can't understand 'a'")]
    [InlineData("x=1,y", "invalid selector: 'x=1,y'; can't understand 'y'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData("a<b", "invalid selector: 'a<b'; can't understand 'a<b'")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a!==b", "invalid field selector: unescaped character in value: 61")]
    [InlineData(@"a=b\,c,d=e,f", @"invalid selector: 'a=b\,c,d=e,f'; can't understand 'f'")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    public void Rejects_with_apimachinery_messages(string selector, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => FieldSelector.Parse(selector));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("status.phase=Running", "Running", true)]
    [InlineData("status.phase=Running", "Pending", false)]
    [InlineData("status.phase!=Running", "Pending", true)]
    [InlineData("status.phase!=Running", null, true)]
    [InlineData("status.phase=", null, true)]
    [InlineData("status.phase=Running", null, false)]
    public void Matches_with_absent_fields_as_empty(string selector, string? phase, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(f => f == "status.phase" ? phase : "x"));

    [Fact]
    public void Matches_every_term()
    {
        var selector = FieldSelector.Parse("metadata.name=web,metadata.namespace=default");
        var fields = new Dictionary<string, string> { ["metadata.name"] = "web", ["metadata.namespace"] = "default" };
        Assert.True(selector.Matches(f => fields.GetValueOrDefault(f)));
        fields["metadata.namespace"] = "kube-system";
        Assert.False(selector.Matches(f => fields.GetValueOrDefault(f)));
    }

    [Theory]
    [InlineData("metadata.name=web,status.phase!=Failed", "metadata.name", true, "web")]
    [InlineData("metadata.name!=web", "metadata.name", false, "")]
    [InlineData("status.phase=Running", "metadata.name", false, "")]
    public void Exact_match_introspection(string selector, string field, bool found, string value)
    {
        Assert.Equal(found, FieldSelector.Parse(selector).TryGetExactMatch(field, out var actual));
        Assert.Equal(value, actual);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"a,b=c\d", @"a\,b\=c\\d")]
    public void Escape_and_unescape_round_trip(string raw, string escaped)
    {
        Assert.Equal(escaped, FieldSelector.EscapeValue(raw));
        Assert.Equal(raw, FieldSelector.UnescapeValue(escaped));
    }
}
