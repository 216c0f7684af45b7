using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// A long-running client (<c>kubectl get -w</c>, <c>kubectl wait</c>) whose output is read line by line while the
/// test acts on the cluster. Disposing kills it.
/// </summary>
public sealed class RunningCommand : IAsyncDisposable
{
    private readonly Process process;
    private readonly ToolCommand command;
    private readonly Func<string> serverOutput;
    private readonly LineBuffer stdout = new();
    private readonly LineBuffer stderr = new();
    private readonly Task pumps;

    private RunningCommand(ToolCommand command, Func<string> serverOutput)
    {
        this.command = command;
        this.serverOutput = serverOutput;
        process = new Process { StartInfo = command.ToStartInfo() };
        process.Start();
        process.StandardInput.Close();
        pumps = Task.WhenAll(PumpAsync(process.StandardOutput, stdout), PumpAsync(process.StandardError, stderr));
    }

    public static RunningCommand Start(ToolCommand command, Func<string> serverOutput) => new(command, serverOutput);

    public Task<string> WaitForStdoutLineAsync(string pattern, TimeSpan timeout) => WaitForLineAsync(stdout, "stdout", pattern, timeout);

    public Task<string> WaitForStderrLineAsync(string pattern, TimeSpan timeout) => WaitForLineAsync(stderr, "stderr", pattern, timeout);

    /// <summary>Waits for the client to end on its own; a client still running at the deadline is killed and fails the test.</summary>
    public async Task<CommandResult> WaitForExitAsync(TimeSpan timeout)
    {
        var exited = await ProcessRunner.WaitForExitAsync(process, timeout);
        if (!exited)
        {
            ProcessRunner.KillTree(process);
            await process.WaitForExitAsync();
        }

        await pumps;
        return Result(timedOut: !exited);
    }

    /// <summary>Kills the client (as Ctrl-C would end it) and returns what it printed.</summary>
    public async Task<CommandResult> StopAsync()
    {
        ProcessRunner.KillTree(process);
        await process.WaitForExitAsync();
        await pumps;
        return Result(timedOut: false);
    }

    public async ValueTask DisposeAsync()
    {
        ProcessRunner.KillTree(process);
        await process.WaitForExitAsync();
        await pumps;
        process.Dispose();
    }

    private async Task<string> WaitForLineAsync(LineBuffer buffer, string stream, string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var (match, ended, changed) = buffer.TryTake(regex);
            if (match is not null)
            {
                return match;
            }

            if (ended)
            {
                throw Failure($"{stream} ended before a line matching /{pattern}/ appeared");
            }

            var remaining = timeout - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw Failure($"no {stream} line matching /{pattern}/ appeared within {timeout.TotalSeconds:0.#} s");
            }

            await Task.WhenAny(changed, Task.Delay(remaining));
        }
    }

    private XunitException Failure(string what) =>
        new($"""
             {what}.
             command: {command.Display} ({(process.HasExited ? $"exited with {process.ExitCode}" : "still running")})
             --- stdout so far ---
             {stdout.Text()}
             --- stderr so far ---
             {stderr.Text()}
             --- emulator output (last lines) ---
             {serverOutput()}
             """);

    private CommandResult Result(bool timedOut) =>
        new(command.Display, timedOut ? -1 : process.ExitCode, stdout.Text(), stderr.Text(), timedOut, serverOutput());

    private static async Task PumpAsync(StreamReader reader, LineBuffer buffer)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            buffer.Add(line);
        }

        buffer.End();
    }
}
