using System.Text;
using Emulator.Domain.Kubelet.Shell;

namespace Emulator.Domain.Kubelet.Exec;

/// <summary>
/// A shell reading its command lines from stdin as they arrive, for <c>kubectl exec -i ... -- sh</c> and for a
/// container started with <c>stdin: true</c> running a bare shell (<c>kubectl run -it ... -- sh</c>). On a terminal it
/// prompts (busybox's "/ # ", bash's "root@host:/# "), echoes and shows "> " while a construct is open. It ends with
/// <c>exit</c> (its code) or at the end of stdin (the last command's status).
/// </summary>
public sealed class InteractiveShell(ShellHost host, IReadOnlyList<string> positional, TerminalInput terminal, Action<string> stdout, Action<string> stderr)
{
    /// <summary>The next chunk of stdin, or null at its end.</summary>
    public async Task<int> RunAsync(Func<CancellationToken, ValueTask<byte[]?>> read, CancellationToken ct)
    {
        var session = ShellInterpreter.StartSession(host, positional);
        var program = positional.Count > 0 ? Path.GetFileName(positional[0]) : "sh";
        var prompt = program == "bash" ? $"root@{host.Hostname}:/# " : "/ # ";
        var pending = new StringBuilder();
        if (terminal.Tty) stdout(prompt);
        while (true)
        {
            var chunk = terminal.Ended ? null : await read(ct);
            List<string> lines;
            if (chunk is null) lines = terminal.End();
            else
            {
                (lines, var echo, var interrupted) = terminal.Feed(chunk);
                if (echo.Length > 0) stdout(echo);
                if (interrupted)
                {
                    pending.Clear();
                    stdout(prompt);
                }
            }
            foreach (var line in lines)
            {
                pending.Append(line).Append('\n');
                ShellNode node;
                try
                {
                    node = ShellParser.Parse(pending.ToString());
                }
                catch (ShellSyntaxException e) when (ExecPlan.Incomplete(e))
                {
                    if (terminal.Tty) stdout("> ");
                    continue;
                }
                catch (ShellSyntaxException e)
                {
                    pending.Clear();
                    stderr($"{program}: syntax error: {e.Message}\n");
                    if (terminal.Tty) stdout(prompt);
                    continue;
                }
                pending.Clear();
                if (await session.RunAsync(node, ct) is { } exit) return exit;
                if (terminal.Tty) stdout(prompt);
            }
            if (chunk is null || terminal.Ended) return session.Status;
        }
    }
}
