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
        const int n = 2000;
        // A clean body is not changed by the walk, so the walk is timed on one decoded object, apart from decoding.
        var decoded = BodyReader.DecodeObject(bytes, MediaTypes.Json, Deployments, null);
        Action[] variants =
        [
            () => BodyReader.DecodeObject(bytes, MediaTypes.Json, Deployments, null),
            () => UnknownFields.Find(decoded, schema),
            () => Validation.CheckBody(context, Deployments, new RequestBody(decoded, MediaTypes.Json, bytes, false), "CreateOptions"),
            () => UnknownFields.Prune(decoded, schema),
        ];
        // Many short interleaved rounds, best of each: tiered JIT and the other processes on the machine move single runs a lot.
        var best = Enumerable.Repeat(double.MaxValue, variants.Length).ToArray();
        for (var round = 0; round < 40; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < n; i++) variants[v]();
                best[v] = Math.Min(best[v], sw.Elapsed.TotalMicroseconds / n);
            }
        }
        var (decode, find, strict, ignore) = (best[0], best[1], best[2], best[3]);

        output.WriteLine($"JSON decode of the body          {decode,7:F2} us/op");
        output.WriteLine($"Find walk (before: main, Warn)   {find,7:F2} us/op  {find / decode,5:P1} of decode");
        output.WriteLine($"CheckBody Strict/Warn (after)    {strict,7:F2} us/op  {strict / decode,5:P1} of decode");
        output.WriteLine($"Prune walk, Ignore (after)       {ignore,7:F2} us/op  {ignore / decode,5:P1} of decode");
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
