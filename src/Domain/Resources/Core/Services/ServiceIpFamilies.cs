using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>
/// initIPFamilyFields (k/k pkg/registry/core/service/storage/alloc.go) for a cluster with one service CIDR:
/// ipFamilies inferred from given clusterIPs or the cluster's family, ipFamilyPolicy defaulted (kept from the old
/// object on update), and the single-stack limits enforced. ExternalName services carry none of these fields.
/// </summary>
public static class ServiceIpFamilies
{
    public static IReadOnlyList<FieldError> Initialize(JsonObject svc, JsonObject? old, string clusterFamily)
    {
        if (ServiceFields.Type(svc) == "ExternalName") return [];
        var spec = ServiceFields.Spec(svc);
        var errors = new List<FieldError>();
        if (old is not null && spec.Str("ipFamilyPolicy") is null && old["spec"].Str("ipFamilyPolicy") is { } oldPolicy
            && ServiceFields.Type(old) != "ExternalName")
            spec["ipFamilyPolicy"] = oldPolicy;
        if (old is not null && spec.Str("ipFamilyPolicy") == "SingleStack")
        {
            if (ServiceFields.ClusterIps(old).SequenceEqual(ServiceFields.ClusterIps(svc)) && ServiceFields.ClusterIps(svc).Count > 1)
                ServiceFields.SetStrings(spec, "clusterIPs", ServiceFields.ClusterIps(svc)[..1]);
            if (ServiceFields.IpFamilies(old).SequenceEqual(ServiceFields.IpFamilies(svc)) && ServiceFields.IpFamilies(svc).Count > 1)
                ServiceFields.SetStrings(spec, "ipFamilies", ServiceFields.IpFamilies(svc)[..1]);
        }
        var ips = ServiceFields.ClusterIps(svc);
        var families = ServiceFields.IpFamilies(svc);
        for (var i = 0; i < ips.Count; i++)
        {
            if (ips[i] == ServiceFields.ClusterIpNone) break;
            if (i < families.Count) continue;
            var family = ServiceClusterIpRules.FamilyOf(ips[i]) ?? clusterFamily;
            if (family != clusterFamily)
                errors.Add(FieldError.Invalid($"spec.clusterIPs[{i}]", GoSyntax.StringSlice(ips), $"{family} is not configured on this cluster"));
            else families.Add(family);
        }
        if (errors.Count > 0) return errors;
        var headlessSelectorless = ServiceFields.IsHeadless(svc) && !ServiceFields.HasSelector(svc);
        var policy = spec.Str("ipFamilyPolicy");
        if (policy is null)
        {
            policy = headlessSelectorless ? "RequireDualStack" : "SingleStack";
            spec["ipFamilyPolicy"] = policy;
        }
        if (policy == "SingleStack")
        {
            if (ips.Count > 1)
                errors.Add(FieldError.Invalid("spec.ipFamilyPolicy", policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
            if (families.Count > 1)
                errors.Add(FieldError.Invalid("spec.ipFamilyPolicy", policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
        }
        for (var i = 0; i < families.Count; i++)
            if (families[i] != clusterFamily && !headlessSelectorless)
                errors.Add(FieldError.Invalid($"spec.ipFamilies[{i}]", families[i], "not configured on this cluster"));
        if (policy == "RequireDualStack" && !headlessSelectorless)
            errors.Add(FieldError.Invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack services"));
        if (errors.Count > 0) return errors;
        if (families.Count == 0) families.Add(clusterFamily);
        // Headless selectorless services get both families even on a single-stack cluster: no IP is allocated for them.
        if (policy != "SingleStack" && families.Count == 1 && headlessSelectorless)
            families.Add(families[0] == "IPv4" ? "IPv6" : "IPv4");
        ServiceFields.SetStrings(spec, "ipFamilies", families);
        return [];
    }
}
