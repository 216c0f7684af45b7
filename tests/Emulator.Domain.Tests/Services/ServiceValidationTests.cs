namespace Emulator.Domain.Tests.Services;

/// <summary>The rules of services-spec.md §1.4 with kube-apiserver's fields, reasons and messages.</summary>
public sealed class ServiceValidationTests
{
    private const string Port80 = """ "ports":[{"port":80}] """;

    [Theory]
    [InlineData(""" "selector":{"app":"web"} """, "spec.ports", "FieldValueRequired", "Required value")]
    [InlineData(""" "type":"LoadBalancer","clusterIP":"None","ports":[{"port":80}] """, "spec.clusterIPs[0]", "FieldValueInvalid",
        "Invalid value: \"None\": may not be set to 'None' for LoadBalancer services")]
    [InlineData(""" "type":"NodePort","clusterIP":"None","ports":[{"port":80}] """, "spec.clusterIPs[0]", "FieldValueInvalid",
        "Invalid value: \"None\": may not be set to 'None' for NodePort services")]
    [InlineData(""" "type":"ExternalName" """, "spec.externalName", "FieldValueRequired", "Required value")]
    [InlineData(""" "type":"ExternalName","externalName":"Bad_Name" """, "spec.externalName", "FieldValueInvalid",
        "Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
    [InlineData(""" "type":"ExternalName","externalName":"db.example.com","clusterIP":"10.0.0.1" """, "spec.clusterIPs", "FieldValueForbidden",
        "Forbidden: may not be set for ExternalName services")]
    [InlineData(""" "ports":[{"name":"Http","port":80}] """, "spec.ports[0].name", "FieldValueInvalid",
        "Invalid value: \"Http\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")]
    [InlineData(""" "ports":[{"name":"a","port":80},{"name":"a","port":81}] """, "spec.ports[1].name", "FieldValueDuplicate", "Duplicate value: \"a\"")]
    [InlineData(""" "ports":[{"port":70000}] """, "spec.ports[0].port", "FieldValueInvalid", "Invalid value: 70000: must be between 1 and 65535, inclusive")]
    [InlineData(""" "ports":[{"port":80,"protocol":"HTTP"}] """, "spec.ports[0].protocol", "FieldValueNotSupported",
        "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")]
    [InlineData(""" "ports":[{"port":80,"targetPort":"http--x"}] """, "spec.ports[0].targetPort", "FieldValueInvalid",
        "Invalid value: \"http--x\": must not contain consecutive hyphens")]
    [InlineData(""" "ports":[{"port":80,"targetPort":70000}] """, "spec.ports[0].targetPort", "FieldValueInvalid",
        "Invalid value: 70000: must be between 1 and 65535, inclusive")]
    [InlineData(""" "ports":[{"name":"a","port":80},{"name":"b","port":80}] """, "spec.ports[1]", "FieldValueDuplicate",
        "Duplicate value: core.ServicePort{Name:\"b\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:80, StrVal:\"\"}, NodePort:0}")]
    [InlineData(""" "type":"NodePort","ports":[{"name":"a","port":80,"nodePort":30080},{"name":"b","port":81,"nodePort":30080}] """,
        "spec.ports[1].nodePort", "FieldValueDuplicate", "Duplicate value: 30080")]
    [InlineData(""" "ports":[{"port":80,"nodePort":30080}] """, "spec.ports[0].nodePort", "FieldValueForbidden",
        "Forbidden: may not be used when `type` is 'ClusterIP'")]
    [InlineData(""" "ports":[{"port":80}],"sessionAffinity":"Sticky" """, "spec.sessionAffinity", "FieldValueNotSupported",
        "Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"")]
    [InlineData(""" "ports":[{"port":80}],"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":0}} """,
        "spec.sessionAffinityConfig.clientIP.timeoutSeconds", "FieldValueInvalid", "Invalid value: 0: must be greater than 0 and less than 86400")]
    [InlineData(""" "ports":[{"port":80}],"type":"Special" """, "spec.type", "FieldValueNotSupported",
        "Unsupported value: \"Special\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"")]
    [InlineData(""" "ports":[{"port":80}],"clusterIP":"10.0.0.1","clusterIPs":["10.0.0.2"] """, "spec.clusterIPs", "FieldValueInvalid",
        "Invalid value: []string{\"10.0.0.2\"}: first value must match `clusterIP`")]
    [InlineData(""" "ports":[{"port":80}],"clusterIPs":["10.0.0.2"] """, "spec.clusterIPs", "FieldValueInvalid",
        "Invalid value: []string{\"10.0.0.2\"}: must be empty when `clusterIP` is not specified")]
    [InlineData(""" "ports":[{"port":80}],"clusterIP":"10.0.0.300" """, "spec.clusterIPs[0]", "FieldValueInvalid",
        "Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")]
    [InlineData(""" "ports":[{"port":80}],"ipFamilyPolicy":"Dual" """, "spec.ipFamilyPolicy", "FieldValueNotSupported",
        "Unsupported value: \"Dual\": supported values: \"PreferDualStack\", \"RequireDualStack\", \"SingleStack\"")]
    [InlineData(""" "ports":[{"port":80}],"ipFamilyPolicy":"RequireDualStack" """, "spec.ipFamilyPolicy", "FieldValueInvalid",
        "Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services")]
    [InlineData(""" "ports":[{"port":80}],"ipFamilies":["IPv6"] """, "spec.ipFamilies[0]", "FieldValueInvalid",
        "Invalid value: \"IPv6\": not configured on this cluster")]
    [InlineData(""" "ports":[{"port":80}],"externalIPs":["127.0.0.5"] """, "spec.externalIPs[0]", "FieldValueInvalid",
        "Invalid value: \"127.0.0.5\": may not be in the loopback range (127.0.0.0/8, ::1/128)")]
    [InlineData(""" "ports":[{"port":80}],"loadBalancerSourceRanges":["10.0.0.0/8"] """, "spec.LoadBalancerSourceRanges", "FieldValueForbidden",
        "Forbidden: may only be used when `type` is 'LoadBalancer'")]
    [InlineData(""" "ports":[{"port":80}],"externalTrafficPolicy":"Local" """, "spec.externalTrafficPolicy", "FieldValueInvalid",
        "Invalid value: \"Local\": may only be set for externally-accessible services")]
    [InlineData(""" "ports":[{"port":80}],"type":"NodePort","externalTrafficPolicy":"Nearby" """, "spec.externalTrafficPolicy", "FieldValueNotSupported",
        "Unsupported value: \"Nearby\": supported values: \"Cluster\", \"Local\"")]
    [InlineData(""" "ports":[{"port":80}],"healthCheckNodePort":30123 """, "spec.healthCheckNodePort", "FieldValueInvalid",
        "Invalid value: 30123: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'")]
    [InlineData(""" "ports":[{"port":80}],"internalTrafficPolicy":"Node" """, "spec.internalTrafficPolicy", "FieldValueNotSupported",
        "Unsupported value: \"Node\": supported values: \"Cluster\", \"Local\"")]
    [InlineData(""" "ports":[{"port":80}],"loadBalancerClass":"example.com/lb" """, "spec.loadBalancerClass", "FieldValueForbidden",
        "Forbidden: may only be used when `type` is 'LoadBalancer'")]
    [InlineData(""" "ports":[{"port":80}],"allocateLoadBalancerNodePorts":false """, "spec.allocateLoadBalancerNodePorts", "FieldValueForbidden",
        "Forbidden: may only be used when `type` is 'LoadBalancer'")]
    [InlineData(""" "ports":[{"port":80}],"selector":{"app":"a b"} """, "spec.selector", "FieldValueInvalid",
        "Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    public void Create_rule(string spec, string field, string reason, string message)
    {
        var errors = ServiceSamples.CreateErrors(spec);
        Assert.Contains(errors, e => e.Field == field && e.Reason == reason && e.Message == message);
    }

    [Fact]
    public void Two_unnamed_ports_give_one_required_cause_per_port()
    {
        var errors = ServiceSamples.CreateErrors(""" "ports":[{"port":80},{"port":81}] """);
        Assert.Equal(["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"], errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData(""" "ports":[{"port":80}],"clusterIP":"None" """)]
    [InlineData(""" "clusterIP":"None","selector":{"app":"x"} """)]
    [InlineData(""" "type":"ExternalName","externalName":"db.example.com.","selector":{"app":"x"} """)]
    [InlineData(""" "type":"LoadBalancer","ports":[{"port":80}],"externalTrafficPolicy":"Local","healthCheckNodePort":30123 """)]
    [InlineData(""" "ports":[{"port":80}],"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":86400}} """)]
    [InlineData(""" "ports":[{"port":53,"protocol":"UDP","name":"dns"},{"port":53,"protocol":"TCP","name":"dns-tcp"}] """)]
    [InlineData(""" "ports":[{"port":80}],"loadBalancerIP":"1.2.3.4" """)]
    public void Accepted(string spec) => Assert.Empty(ServiceSamples.CreateErrors(spec));

    [Fact]
    public void Changing_the_cluster_ip_may_not_change_once_set()
    {
        var old = Stored(""" "ports":[{"port":80}],"clusterIP":"10.0.0.5","clusterIPs":["10.0.0.5"] """);
        var updated = ServiceSamples.Raw(""" "ports":[{"port":80}],"clusterIP":"10.0.0.99" """);
        var errors = ServiceSamples.UpdateErrors(old, updated);
        Assert.Equal(["spec.clusterIPs[0]: Invalid value: []string{\"10.0.0.99\"}: may not change once set"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Reapplying_the_manifest_keeps_allocated_values()
    {
        var old = Stored(""" "type":"NodePort","ports":[{"name":"http","port":80,"nodePort":31234}],"clusterIP":"10.0.0.5","clusterIPs":["10.0.0.5"] """);
        var updated = ServiceSamples.Raw(""" "type":"NodePort","ports":[{"name":"http","port":80}] """);
        Assert.Empty(ServiceSamples.UpdateErrors(old, updated));
        Assert.Equal("10.0.0.5", updated["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.Equal(31234, updated["spec"]!["ports"]![0]!["nodePort"]!.GetValue<int>());
    }

    [Fact]
    public void Switching_to_external_name_drops_ips_families_and_node_ports()
    {
        var old = Stored(""" "type":"NodePort","ports":[{"port":80,"nodePort":31234}],"clusterIP":"10.0.0.5","clusterIPs":["10.0.0.5"] """);
        var updated = (System.Text.Json.Nodes.JsonObject)old.DeepClone();
        updated["spec"]!["type"] = "ExternalName";
        updated["spec"]!["externalName"] = "db.example.com";
        Assert.Empty(ServiceSamples.UpdateErrors(old, updated));
        var spec = updated["spec"]!.AsObject();
        Assert.False(spec.ContainsKey("clusterIP"));
        Assert.False(spec.ContainsKey("ipFamilies"));
        Assert.False(spec.ContainsKey("ipFamilyPolicy"));
        Assert.False(spec.ContainsKey("externalTrafficPolicy"));
        Assert.False(spec.ContainsKey("internalTrafficPolicy"));
        Assert.Null(spec["ports"]![0]!["nodePort"]);
    }

    [Fact]
    public void Load_balancer_class_may_not_change_while_a_load_balancer()
    {
        var old = Stored(""" "type":"LoadBalancer","ports":[{"port":80,"nodePort":31000}],"clusterIP":"10.0.0.5","clusterIPs":["10.0.0.5"],"loadBalancerClass":"a.io/x" """);
        var updated = (System.Text.Json.Nodes.JsonObject)old.DeepClone();
        updated["spec"]!["loadBalancerClass"] = "a.io/y";
        Assert.Contains(ServiceSamples.UpdateErrors(old, updated), e => e.ToString() == "spec.loadBalancerClass: Invalid value: \"a.io/y\": may not change once set");
    }

    private static System.Text.Json.Nodes.JsonObject Stored(string spec)
    {
        var svc = ServiceSamples.Prepared(spec);
        Assert.Empty(Emulator.Domain.Resources.Core.Services.ServiceIpFamilies.Initialize(svc, null, "IPv4"));
        return svc;
    }
}
