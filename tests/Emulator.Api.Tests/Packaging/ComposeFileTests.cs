using YamlDotNet.RepresentationModel;

namespace Emulator.Api.Tests.Packaging;

/// <summary>CI has no Docker engine, so the compose file and Dockerfile are checked as documents: they must agree with the CLI contract.</summary>
public sealed class ComposeFileTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Emulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }

    private static YamlMappingNode Compose()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Root(), "docker-compose.yml"))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void The_emulator_service_publishes_the_default_https_api_port_and_keeps_data_on_a_volume()
    {
        var emulator = (YamlMappingNode)((YamlMappingNode)Compose()["services"])["emulator"];
        var ports = ((YamlSequenceNode)emulator["ports"]).Select(p => ((YamlScalarNode)p).Value).ToList();
        Assert.Contains($"{new Hosting.EmulatorOptions().ApiPort}:6443", ports);
        var volumes = ((YamlSequenceNode)emulator["volumes"]).Select(v => ((YamlScalarNode)v).Value).ToList();
        Assert.Contains("emulator-data:/data", volumes);
    }

    [Fact]
    public void The_toolbox_shares_the_emulator_network_namespace_and_its_kubeconfig()
    {
        var toolbox = (YamlMappingNode)((YamlMappingNode)Compose()["services"])["toolbox"];
        Assert.Equal("service:emulator", ((YamlScalarNode)toolbox["network_mode"]).Value);
        Assert.Equal("/data/kubeconfig", ((YamlScalarNode)((YamlMappingNode)toolbox["environment"])["KUBECONFIG"]).Value);
    }

    [Fact]
    public void The_image_entrypoint_uses_only_documented_flags()
    {
        var entry = File.ReadAllLines(Path.Combine(Root(), "Dockerfile")).Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        var flags = System.Text.RegularExpressions.Regex.Matches(entry, "\"(--[a-z-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(flags);
        Assert.All(flags, f => Assert.Contains(Hosting.CommandLine.Flags, known => known.Flag == f));
        // The same arguments parse without error, as the process would parse them.
        var args = System.Text.RegularExpressions.Regex.Matches(entry, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).Skip(2).ToArray();
        var parsed = Hosting.CommandLine.Parse(args, out var help);
        Assert.False(help);
        Assert.Equal("/data", parsed["Emulator:DataDir"]);
    }
}
