using System.Text;
using System.Text.RegularExpressions;

namespace Emulator.Domain.Selectors;

/// <summary>
/// Label key/value validation with apimachinery's wording: content.IsLabelKey / content.IsLabelValue
/// (staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go, dns.go, errors.go) and the
/// field.Error text "path: Invalid value: \"v\": detail" (pkg/util/validation/field/errors.go).
/// </summary>
internal static partial class LabelValidation
{
    private const string LabelKeyFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelKeyErrMsg =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFmt = "(" + LabelKeyFmt + ")?";
    private const string LabelValueErrMsg =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string Dns1123SubdomainErrMsg =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const int LabelMaxLength = 63;
    private const int Dns1123SubdomainMaxLength = 253;

    // \z rather than $: Go's $ (without multiline) never matches before a trailing newline.
    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z")]
    private static partial Regex LabelKeyName();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Dns1123Subdomain();

    /// <summary>content.IsLabelKey: an optional DNS-subdomain prefix and '/', then a name of at most 63 bytes.</summary>
    public static List<string> LabelKeyErrors(string value)
    {
        var errs = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0) errs.Add("prefix part must be non-empty");
                else errs.AddRange(Dns1123SubdomainErrors(prefix).Select(m => "prefix part " + m));
                break;
            default:
                errs.Add("a valid label key " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
        }

        if (name.Length == 0) errs.Add("name part must be non-empty");
        else if (Bytes(name) > LabelMaxLength) errs.Add("name part " + MaxLenError(LabelMaxLength));
        if (!LabelKeyName().IsMatch(name))
            errs.Add("name part " + RegexError(LabelKeyErrMsg, LabelKeyFmt, "MyName", "my.name", "123-abc"));
        return errs;
    }

    /// <summary>content.IsLabelValue: empty, or at most 63 bytes of [-A-Za-z0-9_.] starting and ending alphanumeric.</summary>
    public static List<string> LabelValueErrors(string value)
    {
        var errs = new List<string>();
        if (Bytes(value) > LabelMaxLength) errs.Add(MaxLenError(LabelMaxLength));
        if (!LabelValue().IsMatch(value))
            errs.Add(RegexError(LabelValueErrMsg, LabelValueFmt, "MyValue", "my_value", "12345"));
        return errs;
    }

    /// <summary>labels.validateLabelKey: one field.Invalid joining every complaint with "; ", or null.</summary>
    public static string? ValidateKey(string key, string path)
    {
        var errs = LabelKeyErrors(key);
        return errs.Count == 0 ? null : Invalid(path, GoQuote.Quote(key), string.Join("; ", errs));
    }

    /// <summary>labels.validateLabelValue: the path is subscripted by the key, e.g. values[0][app].</summary>
    public static string? ValidateValue(string key, string value, string path)
    {
        var errs = LabelValueErrors(value);
        return errs.Count == 0 ? null : Invalid($"{path}[{key}]", GoQuote.Quote(value), string.Join("; ", errs));
    }

    /// <summary>field.Invalid(...).Error(); <paramref name="renderedValue"/> is the value already printed as Go would.</summary>
    public static string Invalid(string path, string renderedValue, string detail) =>
        $"{path}: Invalid value: {renderedValue}: {detail}";

    /// <summary>
    /// field.ErrorList.ToAggregate().Error(): duplicates dropped, one message as is, several as "[a, b]"
    /// (pkg/util/validation/field/errors.go, pkg/util/errors/errors.go).
    /// </summary>
    public static string? Aggregate(IEnumerable<string> messages)
    {
        var distinct = messages.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count switch
        {
            0 => null,
            1 => distinct[0],
            _ => "[" + string.Join(", ", distinct) + "]",
        };
    }

    /// <summary>Go's %#v of a []string, as field errors print a bad value list.</summary>
    public static string GoStringSlice(IReadOnlyList<string> values) =>
        values.Count == 0 ? "[]string(nil)" : "[]string{" + string.Join(", ", values.Select(GoQuote.Quote)) + "}";

    private static List<string> Dns1123SubdomainErrors(string value)
    {
        var errs = new List<string>();
        if (Bytes(value) > Dns1123SubdomainMaxLength) errs.Add(MaxLenError(Dns1123SubdomainMaxLength));
        if (!Dns1123Subdomain().IsMatch(value)) errs.Add(RegexError(Dns1123SubdomainErrMsg, Dns1123SubdomainFmt, "example.com"));
        return errs;
    }

    private static string MaxLenError(int length) => $"must be no more than {length} bytes";

    /// <summary>content.RegexError, including its doubled space before " or ".</summary>
    private static string RegexError(string msg, string re, params string[] examples)
    {
        if (examples.Length == 0) return msg + " (regex used for validation is '" + re + "')";
        var sb = new StringBuilder(msg).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0) sb.Append(" or ");
            sb.Append('\'').Append(examples[i]).Append("', ");
        }
        return sb.Append("regex used for validation is '").Append(re).Append("')").ToString();
    }

    // Go's len() counts UTF-8 bytes.
    private static int Bytes(string s) => Encoding.UTF8.GetByteCount(s);
}
