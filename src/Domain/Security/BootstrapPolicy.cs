using k8s.Models;

namespace Emulator.Domain.Security;

/// <summary>
/// The default ClusterRoles and ClusterRoleBindings of a v1.35 cluster that users meet (kubernetes
/// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go): cluster-admin, the aggregated admin/edit/view roles
/// and the system:aggregate-to-* roles they are built from, discovery, basic-user and public-info-viewer.
/// admin, edit and view carry their aggregationRule and the rules it resolves to, as the aggregation controller leaves them.
/// </summary>
public static class BootstrapPolicy
{
    private const string Rbac = "rbac.authorization.k8s.io";
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "update", "patch", "delete", "deletecollection"];
    private static readonly string[] ReadWrite = [.. Read, .. Write];

    public static IReadOnlyList<V1ClusterRole> ClusterRoles()
    {
        var roles = new List<V1ClusterRole>
        {
            Role("cluster-admin", null, Rule(["*"], ["*"], ["*"]), Urls(["*"], ["*"])),
            Role("system:discovery", null, Urls(["get"], ["/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"])),
            Role("system:public-info-viewer", null, Urls(["get"], ["/livez", "/readyz", "/healthz", "/version", "/version/"])),
            Role("system:basic-user", null,
                Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"])),
            Role("system:auth-delegator", null,
                Rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
                Rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"])),
            Aggregating("admin", null, "aggregate-to-admin"),
            Aggregating("edit", "aggregate-to-admin", "aggregate-to-edit"),
            Aggregating("view", "aggregate-to-edit", "aggregate-to-view"),
            Role("system:aggregate-to-admin", "aggregate-to-admin",
                Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
                Rule(ReadWrite, [Rbac], ["roles", "rolebindings"])),
            Role("system:aggregate-to-edit", "aggregate-to-edit",
                Rule(Read, [""], ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"]),
                Rule(["impersonate"], [""], ["serviceaccounts"]),
                Rule(Write, [""], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
                Rule(["create"], [""], ["pods/eviction"]),
                Rule(Write, [""], ["replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy",
                    "persistentvolumeclaims", "configmaps", "secrets", "events"]),
                Rule(["create"], [""], ["serviceaccounts/token"]),
                Rule(Write, ["apps"], ["statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback",
                    "replicasets", "replicasets/scale"]),
                Rule(Write, ["autoscaling"], ["horizontalpodautoscalers"]),
                Rule(Write, ["batch"], ["jobs", "cronjobs"]),
                Rule(Write, ["extensions"], ["daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets",
                    "replicasets/scale", "replicationcontrollers/scale", "networkpolicies"]),
                Rule(Write, ["policy"], ["poddisruptionbudgets"]),
                Rule(Write, ["networking.k8s.io"], ["networkpolicies", "ingresses"])),
            Role("system:aggregate-to-view", "aggregate-to-view",
                Rule(Read, [""], ["pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status",
                    "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"]),
                Rule(Read, [""], ["limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status",
                    "replicationcontrollers/status", "pods/log"]),
                Rule(Read, [""], ["namespaces"]),
                Rule(Read, ["discovery.k8s.io"], ["endpointslices"]),
                Rule(Read, ["apps"], ["controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status",
                    "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale"]),
                Rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
                Rule(Read, ["batch"], ["jobs", "cronjobs", "cronjobs/status", "jobs/status"]),
                Rule(Read, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses",
                    "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale", "networkpolicies"]),
                Rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
                Rule(Read, ["networking.k8s.io"], ["networkpolicies", "ingresses", "ingresses/status"])),
        };
        return ClusterRoleAggregation.Resolve(roles);
    }

    public static IReadOnlyList<V1ClusterRoleBinding> ClusterRoleBindings() =>
    [
        Binding("cluster-admin", UserInfo.SystemMasters),
        Binding("system:discovery", UserInfo.AllAuthenticated),
        Binding("system:basic-user", UserInfo.AllAuthenticated),
        Binding("system:public-info-viewer", UserInfo.AllAuthenticated, UserInfo.AllUnauthenticated),
    ];

    private static V1ObjectMeta Meta(string name, string? aggregateTo)
    {
        var labels = new Dictionary<string, string> { ["kubernetes.io/bootstrapping"] = "rbac-defaults" };
        if (aggregateTo is not null) labels[$"{Rbac}/{aggregateTo}"] = "true";
        return new V1ObjectMeta
        {
            Name = name, Labels = labels,
            Annotations = new Dictionary<string, string> { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
        };
    }

    private static V1ClusterRole Role(string name, string? aggregateTo, params V1PolicyRule[] rules) =>
        new() { ApiVersion = $"{Rbac}/v1", Kind = "ClusterRole", Metadata = Meta(name, aggregateTo), Rules = rules };

    private static V1ClusterRole Aggregating(string name, string? aggregateTo, string selects) => new()
    {
        ApiVersion = $"{Rbac}/v1", Kind = "ClusterRole", Metadata = Meta(name, aggregateTo), Rules = [],
        AggregationRule = new V1AggregationRule
        {
            ClusterRoleSelectors = [new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [$"{Rbac}/{selects}"] = "true" } }],
        },
    };

    private static V1PolicyRule Rule(string[] verbs, string[] groups, string[] resources) =>
        new() { Verbs = verbs, ApiGroups = groups, Resources = resources };

    private static V1PolicyRule Urls(string[] verbs, string[] urls) => new() { Verbs = verbs, NonResourceURLs = urls };

    private static V1ClusterRoleBinding Binding(string role, params string[] groups) => new()
    {
        ApiVersion = $"{Rbac}/v1", Kind = "ClusterRoleBinding", Metadata = Meta(role, null),
        RoleRef = new V1RoleRef { ApiGroup = Rbac, Kind = "ClusterRole", Name = role },
        Subjects = [.. groups.Select(g => new Rbacv1Subject { ApiGroup = Rbac, Kind = "Group", Name = g })],
    };
}
