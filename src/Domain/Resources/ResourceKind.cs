namespace Emulator.Domain.Resources;

/// <summary>
/// What discovery says about one resource: its group/version/kind, names, scope, verbs and subresources.
/// Values are copied from a real v1.35 cluster so that kubectl's aliases and errors match.
/// </summary>
public sealed record ResourceKind(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Subresources)
{
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    /// <summary>"v1" for the core group, "apps/v1" otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"services" for the core group, "deployments.apps" otherwise; used in error messages.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"Service" for the core group, "Deployment.apps" otherwise; used in Invalid messages.</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public string ListKind => Kind + "List";

    /// <summary>The URL prefix of the group-version: "/api/v1" or "/apis/apps/v1".</summary>
    public string PathPrefix => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
}
