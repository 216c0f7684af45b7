using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>
/// The update-only part of ValidateServiceUpdate (k/k pkg/apis/core/validation/validation.go):
/// validateUpgradeDowngradeClusterIPs / IPFamilies, the loadBalancerClass and healthCheckNodePort immutability.
/// Changes from or to ExternalName are exempt from the clusterIP and family rules.
/// </summary>
public static class ServiceUpdateRules
{
    public static IEnumerable<FieldError> Check(JsonObject svc, JsonObject? old)
    {
        if (old is null) yield break;
        var externalName = ServiceFields.Type(svc) == "ExternalName" || ServiceFields.Type(old) == "ExternalName";
        if (!externalName)
        {
            var oldIps = ServiceFields.ClusterIps(old);
            var newIps = ServiceFields.ClusterIps(svc);
            for (var i = 0; i < oldIps.Count; i++)
            {
                if (oldIps[i].Length == 0) continue;
                if (i >= newIps.Count)
                {
                    if (i == 0) yield return FieldError.Invalid("spec.clusterIPs[0]", GoSyntax.StringSlice(newIps), "primary clusterIP can not be unset");
                    else if ((svc["spec"].Str("ipFamilyPolicy") ?? "") != "SingleStack")
                        yield return FieldError.Invalid("spec.ipFamilyPolicy", svc["spec"].Str("ipFamilyPolicy") ?? "",
                            "must be set to 'SingleStack' when releasing the secondary clusterIP");
                    continue;
                }
                if (oldIps[i] != newIps[i])
                    yield return FieldError.Invalid($"spec.clusterIPs[{i}]", GoSyntax.StringSlice(newIps), "may not change once set");
            }
            var oldFamilies = ServiceFields.IpFamilies(old);
            var newFamilies = ServiceFields.IpFamilies(svc);
            if (oldFamilies.Count > 0 && newFamilies.Count > 0 && oldFamilies[0] != newFamilies[0])
                yield return FieldError.Invalid("spec.ipFamilies[0]", GoSyntax.StringSlice(newFamilies), "may not change once set");
        }
        if (ServiceFields.Type(old) == "LoadBalancer" && ServiceFields.Type(svc) == "LoadBalancer"
            && old["spec"].Str("loadBalancerClass") != svc["spec"].Str("loadBalancerClass"))
        {
            var value = svc["spec"].Str("loadBalancerClass");
            yield return FieldError.Invalid("spec.loadBalancerClass", value is null ? new GoSyntax.Raw("null") : value, "may not change once set");
        }
        if (ServiceFields.NeedsHealthCheck(old) && ServiceFields.NeedsHealthCheck(svc)
            && ServiceFields.HealthCheckNodePort(old) != ServiceFields.HealthCheckNodePort(svc))
            yield return FieldError.Forbidden("spec.healthCheckNodePort", "field is immutable");
    }
}
