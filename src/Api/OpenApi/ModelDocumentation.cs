using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml;
using k8s.Models;

namespace Emulator.Api.OpenApi;

/// <summary>
/// The descriptions of the k8s.Models types and properties, read from the XML documentation the KubernetesClient
/// package ships (its summaries are the Go doc comments, as the real OpenAPI descriptions are). The file is looked for
/// next to the assembly, then in the NuGet package folder; without it the document has no descriptions.
/// </summary>
public static partial class ModelDocumentation
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Members = new(Load);

    public static string? Type(Type type) => Members.Value.GetValueOrDefault("T:" + type.FullName);

    public static string? Property(Type type, string clrName) => Members.Value.GetValueOrDefault($"P:{type.FullName}.{clrName}");

    /// <summary>Where the XML was found, or null; for diagnostics and tests.</summary>
    public static string? SourcePath => Candidates().FirstOrDefault(File.Exists);

    private static IEnumerable<string> Candidates()
    {
        var assembly = typeof(V1Pod).Assembly;
        yield return Path.ChangeExtension(assembly.Location, ".xml");
        yield return Path.Combine(AppContext.BaseDirectory, "KubernetesClient.xml");
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (version is not null)
        {
            foreach (var tfm in new[] { "net10.0", "net9.0", "net8.0" })
                yield return Path.Combine(packages, "kubernetesclient", version, "lib", tfm, "KubernetesClient.xml");
        }
    }

    private static Dictionary<string, string> Load()
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        if (SourcePath is not { } path) return members;
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, IgnoreWhitespace = true });
        while (reader.ReadToFollowing("member"))
        {
            var name = reader.GetAttribute("name");
            if (name is null || !(name.StartsWith("T:k8s.Models.", StringComparison.Ordinal) || name.StartsWith("P:k8s.Models.", StringComparison.Ordinal)))
                continue;
            using var member = reader.ReadSubtree();
            if (!member.ReadToDescendant("summary")) continue;
            var text = member.ReadElementContentAsString();
            members[name] = Whitespace().Replace(text, " ").Trim();
        }
        return members;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
