using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Validation;

namespace Emulator.Domain.Resources.Core.Services;

/// <summary>The type-dependent rules of ValidateService (k/k pkg/apis/core/validation/validation.go), in its order.</summary>
public static class ServiceTypeRules
{
    public static readonly string[] Types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    public static readonly string[] Affinities = ["ClientIP", "None"];
    public static readonly string[] TrafficPolicies = ["Cluster", "Local"];
    public static readonly string[] TrafficDistributions = ["PreferClose", "PreferSameZone", "PreferSameNode"];
    private const string OnlyLoadBalancer = "may only be used when `type` is 'LoadBalancer'";

    // MaxClientIPServiceAffinitySeconds (pkg/apis/core/types.go): one day.
    private const int MaxAffinitySeconds = 86400;

    public static IEnumerable<FieldError> PortsAndType(JsonObject svc)
    {
        var type = ServiceFields.Type(svc);
        var spec = svc["spec"] as JsonObject;
        if (ServiceFields.Ports(svc).Count == 0 && !ServiceFields.IsHeadless(svc) && type != "ExternalName")
            yield return FieldError.Required("spec.ports");
        switch (type)
        {
            case "LoadBalancer" or "NodePort" when ServiceFields.IsHeadless(svc):
                yield return FieldError.Invalid("spec.clusterIPs[0]", ServiceFields.ClusterIpNone, $"may not be set to 'None' for {type} services");
                break;
            case "ExternalName":
                if (ServiceFields.ClusterIps(svc).Count > 0) yield return FieldError.Forbidden("spec.clusterIPs", "may not be set for ExternalName services");
                if (ServiceFields.IpFamilies(svc).Count > 0) yield return FieldError.Forbidden("spec.ipFamilies", "may not be set for ExternalName services");
                if (spec.Str("ipFamilyPolicy") is not null) yield return FieldError.Forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services");
                var cname = spec.Str("externalName") ?? "";
                if (cname.Length == 0) yield return FieldError.Required("spec.externalName");
                else
                {
                    var trimmed = cname.EndsWith('.') ? cname[..^1] : cname;
                    foreach (var e in NameFormats.SubdomainErrors(trimmed)) yield return FieldError.Invalid("spec.externalName", trimmed, e);
                }
                break;
        }
    }

    public static IEnumerable<FieldError> SelectorAffinityAndExternalIps(JsonObject svc)
    {
        var spec = svc["spec"] as JsonObject;
        foreach (var (key, value) in JsonObjectExtensions.StringMap(spec?["selector"]))
        {
            foreach (var e in NameFormats.QualifiedNameErrors(key)) yield return FieldError.Invalid("spec.selector", key, e);
            foreach (var e in NameFormats.LabelValueErrors(value)) yield return FieldError.Invalid("spec.selector", value, e);
        }
        var affinity = spec.Str("sessionAffinity") ?? "";
        if (affinity.Length == 0) yield return FieldError.Required("spec.sessionAffinity");
        else if (!Affinities.Contains(affinity)) yield return FieldError.NotSupported("spec.sessionAffinity", affinity, Affinities);
        if (affinity == "ClientIP")
        {
            var config = spec?["sessionAffinityConfig"];
            var path = "spec.sessionAffinityConfig";
            const string Why = "when session affinity type is ClientIP";
            if (config is not JsonObject) yield return FieldError.Required(path, Why);
            else if (config["clientIP"] is not JsonObject clientIp) yield return FieldError.Required($"{path}.clientIP", Why);
            else if (clientIp["timeoutSeconds"] is null) yield return FieldError.Required($"{path}.clientIP.timeoutSeconds", Why);
            else
            {
                var timeout = ServiceFields.Int(clientIp, "timeoutSeconds");
                if (timeout is <= 0 or > MaxAffinitySeconds)
                    yield return FieldError.Invalid($"{path}.clientIP.timeoutSeconds", timeout, $"must be greater than 0 and less than {MaxAffinitySeconds}");
            }
        }
        else if (affinity == "None" && spec?["sessionAffinityConfig"] is JsonObject)
        {
            yield return FieldError.Forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None");
        }
        var externalIps = ServiceFields.Strings(spec, "externalIPs");
        for (var i = 0; i < externalIps.Count; i++)
            foreach (var e in ExternalIpErrors(externalIps[i], $"spec.externalIPs[{i}]")) yield return e;
        var type = ServiceFields.Type(svc);
        if (type.Length == 0) yield return FieldError.Required("spec.type");
        else if (!Types.Contains(type)) yield return FieldError.NotSupported("spec.type", type, Types);
    }

