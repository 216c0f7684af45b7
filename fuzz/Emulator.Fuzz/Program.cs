using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Emulator.Domain.Errors;
using Emulator.Domain.Patching;
using Emulator.Domain.Patching.Apply;
using Emulator.Domain.Protobuf;
using Emulator.Fuzz;

// Seeded mutational fuzzing of the request body decoders and the patch engines (docs/fuzzing.md).
// dotnet run -c Release --project fuzz/Emulator.Fuzz -- --seconds 120 [--seed 1] [--out fuzz/findings] [--timeout-ms 2000]
var seconds = 60.0;
var seed = 1;
var outDir = Path.Combine("fuzz", "findings");
var timeout = TimeSpan.FromMilliseconds(2000);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--seconds": seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--out": outDir = args[i + 1]; break;
        case "--timeout-ms": timeout = TimeSpan.FromMilliseconds(int.Parse(args[i + 1], CultureInfo.InvariantCulture)); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}

Directory.CreateDirectory(outDir);
var inFlight = Path.Combine(outDir, "in-flight.bin");
var random = new Random(seed);
var mutator = new Mutator(seed);
var stats = Targets.All.ToDictionary(t => t.Name, _ => new Stats());
var crashes = new Dictionary<string, string>();
var clock = Stopwatch.StartNew();
var hung = false;
var budget = TimeSpan.FromSeconds(seconds);

// Warm-up: the first call of each target builds schemas by reflection and JITs, which must not count as a hang.
foreach (var target in Targets.All)
{
    foreach (var seedInput in target.Corpus)
    {
        try { target.Run(seedInput, new Random(seed)); } catch (Exception) { }
    }
}
clock.Restart();

while (clock.Elapsed < budget && !hung)
{
    foreach (var target in Targets.All)
    {
        var corpus = target.Corpus;
        var input = random.Next(10) == 0 ? corpus[random.Next(corpus.Count)] : mutator.Mutate(corpus[random.Next(corpus.Count)], corpus);
        var runSeed = random.Next();
        // Written before each run: a stack overflow kills the process, and this file is then the input that did it.
        File.WriteAllBytes(inFlight, input);
        Exception? failure = null;
        var run = Task.Factory.StartNew(() =>
        {
            try
            {
                target.Run(input, new Random(runSeed));
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var s = stats[target.Name];
        s.Runs++;
        // A slow answer is retried once with ten times the time before it counts as a hang (the machine may be busy).
        if (!run.Wait(timeout) && !run.Wait(timeout * 10))
        {
            Record(target.Name, "hang", $"no answer within {timeout.TotalMilliseconds} ms", input);
            hung = true;
            break;
        }
        switch (failure)
        {
            case null: s.Accepted++; break;
            case StatusException { Code: < 500 }: s.Refused++; break;
            case PatchException or ProtobufDecodeException or YamlDotNet.Core.YamlException or ApplyConflictException: s.Refused++; break;
            default:
                s.Crashes++;
                Record(target.Name, failure.GetType().Name + " " + TopFrame(failure), failure.ToString(), input);
                break;
        }
    }
}

File.Delete(inFlight);
Console.WriteLine($"fuzzing: seed {seed}, {clock.Elapsed.TotalSeconds:F0} s, timeout {timeout.TotalMilliseconds:F0} ms per input");
Console.WriteLine();
Console.WriteLine("| target | inputs | accepted | refused (4xx / format error) | crashes |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var (name, s) in stats)
    Console.WriteLine($"| {name} | {s.Runs} | {s.Accepted} | {s.Refused} | {s.Crashes} |");
Console.WriteLine();
Console.WriteLine(crashes.Count == 0 ? "no crash, no hang" : $"{crashes.Count} distinct finding(s), saved in {outDir}:");
foreach (var (key, file) in crashes) Console.WriteLine($"- {key} -> {file}");
return crashes.Count == 0 ? 0 : 1;

void Record(string target, string signature, string detail, byte[] input)
{
    var key = $"{target}: {signature}";
    if (crashes.ContainsKey(key)) return;
    var hash = Convert.ToHexStringLower(SHA256.HashData(input))[..12];
    var file = Path.Combine(outDir, $"{target}-{hash}");
    File.WriteAllBytes(file + ".bin", input);
    File.WriteAllText(file + ".txt", $"{key}\n\n{detail}\n");
    crashes[key] = file + ".bin";
    Console.Error.WriteLine($"finding: {key} ({file}.bin)");
}

static string TopFrame(Exception e) =>
    new StackTrace(e).GetFrames().Select(f => f.GetMethod()).FirstOrDefault(m => m?.DeclaringType?.Namespace?.StartsWith("Emulator", StringComparison.Ordinal) == true) is { } m
        ? $"at {m.DeclaringType!.Name}.{m.Name}"
        : "";

internal sealed class Stats
{
    public long Runs;
    public long Accepted;
    public long Refused;
    public long Crashes;
}
