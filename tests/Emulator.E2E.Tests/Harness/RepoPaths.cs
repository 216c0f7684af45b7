using System.Reflection;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Harness;

/// <summary>Where the checkout, the server build and the real clients are, seen from the running test assembly.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> root = new(FindRoot);

    public static string Root => root.Value;

    public static string BuildConfiguration => Metadata("BuildConfiguration");

    public static string TargetFramework => Metadata("TargetFramework");

    /// <summary>The server the tests start; <c>EMULATOR_API_DLL</c> overrides it (e.g. to test a published build).</summary>
    public static string ApiDll =>
        Environment.GetEnvironmentVariable("EMULATOR_API_DLL") is { Length: > 0 } overridden
            ? overridden
            : Path.Combine(Root, "src", "Api", "bin", BuildConfiguration, TargetFramework, "Emulator.Api.dll");

    public static string ToolsBin =>
        Environment.GetEnvironmentVariable("EMULATOR_TOOLS_BIN") is { Length: > 0 } overridden
            ? overridden
            : Path.Combine(Root, ".tools", "bin");

    /// <summary>
    /// The path of a real client in the tools folder. A missing client fails the test (design.md §5: nothing skips),
    /// with the one command that installs it.
    /// </summary>
    public static string Tool(string name)
    {
        var path = Path.Combine(ToolsBin, name);
        if (!File.Exists(path))
        {
            throw new XunitException(
                $"The real client '{name}' is missing at {path}. Run ./test.sh from the repository root " +
                "(it runs scripts/install-clients.sh, which installs kubectl, helm, dig and newman into .tools/bin), " +
                "or point EMULATOR_TOOLS_BIN at a folder that holds them.");
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly carries no '{key}' metadata; see Emulator.E2E.Tests.csproj.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Emulator.sln.");
    }
}
