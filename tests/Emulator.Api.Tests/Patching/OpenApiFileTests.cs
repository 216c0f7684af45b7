using Emulator.Api.OpenApi;
using Emulator.Domain.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Api.Tests.Patching;

/// <summary>
/// The root openapi.yaml is what the generator writes now. To refresh it after a change, run this test with
/// UPDATE_OPENAPI=1 and commit the file.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiFileTests(EmulatorFactory factory)
{
    [Fact]
    public void Checked_in_openapi_yaml_matches_the_generator()
    {
        var expected = OpenApiFile.Render(factory.Services.GetRequiredService<ResourceCatalog>());
        var path = Path.Combine(RepoRoot(), OpenApiFile.FileName);
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1") File.WriteAllText(path, expected);

        Assert.True(File.Exists(path), $"{path} is missing; run this test with UPDATE_OPENAPI=1 to write it");
        Assert.True(File.ReadAllText(path) == expected, $"{path} is stale; run this test with UPDATE_OPENAPI=1 and commit the file");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Emulator.sln"))) return dir.FullName;
        throw new InvalidOperationException("Emulator.sln not found above the test binaries");
    }
}
