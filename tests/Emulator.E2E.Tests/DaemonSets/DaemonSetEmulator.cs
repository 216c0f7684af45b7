using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.DaemonSets;

/// <summary>
/// An emulator of its own with the default three nodes: DaemonSet counts are per node, and tests sharing an emulator
/// register nodes of their own.
/// </summary>
public sealed class DaemonSetEmulator : IAsyncLifetime
{
    private EmulatorProcess? emulator;

    public EmulatorProcess Emulator => emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public Kubectl Kubectl => Emulator.Kubectl;

    public async Task<string> CreateNamespaceAsync(string purpose)
    {
        var ns = Names.Namespace(purpose);
        await Emulator.Api.CreateNamespaceAsync(ns);
        return ns;
    }

    public async Task InitializeAsync() => emulator = await EmulatorProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (emulator is not null) await emulator.DisposeAsync();
    }
}
