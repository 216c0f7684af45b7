using Emulator.Domain.Kubelet.Shell;

namespace Emulator.Domain.Kubelet.Exec;

/// <summary>
/// What a <c>kubectl exec</c> command line runs in the container: a script for the interpreter (<c>sh -c '...'</c>, or
/// one of the programs it knows run directly), an interactive shell reading command lines from stdin (a shell with
/// no script), or nothing, because the program is not in the image (<see cref="Missing"/>).
/// </summary>
public sealed record ExecPlan(ShellNode? Script, IReadOnlyList<string> Positional, bool Interactive, string? Missing, string? SyntaxError)
{
    public static ExecPlan For(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0) return new ExecPlan(null, [], false, "", null);
        var program = argv[0];
        if (!ContainerCommand.IsShell(program))
        {
            if (!ShellInterpreter.Builtins.Contains(Path.GetFileName(program)) || program is "exit" or "export" or ":" or "[")
                return new ExecPlan(null, [], false, program, null);
            var words = argv.Select(a => new Word([new Literal(a, true)])).ToList();
            return new ExecPlan(new SimpleCommand([], words, []), [program], false, null, null);
        }
        for (var i = 1; i < argv.Count; i++)
        {
            var option = argv[i];
            if (!option.StartsWith('-') || option.Length < 2) return new ExecPlan(null, [], false, option, null); // sh FILE: scripts are not emulated
            if (!option.Contains('c')) continue;
            if (i + 1 >= argv.Count) return new ExecPlan(null, [], false, null, $"{Path.GetFileName(program)}: -c requires an argument");
            List<string> positional = i + 2 < argv.Count ? [.. argv.Skip(i + 2)] : [program];
            try
            {
                return new ExecPlan(ShellParser.Parse(argv[i + 1]), positional, false, null, null);
            }
            catch (ShellSyntaxException e)
            {
                return new ExecPlan(null, positional, false, null, $"{Path.GetFileName(program)}: syntax error: {e.Message}");
            }
        }
        return new ExecPlan(null, [program], true, null, null);
    }

    /// <summary>
    /// containerd's words when the program is not in the image, which the kubelet wraps as "error executing command in
    /// container: ..." and the API server as an InternalError (kubectl prints "error: Internal error occurred: ...").
    /// </summary>
    public static string NotFoundMessage(string program, string execId) =>
        $"error executing command in container: failed to exec in container: failed to start exec \"{execId}\": OCI runtime exec failed: "
        + $"exec failed: unable to start container process: exec: \"{program}\": executable file not found in $PATH: unknown";

    /// <summary>Whether a command line that failed to parse only needs more lines (an open quote, an unfinished loop or if).</summary>
    public static bool Incomplete(ShellSyntaxException e) =>
        e.Message is "unexpected end of script" || e.Message.StartsWith("unterminated", StringComparison.Ordinal)
        || e.Message.StartsWith("expected \"", StringComparison.Ordinal);
}
