namespace Emulator.Domain.Security;

/// <summary>
/// Who made a request, as k8s.io/apiserver's user.Info: a name, an optional uid and the groups it belongs to.
/// The well-known group names are the ones RBAC's bootstrap bindings refer to.
/// </summary>
public sealed record UserInfo(string Name, string? Uid, IReadOnlyList<string> Groups)
{
    public const string SystemMasters = "system:masters";
    public const string AllAuthenticated = "system:authenticated";
    public const string AllUnauthenticated = "system:unauthenticated";
    public const string ServiceAccountsGroup = "system:serviceaccounts";
    public const string ServiceAccountPrefix = "system:serviceaccount:";
    public const string Anonymous = "system:anonymous";

    /// <summary>Adds system:authenticated, as the apiserver's authenticated-group adder does for every authenticated user.</summary>
    public static UserInfo Authenticated(string name, string? uid, IEnumerable<string> groups)
    {
        var all = groups.Where(g => g.Length > 0).Distinct().ToList();
        if (!all.Contains(AllAuthenticated)) all.Add(AllAuthenticated);
        return new UserInfo(name, uid, all);
    }

    /// <summary>The identity of a service account's tokens: system:serviceaccount:NS:NAME in system:serviceaccounts[:NS].</summary>
    public static UserInfo ForServiceAccount(string ns, string name, string? uid) =>
        Authenticated(ServiceAccountName(ns, name), uid, [ServiceAccountsGroup, $"{ServiceAccountsGroup}:{ns}"]);

    public static string ServiceAccountName(string ns, string name) => $"{ServiceAccountPrefix}{ns}:{name}";

    public bool IsPrivileged => Groups.Contains(SystemMasters);

    /// <summary>user.Info's GetExtra: keys (lower case) to values, from Impersonate-Extra-* headers or a review's spec.extra.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = NoExtra;

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoExtra = new Dictionary<string, IReadOnlyList<string>>();
}
