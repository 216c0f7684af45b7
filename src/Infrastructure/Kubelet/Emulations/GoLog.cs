using System.Globalization;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>Go's standard logger prefix ("2009/11/10 23:00:00 "), which agnhost and http-echo write before each line.</summary>
public static class GoLog
{
    public static string Line(TimeProvider time, string message) =>
        time.GetUtcNow().ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + message;
}

/// <summary>Go command-line flags as pflag (--name=value, --name value, bare booleans) and flag (-name=value) accept them.</summary>
public sealed class GoFlags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public GoFlags(IEnumerable<string> args, IReadOnlySet<string> booleans)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a == "--") { Positional.AddRange(list.Skip(i + 1)); break; }
            if (!a.StartsWith('-') || a == "-") { Positional.Add(a); continue; }
            var name = a.TrimStart('-');
            var eq = name.IndexOf('=');
            if (eq >= 0) { _values[name[..eq]] = name[(eq + 1)..]; continue; }
            if (booleans.Contains(name)) { _values[name] = "true"; continue; }
            _values[name] = i + 1 < list.Count ? list[++i] : "";
        }
    }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    public bool Bool(string name, bool fallback) => _values.TryGetValue(name, out var v) ? v is "true" or "1" or "t" or "T" or "TRUE" or "True" : fallback;
}

/// <summary>An image mode the emulator does not implement: the container idles and the kubelet records why.</summary>
public sealed class EmulationNotSupportedException(string message) : Exception(message);
