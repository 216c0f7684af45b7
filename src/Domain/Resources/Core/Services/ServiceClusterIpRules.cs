using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>
/// ValidateServiceClusterIPsRelatedFields (k/k pkg/apis/core/validation/validation.go). The allocator runs it first
/// on its own (alloc.go initIPFamilyFields' "loose pre-validation"), so these errors win over allocation errors.
/// </summary>
public static class ServiceClusterIpRules
{
    public const string InvalidIpMessage = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    public static readonly string[] Families = ["IPv4", "IPv6"];
    public static readonly string[] Policies = ["PreferDualStack", "RequireDualStack", "SingleStack"];

    public static IReadOnlyList<FieldError> Check(JsonObject svc, JsonObject? old)
    {
        var errors = new List<FieldError>();
        var spec = svc["spec"] as JsonObject;
        var clusterIp = ServiceFields.ClusterIp(svc);
        var ips = ServiceFields.ClusterIps(svc);
        if (clusterIp.Length > 0)
        {
            if (ips.Count == 0) errors.Add(FieldError.Required("spec.clusterIPs"));
            else if (ips[0] != clusterIp) errors.Add(FieldError.Invalid("spec.clusterIPs", GoSyntax.StringSlice(ips), "first value must match `clusterIP`"));
        }
        else if (ips.Count > 0)
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs", GoSyntax.StringSlice(ips), "must be empty when `clusterIP` is not specified"));
        }
        var families = ServiceFields.IpFamilies(svc);
        var seen = new HashSet<string>();
        for (var i = 0; i < families.Count; i++)
        {
            if (!Families.Contains(families[i])) errors.Add(FieldError.NotSupported($"spec.ipFamilies[{i}]", families[i], Families));
            if (!seen.Add(families[i])) errors.Add(FieldError.Duplicate($"spec.ipFamilies[{i}]", families[i]));
        }
        if (spec.Str("ipFamilyPolicy") is { } policy && !Policies.Contains(policy))
            errors.Add(FieldError.NotSupported("spec.ipFamilyPolicy", policy, Policies));
        var invalid = false;
        var oldIps = old is null ? [] : ServiceFields.ClusterIps(old);
        for (var i = 0; i < ips.Count; i++)
        {
            if (i == 0 && ips[i] == ServiceFields.ClusterIpNone)
            {
                if (ips.Count > 1)
                {
                    invalid = true;
                    errors.Add(FieldError.Invalid("spec.clusterIPs", GoSyntax.StringSlice(ips), "'None' must be the first and only value"));
                }
                continue;
            }
            // A value the stored object already held stays acceptable (IsValidIPForLegacyField with the old list).
            if (!IPAddress.TryParse(ips[i], out _) && !oldIps.Contains(ips[i]))
            {
                invalid = true;
                errors.Add(FieldError.Invalid($"spec.clusterIPs[{i}]", ips[i], InvalidIpMessage));
            }
        }
        if (ips.Count > 2) errors.Add(FieldError.Invalid("spec.clusterIPs", GoSyntax.StringSlice(ips), "may only hold up to 2 values"));
        if (invalid) return errors;
        if (ips.Count > 1 && !(ips.Count == 2 && FamilyOf(ips[0]) != FamilyOf(ips[1]) && FamilyOf(ips[0]) is not null && FamilyOf(ips[1]) is not null))
            errors.Add(FieldError.Invalid("spec.clusterIPs", GoSyntax.StringSlice(ips), "may specify no more than one IP for each IP family"));
        if (!ServiceFields.IsHeadless(svc) && ips.Count > 0 && families.Count > 0)
        {
            for (var i = 0; i < ips.Count && i < families.Count; i++)
            {
                var family = FamilyOf(ips[i]);
                if (families[i] == "IPv4" && family == "IPv6")
                    errors.Add(FieldError.Invalid($"spec.clusterIPs[{i}]", ips[i], $"expected an IPv4 value as indicated by `ipFamilies[{i}]`"));
                if (families[i] == "IPv6" && family != "IPv6")
                    errors.Add(FieldError.Invalid($"spec.clusterIPs[{i}]", ips[i], $"expected an IPv6 value as indicated by `ipFamilies[{i}]`"));
            }
        }
        return errors;
    }

    public static string? FamilyOf(string ip) =>
        IPAddress.TryParse(ip, out var a) ? a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv4MappedToIPv6 ? "IPv6" : "IPv4" : null;
}
