namespace Emulator.Api.Application.Verbs;

/// <summary>meta/v1 ListOptions as the query string carries them.</summary>
public sealed record ListOptions(
    string? LabelSelector, string? FieldSelector, long? Limit, string? Continue, string? ResourceVersion,
    string? ResourceVersionMatch, bool Watch, bool SendInitialEvents, bool AllowWatchBookmarks, long? TimeoutSeconds)
{
    public static ListOptions FromQuery(IQueryCollection q) => new(
        Str(q, "labelSelector"), Str(q, "fieldSelector"), Long(q, "limit"), Str(q, "continue"), Str(q, "resourceVersion"),
        Str(q, "resourceVersionMatch"), Bool(q, "watch"), Bool(q, "sendInitialEvents"), Bool(q, "allowWatchBookmarks"), Long(q, "timeoutSeconds"));

    private static string? Str(IQueryCollection q, string name) => q.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;

    private static bool Bool(IQueryCollection q, string name) => Str(q, name) is "true" or "1" or "True";

    /// <summary>Unparsable numbers are kept as long.MinValue so the validator can refuse them with the field named.</summary>
    private static long? Long(IQueryCollection q, string name) =>
        Str(q, name) is { } s ? (long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : long.MinValue) : null;
}
