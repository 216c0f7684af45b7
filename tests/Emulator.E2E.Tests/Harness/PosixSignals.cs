using System.Runtime.InteropServices;

namespace Emulator.E2E.Tests.Harness;

/// <summary>
/// SIGTERM for a child process. .NET's Process API only offers SIGKILL (Kill), but a graceful stop is what the
/// server's contract promises to handle, so the tests must be able to send it.
/// </summary>
internal static class PosixSignals
{
    private const int Sigterm = 15;

    public static void Terminate(int pid)
    {
        if (Kill(pid, Sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
