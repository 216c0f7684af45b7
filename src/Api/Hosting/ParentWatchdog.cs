using System.Diagnostics;

namespace Emulator.Api.Hosting;

/// <summary>
/// When EMULATOR_PARENT_PID is set (test harnesses set it), the process stops once that parent is gone, so a crashed
/// or killed test run never leaves emulators listening behind it.
/// </summary>
public sealed class ParentWatchdog(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("EMULATOR_PARENT_PID"), out var pid)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (Alive(pid)) continue;
            lifetime.StopApplication();
            return;
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
