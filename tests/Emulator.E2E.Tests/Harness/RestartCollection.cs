namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// Tests that start, stop and kill emulators of their own. They run one after another (in parallel with the shared
/// collection) because a server start is CPU-heavy: several starting at once on a small CI machine each take minutes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RestartCollection
{
    public const string Name = "Own emulators (restarts)";
}
