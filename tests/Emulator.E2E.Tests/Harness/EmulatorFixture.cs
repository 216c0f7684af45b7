using System.Text.Json.Nodes;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// One emulator shared by a collection of tests. Tests isolate themselves by working in namespaces of their own
/// (<see cref="CreateNamespaceAsync"/>), so they never depend on what another test left behind.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EmulatorProcess? emulator;

    public EmulatorProcess Emulator => emulator ?? throw new InvalidOperationException("The shared emulator has not started.");

    public Kubectl Kubectl => Emulator.Kubectl;

    public Helm Helm => Emulator.Helm;

    public ApiClient Api => Emulator.Api;

    /// <summary>
    /// Creates a uniquely named namespace over raw HTTP (JSON), so a test about configmaps does not also depend on
    /// kubectl's protobuf-encoded <c>create namespace</c>.
    /// </summary>
    public async Task<string> CreateNamespaceAsync(string purpose)
    {
        var name = Names.Namespace(purpose);
        await Api.CreateNamespaceAsync(name);
        return name;
    }

    /// <summary>Creates a ConfigMap over raw HTTP and returns the stored object.</summary>
    public Task<JsonObject> CreateConfigMapAsync(string ns, string name, IReadOnlyDictionary<string, string> data) =>
        Api.CreateAsync(ApiPaths.ConfigMaps(ns), Manifests.ConfigMap(name, data));

    public async Task InitializeAsync() => emulator = await EmulatorProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}
