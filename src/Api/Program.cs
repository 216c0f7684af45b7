using Emulator.Api.Hosting;

StartupTrace.Mark("main");
Dictionary<string, string?> flags;
try
{
    flags = CommandLine.Parse(args, out var help);
    if (help)
    {
        Console.Out.Write(CommandLine.Usage);
        return 0;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n\n{CommandLine.Usage}");
    return 2;
}

// JIT and JSON metadata the first /readyz would otherwise wait for, on the second core (ADR 0020).
StartupWarmup.Begin();
// The body lives in Hosting/EmulatorHost so that Emulator.Testing can run the same emulator inside a test process.
WebApplication app;
try
{
    app = EmulatorHost.Build(flags);
}
catch (StartupException e)
{
    // component-base cli.Run: a configuration error is one line on stderr and exit code 1, no stack trace.
    Console.Error.WriteLine($"Error: {e.Message}");
    return 1;
}
// Taken now: RunAsync disposes the host (and its service provider) before an exception from it reaches us.
var stopping = app.Lifetime.ApplicationStopping;
try
{
    await app.RunAsync();
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    // SIGTERM or Ctrl+C while the hosted services were still starting: they see the stop as a cancellation. It is a
    // stop like any other, not a crash (RunAsync has disposed the host; nothing half-written was acknowledged).
    Console.Error.WriteLine("Stopped during start-up.");
}
return 0;

public partial class Program;
