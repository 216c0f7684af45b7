using System.Collections.Concurrent;
using System.Globalization;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Reliability;

/// <summary>
/// Random creates, updates and deletes of ConfigMaps in one namespace from several concurrent clients, recording
/// every acknowledged (2xx) write with the resourceVersion it got. 404 and 409 are the expected answers of random
/// operations racing each other; anything else fails the test.
/// </summary>
public sealed class RandomConfigMapWriter(EmulatorProcess emulator, string ns, int names, int seed)
{
    private readonly Random random = new(seed);

    public ConcurrentBag<(string Verb, string Name, long Rv)> Acknowledged { get; } = [];

    public async Task RunAsync(int operations, int clients)
    {
        var errors = new ConcurrentBag<string>();
        var next = 0;
        var seeds = Enumerable.Range(0, clients).Select(_ => random.Next()).ToArray();
        await Task.WhenAll(seeds.Select(s => Task.Run(async () =>
        {
            var local = new Random(s);
            using var api = ApiClient.Https(emulator, emulator.AdminToken);
            while (Interlocked.Increment(ref next) <= operations)
            {
                var name = $"cm-{local.Next(names)}";
                var data = new Dictionary<string, string> { ["v"] = local.Next().ToString(CultureInfo.InvariantCulture) };
                var op = local.Next(3);
                var response = op switch
                {
                    0 => await api.PostAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap(name, data)),
                    1 => await api.PutAsync(ApiPaths.ConfigMap(ns, name), Manifests.ConfigMap(name, data)),
                    _ => await api.DeleteAsync(ApiPaths.ConfigMap(ns, name)),
                };
                switch (response.Code)
                {
                    case 200 or 201:
                        var verb = op switch { 0 => "create", 1 => "update", _ => "delete" };
                        Acknowledged.Add((verb, name, verb == "delete" ? 0 : ResourceVersions.Of(response.Json())));
                        break;
                    case 404 or 409:
                        break;
                    default:
                        errors.Add(response.Describe());
                        break;
                }
            }
        })));
        if (!errors.IsEmpty)
        {
            throw new XunitException($"{errors.Count} random writes failed:\n{string.Join("\n", errors.Take(3))}");
        }
    }
}
