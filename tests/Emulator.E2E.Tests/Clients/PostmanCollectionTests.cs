using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Clients;

/// <summary>The checked-in Postman collection, run by newman against the plain HTTP port: the seed walkthrough over HTTP.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class PostmanCollectionTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task The_postman_walkthrough_passes_every_assertion_under_newman()
    {
        var postman = Path.Combine(RepoPaths.Root, "postman");
        var command = new ToolCommand(RepoPaths.Tool("newman"),
        [
            "run", Path.Combine(postman, "emulator.postman_collection.json"),
            "--environment", Path.Combine(postman, "local.postman_environment.json"),
            "--env-var", $"baseUrl={fixture.Emulator.HttpUri.ToString().TrimEnd('/')}",
            "--reporters", "cli", "--color", "off", "--disable-unicode",
        ], new Dictionary<string, string?>());
        var result = await ProcessRunner.RunAsync(command, stdin: null, TimeSpan.FromMinutes(3), fixture.Emulator.RecentOutput);
        result.Succeeds();
        // newman's summary table: the assertions row shows executed and failed counts.
        result.PrintsLine(@"^\s*\|\s*assertions\s*\|\s*\d+\s*\|\s*0\s*\|\s*$");
    }
}
