using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Emulator.Api.Tests;

/// <summary>
/// The API in memory over a fresh SQLite file, controllers off. Program reads its options before the host is built,
/// so they come from the environment (the one configuration source visible that early under WebApplicationFactory).
/// </summary>
public sealed class EmulatorFactory : WebApplicationFactory<Program>
{
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), $"emu-api-{Guid.NewGuid():N}");

    public EmulatorFactory()
    {
        Environment.SetEnvironmentVariable("Emulator__DataDir", DataDir);
        Environment.SetEnvironmentVariable("Emulator__Listen", "false");
        Environment.SetEnvironmentVariable("Emulator__Controllers", "false");
    }

    public HttpClient Json()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<EmulatorFactory>
{
    public const string Name = "api";
}
