using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Emulator.Api.Http;
using Validation = Emulator.Api.Application.Verbs.FieldValidation;
using Emulator.Domain.OpenApi;
using Emulator.Domain.Resources;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Emulator.Api.Tests.FieldValidation;

/// <summary>
/// What field validation costs per create of a Deployment: the schema walk against the JSON decode it follows and
/// against a whole in-process POST. Prints the figures (docs/benchmarks.md, field validation); asserts only results.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FieldValidationCostTests(EmulatorFactory factory, ITestOutputHelper output)
{
    private static readonly ResourceKind Deployments = new("apps", "v1", "Deployment", "deployments", "deployment", true, [], [], []);

    private static string Deployment(string name) => """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","labels":{"app":"web","tier":"front"},
          "annotations":{"deployment.kubernetes.io/revision":"1"}},
         "spec":{"replicas":3,"revisionHistoryLimit":5,"selector":{"matchLabels":{"app":"web"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}},
          "template":{"metadata":{"labels":{"app":"web","tier":"front"}},
           "spec":{"nodeSelector":{"disk":"ssd"},"terminationGracePeriodSeconds":30,
            "containers":[
             {"name":"web","image":"nginx:1.27","ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],
              "env":[{"name":"MODE","value":"prod"},{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
              "resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"500m","memory":"128Mi"}},
              "readinessProbe":{"httpGet":{"path":"/","port":"http"},"periodSeconds":5},
              "livenessProbe":{"tcpSocket":{"port":80},"initialDelaySeconds":10},
              "volumeMounts":[{"name":"cache","mountPath":"/cache"}]},
             {"name":"sidecar","image":"busybox:1.36","command":["sh","-c","sleep 3600"],
              "resources":{"requests":{"cpu":"10m"}}}],
            "volumes":[{"name":"cache","emptyDir":{}}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal);

    [Fact]
    public void The_schema_walk_costs_a_fraction_of_decoding_the_body()
    {
        var bytes = Encoding.UTF8.GetBytes(Deployment("web"));
        var schema = ModelTypes.Schema("apps", "v1", "Deployment")!;
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?fieldValidation=Strict");
        const int n = 5000;
        Action<JsonObject>[] variants =
        [
            _ => { },
            o => UnknownFields.Find(o, schema),
            o => Validation.CheckBody(context, Deployments, new RequestBody(o, MediaTypes.Json, bytes, false), "CreateOptions"),
            o => UnknownFields.Prune(o, schema),
        ];
        // Interleaved rounds, best of each: tiered JIT and the other processes on the machine move single runs a lot.
        var best = Enumerable.Repeat(double.MaxValue, variants.Length).ToArray();
        for (var round = 0; round < 8; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < n; i++) variants[v](BodyReader.DecodeObject(bytes, MediaTypes.Json, Deployments, null));
                best[v] = Math.Min(best[v], sw.Elapsed.TotalMicroseconds / n);
            }
        }
        var (decode, find, strict, ignore) = (best[0], best[1], best[2], best[3]);

        output.WriteLine($"decode only              {decode,8:F1} us/op");
        output.WriteLine($"decode + Find (main)     {find,8:F1} us/op  walk {find - decode,6:F1} us");
        output.WriteLine($"decode + Strict/Warn     {strict,8:F1} us/op  walk {strict - decode,6:F1} us");
        output.WriteLine($"decode + prune (Ignore)  {ignore,8:F1} us/op  walk {ignore - decode,6:F1} us");
        var clean = BodyReader.DecodeObject(bytes, MediaTypes.Json, Deployments, null);
        Validation.CheckBody(context, Deployments, new RequestBody(clean, MediaTypes.Json, bytes, false), "CreateOptions");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(bytes), clean));
    }

    [Fact]
    public async Task A_create_costs_about_the_same_with_validation_as_without_unknown_fields()
    {
        var client = factory.Json();
        var ns = await Fixtures.NewNamespaceAsync(client);
        const int n = 200;

        async Task<double> CreateAll(string prefix, string query)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                var response = await client.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments{query}",
                    new StringContent(Deployment($"{prefix}-{i}"), Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
            return sw.Elapsed.TotalMicroseconds / n;
        }

        await CreateAll("warmup", "?fieldValidation=Ignore");
        double ignore = double.MaxValue, strict = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            ignore = Math.Min(ignore, await CreateAll($"ignore{round}", "?fieldValidation=Ignore"));
            strict = Math.Min(strict, await CreateAll($"strict{round}", "?fieldValidation=Strict"));
        }
        var walk = TypeSchema.For(typeof(V1Deployment));

        output.WriteLine($"POST Deployment, Ignore  {ignore,8:F1} us/op (in-process, SQLite commit included)");
        output.WriteLine($"POST Deployment, Strict  {strict,8:F1} us/op");
        Assert.Empty(UnknownFields.Find((JsonObject)JsonNode.Parse(await client.GetStringAsync($"/apis/apps/v1/namespaces/{ns}/deployments/strict0-0"))!, walk));
    }
}
