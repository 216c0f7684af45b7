using System.Text;
using Emulator.Domain.Kubelet.Shell;

namespace Emulator.Domain.Kubelet;

/// <summary>A script the kubelet's interpreter will run for a container, or why it cannot (then the container idles).</summary>
public sealed record ShellProgram(ShellNode? Script, IReadOnlyList<string> Positional, string? Unsupported);

/// <summary>
/// The process a container runs: the image's ENTRYPOINT/CMD overridden by command/args as the kubelet does
/// (kuberuntime's command/args rules and $(VAR) expansion of pkg/kubelet/container/expansion), and, for shells and the
/// small programs busybox provides, the script the interpreter runs.
/// </summary>
public static class ContainerCommand
{
    private static readonly HashSet<string> Shells = ["sh", "bash", "ash", "dash", "zsh"];

    /// <summary>curlimages/curl's ENTRYPOINT: runs curl with the arguments when the first is an option, else runs them.</summary>
    public const string CurlEntrypoint = "/entrypoint.sh";

    /// <summary>command replaces ENTRYPOINT (and drops CMD); args replaces CMD.</summary>
    public static IReadOnlyList<string> Argv(IReadOnlyList<string> entrypoint, IReadOnlyList<string> cmd, IReadOnlyList<string> command,
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        var argv = command.Count > 0 ? [.. command, .. args] : entrypoint.Concat(args.Count > 0 ? args : cmd).ToList();
        return argv.Select(a => Expand(a, env)).ToList();
    }

    /// <summary>$(VAR) becomes the variable's value when defined (left as written otherwise); $$ escapes a $.</summary>
    public static string Expand(string input, IReadOnlyDictionary<string, string> env)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 >= input.Length) { sb.Append(input[i]); continue; }
            if (input[i + 1] == '$') { sb.Append('$'); i++; continue; }
            if (input[i + 1] == '(' && input.IndexOf(')', i + 2) is > 0 and var end)
            {
                var name = input[(i + 2)..end];
                if (env.TryGetValue(name, out var value)) { sb.Append(value); i = end; continue; }
                sb.Append(input, i, end - i + 1);
                i = end;
                continue;
            }
            sb.Append('$');
        }
        return sb.ToString();
    }

    public static bool IsShell(string program) => Shells.Contains(Path.GetFileName(program));

    /// <summary>Whether the interpreter handles this argv: a shell, or one of the programs it knows.</summary>
    public static bool IsInterpretable(IReadOnlyList<string> argv) =>
        argv.Count > 0 && (IsShell(argv[0]) || ShellInterpreter.Builtins.Contains(Path.GetFileName(argv[0])));

    public static ShellProgram Program(IReadOnlyList<string> argv)
    {
        if (argv.Count > 0 && argv[0] == CurlEntrypoint)
            argv = argv.Count > 1 && argv[1].StartsWith('-') ? ["curl", .. argv.Skip(1)] : [.. argv.Skip(1)];
        if (argv.Count == 0) return new ShellProgram(null, [], "no command");
        if (!IsShell(argv[0]))
        {
            var words = argv.Select(a => new Word([new Literal(a, true)])).ToList();
            return Checked(new SimpleCommand([], words, []), [argv[0]]);
        }
        var i = 1;
        string? script = null;
        for (; i < argv.Count && argv[i].StartsWith('-') && argv[i].Length > 1; i++)
        {
            if (!argv[i].Contains('c')) continue;
            if (i + 1 >= argv.Count) return new ShellProgram(null, [], "sh: -c requires an argument");
            script = argv[++i];
            i++;
            break;
        }
        if (script is null)
        {
            // A shell with no script and no terminal reads an empty stdin and exits 0; a script file is not emulated.
            return i < argv.Count ? new ShellProgram(null, [], $"script file {argv[i]}") : new ShellProgram(new Sequence([]), [argv[0]], null);
        }
        List<string> positional = i < argv.Count ? [.. argv.Skip(i)] : [argv[0]];
        try
        {
            return Checked(ShellParser.Parse(script), positional);
        }
        catch (ShellSyntaxException e)
        {
            return new ShellProgram(null, positional, e.Message);
        }
    }

    private static ShellProgram Checked(ShellNode script, IReadOnlyList<string> positional)
    {
        var unknown = ShellInterpreter.UnknownCommands(script);
        return unknown.Count == 0 ? new ShellProgram(script, positional, null)
            : new ShellProgram(null, positional, $"unknown command{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)}");
    }
}