    public static IEnumerable<FieldError> LoadBalancerAndTraffic(JsonObject svc)
    {
        var spec = svc["spec"] as JsonObject;
        var type = ServiceFields.Type(svc);
        var ranges = ServiceFields.Strings(spec, "loadBalancerSourceRanges");
        if (type == "LoadBalancer")
        {
            for (var i = 0; i < ranges.Count; i++)
                if (!IPNetwork.TryParse(ranges[i].Trim(), out _))
                    yield return FieldError.Invalid($"spec.loadBalancerSourceRanges[{i}]", ranges[i], "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
        }
        else if (ranges.Count > 0)
        {
            // The real path really is capitalized (validation.go uses specPath.Child("LoadBalancerSourceRanges")).
            yield return FieldError.Forbidden("spec.LoadBalancerSourceRanges", OnlyLoadBalancer);
        }
        var etp = spec.Str("externalTrafficPolicy") ?? "";
        if (!ServiceFields.ExternallyAccessible(svc))
        {
            if (etp.Length > 0) yield return FieldError.Invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services");
        }
        else if (etp.Length == 0) yield return FieldError.Required("spec.externalTrafficPolicy");
        else if (!TrafficPolicies.Contains(etp)) yield return FieldError.NotSupported("spec.externalTrafficPolicy", etp, TrafficPolicies);
        var hc = ServiceFields.HealthCheckNodePort(svc);
        if (ServiceFields.NeedsHealthCheck(svc))
        {
            if (hc <= 0) yield return FieldError.Required("spec.healthCheckNodePort", "must be specified when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
        }
        else if (hc != 0)
        {
            yield return FieldError.Invalid("spec.healthCheckNodePort", hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
        }
        var itp = spec.Str("internalTrafficPolicy");
        if (itp is null && type is "ClusterIP" or "NodePort" or "LoadBalancer") yield return FieldError.Required("spec.internalTrafficPolicy");
        if (itp is not null && !TrafficPolicies.Contains(itp)) yield return FieldError.NotSupported("spec.internalTrafficPolicy", itp, TrafficPolicies);
    }

    public static IEnumerable<FieldError> ClassAndDistribution(JsonObject svc)
    {
        var spec = svc["spec"] as JsonObject;
        var type = ServiceFields.Type(svc);
        if (spec.Str("loadBalancerClass") is { } lbClass)
        {
            if (type != "LoadBalancer") yield return FieldError.Forbidden("spec.loadBalancerClass", OnlyLoadBalancer);
            else foreach (var e in NameFormats.QualifiedNameErrors(lbClass)) yield return FieldError.Invalid("spec.loadBalancerClass", lbClass, e);
        }
        var allocate = spec?["allocateLoadBalancerNodePorts"];
        if (allocate is not null && type != "LoadBalancer") yield return FieldError.Forbidden("spec.allocateLoadBalancerNodePorts", OnlyLoadBalancer);
        if (type == "LoadBalancer" && allocate is null) yield return FieldError.Required("spec.allocateLoadBalancerNodePorts");
        if (spec.Str("trafficDistribution") is { } distribution && !TrafficDistributions.Contains(distribution))
            yield return FieldError.NotSupported("spec.trafficDistribution", distribution, TrafficDistributions);
    }

    /// <summary>IsValidIPForLegacyField, then ValidateNonSpecialIP.</summary>
    public static IEnumerable<FieldError> ExternalIpErrors(string value, string path)
    {
        if (!IPAddress.TryParse(value, out var ip))
        {
            yield return FieldError.Invalid(path, value, ServiceClusterIpRules.InvalidIpMessage);
            yield break;
        }
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) yield return FieldError.Invalid(path, value, "may not be unspecified (0.0.0.0)");
        if (IPAddress.IsLoopback(ip)) yield return FieldError.Invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        var bytes = ip.GetAddressBytes();
        if ((bytes.Length == 4 && bytes[0] == 169 && bytes[1] == 254) || ip.IsIPv6LinkLocal)
            yield return FieldError.Invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        if ((bytes.Length == 4 && bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0) || (bytes.Length == 16 && bytes[0] == 0xff && bytes[1] == 0x02))
            yield return FieldError.Invalid(path, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
    }
}
