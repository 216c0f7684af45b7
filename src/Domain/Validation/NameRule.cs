namespace Emulator.Domain.Validation;

/// <summary>Which name format a kind's metadata.name must follow (apimachinery's ValidateNameFunc of the kind).</summary>
public enum NameRule
{
    /// <summary>DNS-1123 subdomain: most kinds (configmaps, pods, deployments...).</summary>
    Subdomain,
    /// <summary>DNS-1123 label: namespaces.</summary>
    Label,
    /// <summary>DNS-1035 label: services (the name becomes a DNS label and an env var prefix).</summary>
    Dns1035,
    /// <summary>Any path segment (path.IsValidPathSegmentName): RBAC roles and bindings, e.g. "system:discovery".</summary>
    PathSegment,
}
