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

    /// <summary>Numbers convert as the apiserver's parameter codec converts them: a bad one is a 400 in strconv's words.</summary>
    private static long? Long(IQueryCollection q, string name) => Http.QueryParams.Int64(Str(q, name));
}
