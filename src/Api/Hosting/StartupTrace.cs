using System.Diagnostics;
using System.Runtime;

namespace Emulator.Api.Hosting;

/// <summary>
/// With EMULATOR_STARTUP_TRACE=1, one stderr line per start-up phase: wall time since the process started, CPU time
/// of the process and what the JIT did so far. Cheap enough to leave in; off by default. The benchmark and ADR 0012
/// use it to see where the time before the first /readyz goes.
/// </summary>
public static class StartupTrace
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("EMULATOR_STARTUP_TRACE") == "1";
    private static int readyLogged;

    public static void Mark(string phase)
    {
        if (!Enabled) return;
        using var self = Process.GetCurrentProcess();
        var wall = (DateTime.Now - self.StartTime).TotalMilliseconds;
        Console.Error.WriteLine(
            $"startup-trace {phase,-28} wall {wall,7:0} ms  cpu {self.TotalProcessorTime.TotalMilliseconds,6:0} ms  " +
            $"jit {JitInfo.GetCompiledMethodCount(),6} methods {JitInfo.GetCompilationTime().TotalMilliseconds,6:0} ms");
    }

    /// <summary>The first /readyz answered 200: the end of start-up as the benchmark and the harness see it.</summary>
    public static void FirstReady()
    {
        if (Enabled && Interlocked.Exchange(ref readyLogged, 1) == 0) Mark("first /readyz");
    }
}

/// <summary>Times one hosted service's StartAsync for <see cref="StartupTrace"/> (only registered when tracing).</summary>
internal sealed class TracedHostedService(IHostedService inner) : IHostedLifecycleService
{
    // Forwarded, so tracing never changes when a lifecycle service's work starts (RbacBootstrap starts in StartingAsync).
    private IHostedLifecycleService? Lifecycle => inner as IHostedLifecycleService;

    public Task StartingAsync(CancellationToken cancellationToken) => Lifecycle?.StartingAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Lifecycle?.StartedAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Lifecycle?.StoppingAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Lifecycle?.StoppedAsync(cancellationToken) ?? Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await inner.StartAsync(cancellationToken);
        StartupTrace.Mark("started " + inner.GetType().Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    /// <summary>Wraps every IHostedService registration, keeping the order (the web server starts last).</summary>
    public static void WrapAll(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(IHostedService) || d.IsKeyedService) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new TracedHostedService(d switch
            {
                { ImplementationInstance: IHostedService instance } => instance,
                { ImplementationFactory: { } factory } => (IHostedService)factory(sp),
                _ => (IHostedService)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!),
            }));
        }
    }
}
