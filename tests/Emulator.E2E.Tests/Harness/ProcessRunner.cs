using System.Diagnostics;

namespace Emulator.E2E.Tests.Harness;

/// <summary>Runs a client to completion with optional stdin, killing it if it outlives its timeout.</summary>
public static class ProcessRunner
{
    public static async Task<CommandResult> RunAsync(ToolCommand command, string? stdin, TimeSpan timeout, Func<string> serverOutput)
    {
        using var process = new Process { StartInfo = command.ToStartInfo() };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The client exited before reading its input; its exit code and stderr say why.
        }

        var exited = await WaitForExitAsync(process, timeout);
        if (!exited)
        {
            KillTree(process);
            await process.WaitForExitAsync();
        }

        return new CommandResult(command.Display, exited ? process.ExitCode : -1, await stdout, await stderr, !exited, serverOutput());
    }

    internal static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    internal static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
