using System.Text;
using Emulator.Domain.Kubelet.Exec;
using Emulator.Domain.Kubelet.Shell;

namespace Emulator.Domain.Tests.Kubelet;

/// <summary>What kubectl exec runs (ExecPlan), the status it ends with (ExecStatus), and the terminal line discipline.</summary>
public sealed class ExecTests
{
    private static ShellHost Host() =>
        new(new Dictionary<string, string> { ["WHO"] = "pod" }, "pod-1", _ => { }, (_, _) => Task.CompletedTask, () => DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_shell_script_writes_stdout_and_stderr_apart_as_raw_text_and_returns_its_code()
    {
        var plan = ExecPlan.For(["sh", "-c", "printf partial; echo; echo err >&2; nosuch; exit 3"]);
        var (stdout, stderr) = (new StringBuilder(), new StringBuilder());
        var code = await ShellInterpreter.RunAsync(plan.Script!, Host().Streams(t => stdout.Append(t), t => stderr.Append(t)), plan.Positional,
            CancellationToken.None);
        Assert.Equal(3, code);
        Assert.Equal("partial\n", stdout.ToString());
        Assert.Equal("err\nsh: nosuch: not found\n", stderr.ToString());
    }

    [Fact]
    public async Task Stdin_reaches_the_program_and_exported_variables_stay_in_the_exec()
    {
        var host = Host();
        var plan = ExecPlan.For(["wc", "-l"]);
        var stdout = new StringBuilder();
        Assert.Equal(0, await ShellInterpreter.RunAsync(plan.Script!, host.Streams(t => stdout.Append(t), _ => { }), plan.Positional,
            CancellationToken.None, "a\nb\n"));
        Assert.Equal("2", stdout.ToString().Trim());

        var export = ExecPlan.For(["sh", "-c", "export WHO=exec"]);
        await ShellInterpreter.RunAsync(export.Script!, host.Streams(_ => { }, _ => { }), export.Positional, CancellationToken.None);
        Assert.Equal("pod", host.Environment["WHO"]);
    }

    [Fact]
    public void Plans_tell_scripts_interactive_shells_and_missing_programs_apart()
    {
        Assert.True(ExecPlan.For(["sh"]).Interactive);
        Assert.True(ExecPlan.For(["/bin/bash", "-l"]).Interactive);
        Assert.Null(ExecPlan.For(["cat", "/etc/hostname"]).Missing);
        Assert.Equal("nosuchcmd", ExecPlan.For(["nosuchcmd", "x"]).Missing);
        Assert.Equal("sh: -c requires an argument", ExecPlan.For(["sh", "-c"]).SyntaxError);
        Assert.Equal(["sh", "one"], ExecPlan.For(["sh", "-c", "echo $1", "sh", "one"]).Positional);
        Assert.True(ExecPlan.Incomplete(Assert.Throws<ShellSyntaxException>(() => ShellParser.Parse("for i in 1 2; do\n"))));
        Assert.True(ExecPlan.Incomplete(Assert.Throws<ShellSyntaxException>(() => ShellParser.Parse("echo 'open\n"))));
        Assert.EndsWith("exec: \"ps\": executable file not found in $PATH: unknown", ExecPlan.NotFoundMessage("ps", "abc"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_carries_the_exit_code_as_client_go_decodes_it()
    {
        Assert.Equal("""{"metadata":{},"status":"Success"}""", ExecStatus.Of(0, ["true"]).ToJsonString());
        var failed = ExecStatus.Of(3, ["sh", "-c", "exit 3"]);
        Assert.Equal("Failure", failed["status"]!.ToString());
        Assert.Equal("NonZeroExitCode", failed["reason"]!.ToString());
        Assert.Equal("""[{"reason":"ExitCode","message":"3"}]""", failed["details"]!["causes"]!.ToJsonString());
        var internalError = ExecStatus.InternalError("boom");
        Assert.Equal("Internal error occurred: boom", internalError["message"]!.ToString());
        Assert.Equal("InternalError", internalError["reason"]!.ToString());
    }

    [Fact]
    public void A_terminal_echoes_keys_erases_with_backspace_ends_lines_on_cr_and_ends_input_on_ctrl_d()
    {
        var tty = new TerminalInput(tty: true);
        var (lines, echo, interrupted) = tty.Feed("ls\u007f\u007fecho hi\r"u8);
        Assert.Equal(["echo hi"], lines);
        Assert.Equal("ls\b \b\b \becho hi\r\n", echo);
        Assert.False(interrupted);
        Assert.True(tty.Feed("junk\x03"u8).Interrupted);
        Assert.Empty(tty.Feed("\x04"u8).Lines);
        Assert.True(tty.Ended);
        Assert.Equal("a\r\nb\r\n", tty.Display("a\nb\r\n"));

        var plain = new TerminalInput(tty: false);
        var (plainLines, plainEcho, _) = plain.Feed("one\ntwo"u8);
        Assert.Equal(["one"], plainLines);
        Assert.Equal("", plainEcho);
        Assert.Equal(["two"], plain.End());
        Assert.Equal("x\n", plain.Display("x\n"));
    }

    [Fact]
    public async Task An_interactive_shell_keeps_variables_between_lines_waits_for_open_constructs_and_exits_with_exit()
    {
        var console = new ContainerConsole(tty: true, stdinOnce: true);
        var shown = new StringBuilder();
        using var attached = console.Attach(t => shown.Append(t));
        var terminal = new TerminalInput(console.Tty);
        void Show(string text) => console.Write(terminal.Display(text));
        var shell = new InteractiveShell(Host().Streams(Show, Show), ["sh"], terminal, Show, Show);
        console.Type("X=4\r"u8.ToArray());
        console.Type("for i in 1 2; do\r"u8.ToArray());
        console.Type("echo $X$i; done\r"u8.ToArray());
        console.Type("exit 9\r"u8.ToArray());
        Assert.Equal(9, await shell.RunAsync(console.ReadStdinAsync, CancellationToken.None));
        Assert.Equal("/ # X=4\r\n/ # for i in 1 2; do\r\n> echo $X$i; done\r\n41\r\n42\r\n/ # exit 9\r\n", shown.ToString());
    }

    [Fact]
    public async Task Without_a_terminal_the_shell_ends_at_the_end_of_stdin_with_the_last_status()
    {
        var console = new ContainerConsole(tty: false, stdinOnce: true);
        var shown = new StringBuilder();
        var terminal = new TerminalInput(false);
        var shell = new InteractiveShell(Host().Streams(t => shown.Append(t), t => shown.Append(t)), ["sh"], terminal, t => shown.Append(t),
            t => shown.Append(t));
        console.Type("echo one\nfalse"u8.ToArray());
        console.CloseStdin();
        Assert.Equal(1, await shell.RunAsync(console.ReadStdinAsync, CancellationToken.None));
        Assert.Equal("one\n", shown.ToString());
    }
}
