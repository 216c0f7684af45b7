using Emulator.Domain.Security;

namespace Emulator.Domain.Tests.Rbac;

public sealed class ForbiddenMessageTests
{
    private static readonly UserInfo Jane = UserInfo.Authenticated("jane", null, []);

    [Theory]
    [InlineData("DELETE", "/api/v1/namespaces/default/pods/x", "pods \"x\" is forbidden: User \"jane\" cannot delete resource \"pods\" in API group \"\" in the namespace \"default\"")]
    [InlineData("GET", "/api/v1/namespaces/default/pods", "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"")]
    [InlineData("GET", "/api/v1/pods?watch=true", "pods is forbidden: User \"jane\" cannot watch resource \"pods\" in API group \"\" at the cluster scope")]
    [InlineData("GET", "/api/v1/nodes", "nodes is forbidden: User \"jane\" cannot list resource \"nodes\" in API group \"\" at the cluster scope")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/ns/deployments/web/scale", "deployments.apps \"web\" is forbidden: User \"jane\" cannot patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"ns\"")]
    [InlineData("DELETE", "/api/v1/namespaces/ns/configmaps", "configmaps is forbidden: User \"jane\" cannot deletecollection resource \"configmaps\" in API group \"\" in the namespace \"ns\"")]
    [InlineData("GET", "/api/v1/namespaces/team", "namespaces \"team\" is forbidden: User \"jane\" cannot get resource \"namespaces\" in API group \"\" in the namespace \"team\"")]
    [InlineData("GET", "/metrics", "forbidden: User \"jane\" cannot get path \"/metrics\"")]
    public void Denied_requests_are_worded_as_the_apiserver_words_them(string method, string url, string expected)
    {
        var (path, query) = url.Split('?') is [var p, var q] ? (p, q) : (url, "");
        var values = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
        var attributes = RequestInfoResolver.Resolve(Jane, method, path, name => values.GetValueOrDefault(name));

        var error = ForbiddenMessage.Exception(attributes, "");

        Assert.Equal(403, error.Code);
        Assert.Equal("Forbidden", error.Reason);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_list_narrowed_by_metadata_name_is_authorized_for_that_name()
    {
        var attributes = RequestInfoResolver.Resolve(Jane, "GET", "/api/v1/namespaces/ns/configmaps",
            name => name == "fieldSelector" ? "metadata.name=settings" : null);

        Assert.Equal(("list", "settings"), (attributes.Verb, attributes.Name));
    }
}
