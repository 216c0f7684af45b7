using System.Text;
using Emulator.Api.Http;

namespace Emulator.Api.Tests.BadInput;

/// <summary>The Go encoding/json syntax errors (scanner.go) the body decoders answer with.</summary>
public sealed class GoJsonSyntaxTests
{
    [Theory]
    [InlineData("{}", null)]
    [InlineData(" [1, -0.5e+3, true, false, null, \"\\u00e9\\n\"] ", null)]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("{\"a\":", "unexpected end of JSON input")]
    [InlineData("{\"a\" 1}", "invalid character '1' after object key")]
    [InlineData("{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair")]
    [InlineData("[1 2]", "invalid character '2' after array element")]
    [InlineData("{a:1}", "invalid character 'a' looking for beginning of object key string")]
    [InlineData("{} {}", "invalid character '{' after top-level value")]
    [InlineData("nul", "invalid character ' ' in literal null (expecting 'l')")]
    [InlineData("trUe", "invalid character 'U' in literal true (expecting 'u')")]
    [InlineData("-", "invalid character ' ' in numeric literal")]
    [InlineData("1.", "invalid character ' ' after decimal point in numeric literal")]
    [InlineData("1e+", "invalid character ' ' in exponent of numeric literal")]
    [InlineData("01", "invalid character '1' after top-level value")]
    [InlineData("\"\\x\"", "invalid character 'x' in string escape code")]
    [InlineData("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("\"a\tb\"", "invalid character '\\t' in string literal")]
    [InlineData("'a'", "invalid character '\\'' looking for beginning of value")]
    [InlineData("\u00e9", "invalid character 'Ã' looking for beginning of value")]
    public void Syntax_errors_are_worded_as_go_words_them(string json, string? expected)
    {
        Assert.Equal(expected, GoJsonSyntax.Check(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Nesting_past_the_limit_is_refused_without_recursion()
    {
        var deep = Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000));

        Assert.Equal("invalid character '[' exceeded max depth", GoJsonSyntax.Check(deep));
        Assert.Null(GoJsonSyntax.Check(Encoding.UTF8.GetBytes(new string('[', GoJsonSyntax.MaxNestingDepth) + new string(']', GoJsonSyntax.MaxNestingDepth))));
    }

    [Theory]
    [InlineData("", "<empty>")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("[1]", "5b315d")]
    [InlineData("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}", "{\"apiVersion\":\"v1\",\"kind\":\"Con ...")]
    public void Bodies_are_summarized_as_summarizeData_does(string body, string expected)
    {
        Assert.Equal(expected, GoJsonSyntax.Summarize(Encoding.UTF8.GetBytes(body)));
    }
}
