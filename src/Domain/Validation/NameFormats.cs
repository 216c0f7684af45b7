using System.Text.RegularExpressions;

namespace Emulator.Domain.Validation;

/// <summary>Name and label formats with the exact messages of apimachinery pkg/util/validation/validation.go.</summary>
public static partial class NameFormats
{
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFmt = "(" + QualifiedNameFmt + ")?";

    [GeneratedRegex("^" + Dns1123LabelFmt + "$")] private static partial Regex Dns1123Label();
    [GeneratedRegex("^" + Dns1123SubdomainFmt + "$")] private static partial Regex Dns1123Subdomain();
    [GeneratedRegex("^" + Dns1035LabelFmt + "$")] private static partial Regex Dns1035Label();
    [GeneratedRegex("^" + QualifiedNameFmt + "$")] private static partial Regex QualifiedName();
    [GeneratedRegex("^" + LabelValueFmt + "$")] private static partial Regex LabelValue();

    /// <summary>Error bodies (without the "Invalid value" prefix) for a name under the rule; empty when valid.</summary>
    public static IEnumerable<string> NameErrors(string name, NameRule rule) => rule switch
    {
        NameRule.Label => LabelErrors(name),
        NameRule.Dns1035 => Dns1035Errors(name),
        NameRule.PathSegment => PathSegmentErrors(name),
        _ => SubdomainErrors(name),
    };

    public static IEnumerable<string> PathSegmentErrors(string value)
    {
        if (value is "." or "..") { yield return $"may not be '{value}'"; yield break; }
        if (value.Contains('/')) yield return "may not contain '/'";
        if (value.Contains('%')) yield return "may not contain '%'";
    }

    public static IEnumerable<string> SubdomainErrors(string value)
    {
        if (value.Length > 253) yield return "must be no more than 253 characters";
        if (!Dns1123Subdomain().IsMatch(value))
            yield return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + Dns1123SubdomainFmt + "')";
    }

    public static IEnumerable<string> LabelErrors(string value)
    {
        if (value.Length > 63) yield return "must be no more than 63 characters";
        if (!Dns1123Label().IsMatch(value))
            yield return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + Dns1123LabelFmt + "')";
    }

    public static IEnumerable<string> Dns1035Errors(string value)
    {
        if (value.Length > 63) yield return "must be no more than 63 characters";
        if (!Dns1035Label().IsMatch(value))
            yield return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '" + Dns1035LabelFmt + "')";
    }

    /// <summary>IsQualifiedName: an optional DNS-subdomain prefix and a slash, then a name part.</summary>
    public static IEnumerable<string> QualifiedNameErrors(string value)
    {
        var parts = value.Split('/');
        string name;
        if (parts.Length == 1) name = parts[0];
        else if (parts.Length == 2)
        {
            name = parts[1];
            if (parts[0].Length == 0) yield return "prefix part must be non-empty";
            else foreach (var e in SubdomainErrors(parts[0])) yield return "prefix part " + e;
        }
        else
        {
            yield return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFmt + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
            yield break;
        }
        if (name.Length == 0) yield return "name part must be non-empty";
        else if (name.Length > 63) yield return "name part must be no more than 63 characters";
        if (name.Length > 0 && !QualifiedName().IsMatch(name))
            yield return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFmt + "')";
    }

    public static IEnumerable<string> LabelValueErrors(string value)
    {
        if (value.Length > 63) yield return "must be no more than 63 characters";
        if (!LabelValue().IsMatch(value))
            yield return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '" + LabelValueFmt + "')";
    }
}
