namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// Tests that share one running emulator. xunit runs a collection's tests one after another and different collections
/// in parallel, so restart tests (which own their emulators) overlap with these.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedEmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "Shared emulator";
}
