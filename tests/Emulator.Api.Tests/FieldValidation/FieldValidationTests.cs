using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Emulator.Api.Tests.FieldValidation;

/// <summary>
/// The three fieldValidation modes on every write verb (apiserver endpoints/handlers create.go, update.go, patch.go;
/// test/integration/apiserver/field_validation_test.go): unknown fields never stored, Warn (the default) answers
/// one Warning header per problem, Strict refuses with the decoder's words and stores nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FieldValidationTests(EmulatorFactory factory)
{
    private const string Typos = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"replicass":"a-label"}},
         "spec":{"replicass":3,"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","imagee":"x"}]}}}}
        """;

    private static StringContent Body(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

    private static string Deployments(string ns) => $"/apis/apps/v1/namespaces/{ns}/deployments";

    private static IEnumerable<string> Warnings(HttpResponseMessage r) => r.Headers.TryGetValues("Warning", out var v) ? v : [];

    [Fact]
    public async Task Without_the_parameter_unknown_fields_are_dropped_with_one_warning_each()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);

        var response = await client.PostAsync(Deployments(ns), Body(Typos));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["299 - \"unknown field \\\"spec.replicass\\\"\"", "299 - \"unknown field \\\"spec.template.spec.containers[0].imagee\\\"\""],
            Warnings(response));
        var stored = await (await client.GetAsync($"{Deployments(ns)}/web")).ReadObjectAsync();
        Assert.Null(stored["spec"]!["replicass"]);
        Assert.Null(stored["spec"]!["template"]!["spec"]!["containers"]![0]!["imagee"]);
        Assert.Equal("a-label", (string?)stored["metadata"]!["labels"]!["replicass"]);
        Assert.Equal(1, (int)stored["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Ignore_drops_them_silently()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);

        var response = await client.PostAsync($"{Deployments(ns)}?fieldValidation=Ignore", Body(Typos));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Empty(Warnings(response));
        var created = await response.ReadObjectAsync();
        Assert.Null(created["spec"]!["replicass"]);
        Assert.DoesNotContain("imagee", (await client.GetStringAsync($"{Deployments(ns)}/web")));
    }

    [Fact]
    public async Task Strict_create_is_400_listing_every_problem_and_stores_nothing()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);

        var response = await client.PostAsync($"{Deployments(ns)}?fieldValidation=Strict", Body(Typos));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.ReadObjectAsync();
        Assert.Equal("BadRequest", (string?)status["reason"]);
        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: " +
            "unknown field \"spec.replicass\", unknown field \"spec.template.spec.containers[0].imagee\"", (string?)status["message"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Deployments(ns)}/web")).StatusCode);
    }

    [Fact]
    public async Task Duplicate_fields_are_reported_in_document_order_and_the_last_wins()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        const string dupes = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d","labels":{"a":"1","a":"2"}},"bogus":1,"data":{"k":"first"},"data":{"k":"last"}}
            """;

        var strict = await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Strict", Body(dupes));
        var warn = await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Warn", Body(dupes));

        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: " +
            "duplicate field \"metadata.labels.a\", unknown field \"bogus\", duplicate field \"data\"", (string?)(await strict.ReadObjectAsync())["message"]);
        Assert.Equal(HttpStatusCode.Created, warn.StatusCode);
        Assert.Equal(["299 - \"duplicate field \\\"metadata.labels.a\\\"\"", "299 - \"unknown field \\\"bogus\\\"\"", "299 - \"duplicate field \\\"data\\\"\""],
            Warnings(warn));
        var stored = await warn.ReadObjectAsync();
        Assert.Equal("last", (string?)stored["data"]!["k"]);
        Assert.Equal("2", (string?)stored["metadata"]!["labels"]!["a"]);
        Assert.Null(stored["bogus"]);
    }

    [Fact]
    public async Task A_yaml_body_meets_its_fields_in_key_order()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              replicas: 3
              ports:
              - port: 80
                targetPortt: 8080
              selector:
                app: web
            """;

        var response = await client.PostAsync($"/api/v1/namespaces/{ns}/services?fieldValidation=Strict", Body(yaml, "application/yaml"));

        Assert.Equal("Service in version \"v1\" cannot be handled as a Service: strict decoding error: " +
            "unknown field \"spec.ports[0].targetPortt\", unknown field \"spec.replicas\"", (string?)(await response.ReadObjectAsync())["message"]);
    }

    // invalidBodyYAML of test/integration/apiserver/field_validation_test.go: repeated keys by line first, then the
    // unknown fields in key order.
    private const string InvalidBodyYaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: dupes
          labels:
            app: nginx
        spec:
          unknown1: val1
          unknownDupe: valDupe
          unknownDupe: valDupe2
          paused: true
          paused: false
          selector:
            matchLabels:
              app: nginx
          template:
            metadata:
              labels:
                app: nginx
            spec:
              containers:
              - name: nginx
                image: nginx:latest
                unknownNested: val1
                imagePullPolicy: Always
                imagePullPolicy: Never
        """;

    [Fact]
    public async Task Repeated_yaml_keys_are_reported_by_line_as_go_yaml_words_them()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);

        var strict = await client.PostAsync($"{Deployments(ns)}?fieldValidation=Strict", Body(InvalidBodyYaml, "application/yaml"));
        var warn = await client.PostAsync(Deployments(ns), Body(InvalidBodyYaml, "application/yaml"));

        Assert.Equal("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: yaml: unmarshal errors:\n" +
            "  line 10: key \"unknownDupe\" already set in map\n  line 12: key \"paused\" already set in map\n" +
            "  line 26: key \"imagePullPolicy\" already set in map, unknown field \"spec.template.spec.containers[0].unknownNested\", " +
            "unknown field \"spec.unknown1\", unknown field \"spec.unknownDupe\"", (string?)(await strict.ReadObjectAsync())["message"]);
        Assert.Equal(HttpStatusCode.Created, warn.StatusCode);
        Assert.Equal([
            "299 - \"line 10: key \\\"unknownDupe\\\" already set in map\"",
            "299 - \"line 12: key \\\"paused\\\" already set in map\"",
            "299 - \"line 26: key \\\"imagePullPolicy\\\" already set in map\"",
            "299 - \"unknown field \\\"spec.template.spec.containers[0].unknownNested\\\"\"",
            "299 - \"unknown field \\\"spec.unknown1\\\"\"",
            "299 - \"unknown field \\\"spec.unknownDupe\\\"\"",
        ], Warnings(warn));
        var stored = await warn.ReadObjectAsync();
        Assert.False((bool)stored["spec"]!["paused"]!);
        Assert.Equal("Never", (string?)stored["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]);
    }

    [Fact]
    public async Task Strict_update_is_400_and_leaves_the_object_as_it_was()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var created = await (await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("u")))).ReadObjectAsync();
        created["dataa"] = new JsonObject { ["x"] = "y" };
        created["data"] = new JsonObject { ["a"] = "changed" };

        var strict = await client.PutAsync($"/api/v1/namespaces/{ns}/configmaps/u?fieldValidation=Strict", Fixtures.JsonBody(created));

        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"dataa\"",
            (string?)(await strict.ReadObjectAsync())["message"]);
        Assert.Equal("b", (string?)(await (await client.GetAsync($"/api/v1/namespaces/{ns}/configmaps/u")).ReadObjectAsync())["data"]!["a"]);

        var ignored = await client.PutAsync($"/api/v1/namespaces/{ns}/configmaps/u?fieldValidation=Ignore", Fixtures.JsonBody(created));
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        var stored = await (await client.GetAsync($"/api/v1/namespaces/{ns}/configmaps/u")).ReadObjectAsync();
        Assert.Equal("changed", (string?)stored["data"]!["a"]);
        Assert.Null(stored["dataa"]);
    }

    [Fact]
    public async Task Strict_strategic_merge_patch_is_422_quoting_the_patch_as_a_go_map()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        (await client.PostAsync($"{Deployments(ns)}?fieldValidation=Ignore", Body(Typos))).EnsureSuccessStatusCode();

        var response = await client.PatchAsync($"{Deployments(ns)}/web?fieldValidation=Strict",
            Body("""{"spec":{"replicas":2,"paused":true,"foo":"bar"}}""", "application/strategic-merge-patch+json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var status = await response.ReadObjectAsync();
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Equal(" \"\" is invalid: patch: Invalid value: \"map[spec:map[foo:bar paused:true replicas:2]]\": strict decoding error: unknown field \"spec.foo\"",
            (string?)status["message"]);
        Assert.Equal("patch", (string?)status["details"]!["causes"]![0]!["field"]);
        Assert.Equal(1, (int)(await (await client.GetAsync($"{Deployments(ns)}/web")).ReadObjectAsync())["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Strict_merge_patch_quotes_the_patched_object_and_reports_the_patch_duplicates_first()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        (await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("m")))).EnsureSuccessStatusCode();

        var response = await client.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/m?fieldValidation=Strict",
            Body("""{"data":{"a":"1","a":"2"},"extra":true}""", "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = (string?)(await response.ReadObjectAsync())["message"];
        Assert.StartsWith(" \"\" is invalid: patch: Invalid value: \"{", message);
        Assert.Contains("\\\"extra\\\":true", message);
        Assert.EndsWith("\": strict decoding error: duplicate field \"data.a\", unknown field \"extra\"", message);
    }

    [Fact]
    public async Task Warn_patch_drops_the_field_and_warns()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        (await client.PostAsync($"{Deployments(ns)}?fieldValidation=Ignore", Body(Typos))).EnsureSuccessStatusCode();

        var response = await client.PatchAsync($"{Deployments(ns)}/web",
            Body("""[{"op":"add","path":"/spec/template/spec/containers/0/portz","value":[80]}]""", "application/json-patch+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["299 - \"unknown field \\\"spec.template.spec.containers[0].portz\\\"\""], Warnings(response));
        Assert.DoesNotContain("portz", await client.GetStringAsync($"{Deployments(ns)}/web"));
    }

    [Fact]
    public async Task Status_updates_are_pruned_too()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        (await client.PostAsync($"{Deployments(ns)}?fieldValidation=Ignore", Body(Typos))).EnsureSuccessStatusCode();

        var response = await client.PatchAsync($"{Deployments(ns)}/web/status?fieldValidation=Warn",
            Body("""{"status":{"observedGeneration":1,"readyReplicaz":5}}""", "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["299 - \"unknown field \\\"status.readyReplicaz\\\"\""], Warnings(response));
        Assert.DoesNotContain("readyReplicaz", await client.GetStringAsync($"{Deployments(ns)}/web"));
    }

    [Fact]
    public async Task Server_side_apply_refuses_undeclared_fields_whatever_the_mode()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        var yaml = $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: {ns}
            spec:
              replicass: 2
              selector:
                matchLabels: {"{"}app: web{"}"}
              template:
                metadata:
                  labels: {"{"}app: web{"}"}
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    imagee: x
            """;

        var response = await client.PatchAsync($"{Deployments(ns)}/web?fieldManager=t&fieldValidation=Ignore", Body(yaml, "application/apply-patch+yaml"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var status = await response.ReadObjectAsync();
        Assert.Null(status["reason"]);
        Assert.Equal($"failed to create typed patch object ({ns}/web; apps/v1, Kind=Deployment): errors:\n" +
            "  .spec.replicass: field not declared in schema\n" +
            "  .spec.template.spec.containers[name=\"nginx\"].imagee: field not declared in schema", (string?)status["message"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Deployments(ns)}/web")).StatusCode);
    }

    [Theory]
    [InlineData("PUT", "UpdateOptions")]
    [InlineData("PATCH", "PatchOptions")]
    public async Task An_unknown_mode_is_422_on_the_options_kind(string method, string optionsKind)
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        (await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Fixtures.JsonBody(Fixtures.ConfigMap("o")))).EnsureSuccessStatusCode();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/v1/namespaces/{ns}/configmaps/o?fieldValidation=strict")
        {
            Content = method == "PUT" ? Fixtures.JsonBody(Fixtures.ConfigMap("o")) : Body("{}", "application/merge-patch+json"),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"{optionsKind}.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"strict\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
            (string?)(await response.ReadObjectAsync())["message"]);
    }

    [Fact]
    public async Task Scale_bodies_are_checked_against_the_scale_type()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        (await client.PostAsync($"{Deployments(ns)}?fieldValidation=Ignore", Body(Typos))).EnsureSuccessStatusCode();

        var response = await client.PutAsync($"{Deployments(ns)}/web/scale?fieldValidation=Strict",
            Body("""{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":4,"replica":4}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Scale in version \"v1\" cannot be handled as a Scale: strict decoding error: unknown field \"spec.replica\"",
            (string?)(await response.ReadObjectAsync())["message"]);
    }

    [Fact]
    public async Task A_protobuf_body_is_created_under_strict_validation()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        byte[] typeMeta = [0x0a, 0x02, .. "v1"u8, 0x12, 0x09, .. "ConfigMap"u8];
        byte[] raw = [0x0a, 0x04, 0x0a, 0x02, .. "pb"u8, 0x12, 0x06, 0x0a, 0x01, (byte)'a', 0x12, 0x01, (byte)'b'];
        byte[] body = [.. "k8s\0"u8, 0x0a, (byte)typeMeta.Length, .. typeMeta, 0x12, (byte)raw.Length, .. raw];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/vnd.kubernetes.protobuf");

        var response = await client.PostAsync($"/api/v1/namespaces/{ns}/configmaps?fieldValidation=Strict", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty(Warnings(response));
        Assert.Equal("b", (string?)(await response.ReadObjectAsync())["data"]!["a"]);
    }
}
