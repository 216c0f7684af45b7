// Emulator benchmarks: every figure is reported as a ratio against a baseline measured in the same run (design.md §6).
// Run through bench/run.sh, which builds everything in Release and passes the paths below.
using System.Text.Json;
using System.Text.Json.Serialization;
using Emulator.Bench;

var options = Options.Parse(args);
Directory.CreateDirectory(options.Work);
Directory.CreateDirectory(Path.Combine(options.Work, "logs"));
ServerProcess.PidFile = Path.Combine(options.Work, "pids");
Console.CancelKeyPress += (_, _) => ServerProcess.KillAll();
AppDomain.CurrentDomain.ProcessExit += (_, _) => ServerProcess.KillAll();

try
{
    var results = await new Benchmarks(options).RunAsync();
    var json = JsonSerializer.Serialize(results, new JsonSerializerOptions
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });
    await File.WriteAllTextAsync(Path.Combine(options.Work, "results.json"), json);
    await File.WriteAllTextAsync(options.Out, Report.Markdown(options, results));
    Console.WriteLine($"wrote {options.Out}");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"benchmark failed: {e}");
    return 1;
}
finally
{
    ServerProcess.KillAll();
}

namespace Emulator.Bench
{
    internal sealed record Options(
        string EmulatorDll, string BareDll, string Kubectl, string Work, string Out,
        string Command, string Date, string DotnetVersion, string Revision, bool Quick)
    {
        public static Options Parse(string[] args)
        {
            var map = new Dictionary<string, string>();
            var quick = false;
            for (var i = 0; i < args.Length; i++)
            {
                var key = args[i].TrimStart('-');
                if (key == "quick") quick = true;
                else if (i + 1 < args.Length) map[key] = args[++i];
                else throw new ArgumentException($"missing value for {args[i]}");
            }
            string Required(string k) => map.TryGetValue(k, out var v) ? v : throw new ArgumentException($"--{k} is required");
            return new Options(
                Path.GetFullPath(Required("emulator")), Path.GetFullPath(Required("bare")), Path.GetFullPath(Required("kubectl")),
                Path.GetFullPath(Required("work")), Path.GetFullPath(Required("out")),
                map.GetValueOrDefault("command", "bench/run.sh"), map.GetValueOrDefault("date", DateTime.UtcNow.ToString("R")),
                map.GetValueOrDefault("dotnet-version", "?"), map.GetValueOrDefault("revision", "?"), quick);
        }
    }
}
