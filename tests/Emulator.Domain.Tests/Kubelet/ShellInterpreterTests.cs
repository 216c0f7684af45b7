using Emulator.Domain.Kubelet;
using Emulator.Domain.Kubelet.Shell;

namespace Emulator.Domain.Tests.Kubelet;

public sealed class ShellInterpreterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 6, 8, 28, 52, TimeSpan.Zero);

    private static async Task<(int Code, List<string> Lines, TimeSpan Slept)> RunAsync(string[] argv, Dictionary<string, string>? env = null)
    {
        var lines = new List<string>();
        var slept = TimeSpan.Zero;
        var program = ContainerCommand.Program(argv);
        Assert.True(program.Script is not null, program.Unsupported);
        var host = new ShellHost(env ?? new Dictionary<string, string> { ["HOME"] = "/root" }, "pod-1", lines.Add,
            (d, _) => { slept += d; return Task.CompletedTask; }, () => Now);
        var code = await ShellInterpreter.RunAsync(program.Script!, host, program.Positional, CancellationToken.None);
        return (code, lines, slept);
    }

    private static Task<(int Code, List<string> Lines, TimeSpan Slept)> ShAsync(string script) => RunAsync(["sh", "-c", script]);

    [Fact]
    public async Task Echo_sleep_and_exit_run_in_order_and_set_the_exit_code()
    {
        var (code, lines, slept) = await ShAsync("echo one; sleep 2; echo \"two  spaced\"; exit 7; echo never");
        Assert.Equal(7, code);
        Assert.Equal(["one", "two  spaced"], lines);
        Assert.Equal(TimeSpan.FromSeconds(2), slept);
    }

    [Fact]
    public async Task The_logging_docs_counter_loop_counts_with_arithmetic_and_command_substitution()
    {
        var (code, lines, _) = await ShAsync("""i=0; while [ $i -lt 3 ]; do echo "$i: $(date)"; i=$((i+1)); done""");
        Assert.Equal(0, code);
        Assert.Equal(["0: Fri Nov  6 08:28:52 UTC 2026", "1: Fri Nov  6 08:28:52 UTC 2026", "2: Fri Nov  6 08:28:52 UTC 2026"], lines);
    }

    [Fact]
    public async Task Variables_hostname_files_and_conditionals_behave_like_busybox()
    {
        var (code, lines, _) = await ShAsync(
            "hostname; cat /etc/hostname; echo $HOME ${HOME}x '$HOME'; touch /tmp/ok; if [ -f /tmp/ok ]; then echo yes; else echo no; fi; "
            + "rm /tmp/ok && echo removed; cat /tmp/ok || echo gone; for n in $(seq 2 3); do printf '%s-%d\\n' n $n; done; false");
        Assert.Equal(1, code);
        Assert.Equal(["pod-1", "pod-1", "/root /rootx $HOME", "yes", "removed", "cat: can't open '/tmp/ok': No such file or directory", "gone", "n-2", "n-3"], lines);
    }

    [Fact]
    public async Task A_program_without_a_shell_gets_its_arguments_verbatim()
    {
        var (code, lines, slept) = await RunAsync(["echo", "$HOME", "a;b"]);
        Assert.Equal(0, code);
        Assert.Equal(["$HOME a;b"], lines);
        Assert.Equal(TimeSpan.Zero, slept);
        Assert.Equal(TimeSpan.FromSeconds(3600), (await RunAsync(["/bin/sleep", "1h"])).Slept);
        Assert.Equal(["hello"], (await RunAsync(["printenv", "GREETING"], new Dictionary<string, string> { ["GREETING"] = "hello" })).Lines);
    }

    [Fact]
    public async Task A_shell_with_no_script_exits_at_once()
    {
        var (code, lines, _) = await RunAsync(["sh"]);
        Assert.Equal((0, 0), (code, lines.Count));
    }

    [Theory]
    [InlineData("env | sort", "unknown command sort")]
    [InlineData("sleep 10 &", "background jobs (&)")]
    [InlineData("(cd /tmp && ls)", "subshells")]
    [InlineData("echo \"unterminated", "unterminated quoted string")]
    public void Scripts_it_cannot_run_faithfully_are_refused_with_a_reason(string script, string reason)
    {
        var program = ContainerCommand.Program(["/bin/sh", "-c", script]);
        Assert.Null(program.Script);
        Assert.Equal(reason, program.Unsupported);
    }

    [Fact]
    public void Command_and_args_override_entrypoint_and_cmd_and_expand_kubelet_variables()
    {
        var env = new Dictionary<string, string> { ["NAME"] = "web" };
        Assert.Equal(["/agnhost", "pause"], ContainerCommand.Argv(["/agnhost"], ["pause"], [], [], env));
        Assert.Equal(["/agnhost", "netexec", "--http-port=8080"], ContainerCommand.Argv(["/agnhost"], ["pause"], [], ["netexec", "--http-port=8080"], env));
        Assert.Equal(["sh", "-c", "echo web $(MISSING) $(NAME)"], ContainerCommand.Argv(["/agnhost"], ["pause"], ["sh", "-c"], ["echo $(NAME) $(MISSING) $$(NAME)"], env));
    }
}
