using System.Text.Json.Nodes;
using Emulator.Domain.Selectors;

namespace Emulator.Domain.Tests.Selectors;

public sealed class LabelSelectorFromJsonTests
{
    private static JsonNode? Json(string json) => JsonNode.Parse(json);

    [Fact]
    public void Null_selector_matches_nothing()
    {
        var selector = LabelSelector.FromJson(null);
        Assert.Same(LabelSelector.Nothing, selector);
        Assert.True(selector.MatchesNothing);
        Assert.False(selector.Empty);
        Assert.False(selector.Matches(new Dictionary<string, string>()));
        Assert.Equal("", selector.ToString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"matchLabels":{},"matchExpressions":[]}""")]
    public void Empty_selector_matches_everything(string json)
    {
        var selector = LabelSelector.FromJson(Json(json));
        Assert.Same(LabelSelector.Everything, selector);
        Assert.True(selector.Empty);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["any"] = "thing" }));
    }

    [Theory]
    [InlineData("""{"matchLabels":{"tier":"fe","app":"web"}}""", "app=web,tier=fe")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"In","values":["qa","prod"]}]}""", "env in (prod,qa)")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"NotIn","values":["qa"]},{"key":"canary","operator":"DoesNotExist"}]}""",
        "!canary,env notin (qa)")]
    [InlineData("""{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"app","operator":"Exists"},{"key":"a","operator":"Exists","values":[]}]}""",
        "a,app=web,app")]
    public void Converts_like_LabelSelectorAsSelector(string json, string expected) =>
        Assert.Equal(expected, LabelSelector.FromJson(Json(json)).ToString());

    [Theory]
    [InlineData("app=web,env=prod", true)]
    [InlineData("app=web,env=dev", false)]
    [InlineData("app=web,env=prod,canary=true", false)]
    [InlineData("env=prod", false)]
    public void Matches_all_requirements(string labels, bool expected)
    {
        var selector = LabelSelector.FromJson(Json("""
            {"matchLabels":{"app":"web"},"matchExpressions":[
              {"key":"env","operator":"In","values":["prod","qa"]},{"key":"canary","operator":"DoesNotExist"}]}
            """));
        var set = labels.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expected, selector.Matches(set));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"Equals","values":["a"]}]}""", "\"Equals\" is not a valid pod selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"In","values":[]}]}""",
        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"NotIn"}]}""",
        "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"Exists","values":["a","b"]}]}""",
        "values: Invalid value: []string{\"a\", \"b\"}: values set must be empty for exists and does not exist")]
    [InlineData("""{"matchExpressions":[null]}""", "\"\" is not a valid pod selector operator")]
    [InlineData("""{"matchExpressions":["env"]}""", "\"\" is not a valid pod selector operator")]
    [InlineData("""{"matchLabels":{"a/b/c":"x"}}""",
        "key: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    public void Invalid_selectors_report_apimachinery_errors(string json, string message)
    {
        var error = Assert.Throws<SelectorParseException>(() => LabelSelector.FromJson(Json(json)));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(null, "<none>")]
    [InlineData("{}", "<none>")]
    [InlineData("""{"matchLabels":{"app":"web"}}""", "app=web")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"In","values":["b","a"]}]}""", "env in (a,b)")]
    [InlineData("""{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"Exists"}]}""", "app=web,tier")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"Bogus"}]}""", "<error>")]
    public void FormatForDisplay_matches_FormatLabelSelector(string? json, string expected) =>
        Assert.Equal(expected, LabelSelector.FormatForDisplay(json is null ? null : Json(json)));
}
