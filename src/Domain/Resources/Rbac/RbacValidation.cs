using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Printing;

namespace Emulator.Domain.Resources.Rbac;

/// <summary>
/// The main rules of pkg/apis/rbac/validation: every policy rule has verbs and either resources with API groups or
/// non-resource URLs (cluster roles only); bindings reference a Role/ClusterRole of rbac.authorization.k8s.io, name
/// User/Group/ServiceAccount subjects, and never change roleRef. Defaults follow SetDefaults_Subject/RoleRef.
/// </summary>
public static class RbacValidation
{
    public const string Group = "rbac.authorization.k8s.io";

    public static IEnumerable<FieldError> Rules(JsonObject role, bool namespaced)
    {
        var i = 0;
        foreach (var rule in JsonRead.Arr(role, "rules"))
        {
            var path = $"rules[{i++}]";
            if (JsonRead.Count(rule, "verbs") == 0) yield return FieldError.Required($"{path}.verbs", "verbs must contain at least one value");
            var urls = JsonRead.Arr(rule, "nonResourceURLs").Select(u => u.GetValue<string>()).ToList();
            if (urls.Count > 0)
            {
                var rendered = new GoStrings(urls);
                if (namespaced) yield return FieldError.Invalid($"{path}.nonResourceURLs", rendered, "namespaced rules cannot apply to non-resource URLs");
                if (JsonRead.Count(rule, "apiGroups") > 0 || JsonRead.Count(rule, "resources") > 0 || JsonRead.Count(rule, "resourceNames") > 0)
                    yield return FieldError.Invalid($"{path}.nonResourceURLs", rendered, "rules cannot apply to both regular resources and non-resource URLs");
                continue;
            }
            if (JsonRead.Count(rule, "apiGroups") == 0) yield return FieldError.Required($"{path}.apiGroups", "resource rules must supply at least one api group");
            if (JsonRead.Count(rule, "resources") == 0) yield return FieldError.Required($"{path}.resources", "resource rules must supply at least one resource");
        }
    }

    public static void DefaultBinding(JsonObject binding)
    {
        if (binding["roleRef"] is JsonObject roleRef && JsonRead.Str(roleRef, "apiGroup").Length == 0) roleRef["apiGroup"] = Group;
        foreach (var subject in JsonRead.Arr(binding, "subjects").OfType<JsonObject>())
        {
            if (JsonRead.Str(subject, "apiGroup").Length > 0) continue;
            var kind = JsonRead.Str(subject, "kind");
            if (kind is "User" or "Group") subject["apiGroup"] = Group;
        }
    }

    public static IEnumerable<FieldError> Binding(JsonObject binding, bool namespaced)
    {
        var roleRef = JsonRead.Obj(binding, "roleRef");
        var apiGroup = JsonRead.Str(roleRef, "apiGroup");
        if (apiGroup != Group) yield return FieldError.NotSupported("roleRef.apiGroup", apiGroup, [Group]);
        var kind = JsonRead.Str(roleRef, "kind");
        string[] kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
        if (!kinds.Contains(kind)) yield return FieldError.NotSupported("roleRef.kind", kind, kinds);
        if (JsonRead.Str(roleRef, "name").Length == 0) yield return FieldError.Required("roleRef.name");
        var i = 0;
        foreach (var subject in JsonRead.Arr(binding, "subjects"))
        {
            var path = $"subjects[{i++}]";
            var name = JsonRead.Str(subject, "name");
            var group = JsonRead.Str(subject, "apiGroup");
            if (name.Length == 0) yield return FieldError.Required($"{path}.name");
            switch (JsonRead.Str(subject, "kind"))
            {
                case "ServiceAccount":
                    if (group.Length > 0) yield return FieldError.NotSupported($"{path}.apiGroup", group, [""]);
                    if (!namespaced && JsonRead.Str(subject, "namespace").Length == 0) yield return FieldError.Required($"{path}.namespace");
                    break;
                case "User" or "Group":
                    if (group != Group) yield return FieldError.NotSupported($"{path}.apiGroup", group, [Group]);
                    break;
                case var other:
                    yield return FieldError.NotSupported($"{path}.kind", other, ["ServiceAccount", "User", "Group"]);
                    break;
            }
        }
    }

    public static IEnumerable<FieldError> BindingUpdate(JsonObject binding, JsonObject old, bool namespaced)
    {
        foreach (var e in Binding(binding, namespaced)) yield return e;
        var now = JsonRead.Obj(binding, "roleRef");
        var before = JsonRead.Obj(old, "roleRef");
        if (JsonRead.Str(now, "apiGroup") != JsonRead.Str(before, "apiGroup") || JsonRead.Str(now, "kind") != JsonRead.Str(before, "kind")
            || JsonRead.Str(now, "name") != JsonRead.Str(before, "name"))
            yield return FieldError.Invalid("roleRef", new GoRoleRef(JsonRead.Str(now, "apiGroup"), JsonRead.Str(now, "kind"), JsonRead.Str(now, "name")),
                "cannot change roleRef");
    }

    /// <summary>"Users", "Groups" and "ServiceAccounts" wide columns: rbac.SubjectsStrings (service accounts as ns/name).</summary>
    public static (string Users, string Groups, string ServiceAccounts) SubjectStrings(JsonObject binding)
    {
        List<string> users = [], groups = [], sas = [];
        foreach (var s in JsonRead.Arr(binding, "subjects"))
        {
            switch (JsonRead.Str(s, "kind"))
            {
                case "User": users.Add(JsonRead.Str(s, "name")); break;
                case "Group": groups.Add(JsonRead.Str(s, "name")); break;
                case "ServiceAccount": sas.Add($"{JsonRead.Str(s, "namespace")}/{JsonRead.Str(s, "name")}"); break;
            }
        }
        return (string.Join(", ", users), string.Join(", ", groups), string.Join(", ", sas));
    }

    /// <summary>Go's %#v of a []string, as field.Invalid prints it.</summary>
    private sealed record GoStrings(IReadOnlyList<string> Values)
    {
        public override string ToString() => $"[]string{{{string.Join(", ", Values.Select(v => $"\"{v}\""))}}}";
    }

    private sealed record GoRoleRef(string ApiGroup, string Kind, string Name)
    {
        public override string ToString() => $"rbac.RoleRef{{APIGroup:\"{ApiGroup}\", Kind:\"{Kind}\", Name:\"{Name}\"}}";
    }
}
