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
await app.RunAsync();
return 0;

public partial class Program;
