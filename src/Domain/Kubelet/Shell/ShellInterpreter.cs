using System.Globalization;
using System.Text;

namespace Emulator.Domain.Kubelet.Shell;

/// <summary>What a script runs against: its environment, hostname, files, clock, stdout and a way to sleep.</summary>
public sealed class ShellHost(IReadOnlyDictionary<string, string> environment, string hostname, Action<string> output,
    Func<TimeSpan, CancellationToken, Task> sleep, Func<DateTimeOffset> now)
{
    public Dictionary<string, string> Environment { get; } = new(environment, StringComparer.Ordinal);
    public string Hostname { get; } = hostname;
    public Action<string> Output { get; } = output;
    public Func<TimeSpan, CancellationToken, Task> Sleep { get; } = sleep;
    public Func<DateTimeOffset> Now { get; } = now;

    /// <summary>The container's writable files, as far as the script touched them (/etc/hostname is always there).</summary>
    public Dictionary<string, string> Files { get; private init; } = new(StringComparer.Ordinal) { ["/etc/hostname"] = hostname + "\n" };

    /// <summary>The pod's network (DNS and TCP), for wget, nc, nslookup and curl; null where there is none (unit tests).</summary>
    public IPodNetwork? Network
    {
        get;
        init
        {
            field = value;
            if (value is not null) Files["/etc/resolv.conf"] = PodResolvConf.Text(value);
        }
    }

    /// <summary>Another process in the same container (an exec probe): same files, environment and network, its own output.</summary>
    public ShellHost Exec(Action<string> output) => new(Environment, Hostname, output, Sleep, Now) { Files = Files, Network = Network };

    /// <summary>
    /// A process started by <c>kubectl exec</c>: same files and network, a copy of the environment (an exec'd process
    /// inherits the container's, its exports stay its own), stdout and stderr as raw text, not lines.
    /// </summary>
    public ShellHost Streams(Action<string> stdout, Action<string> stderr) =>
        new(new Dictionary<string, string>(Environment, StringComparer.Ordinal), Hostname, _ => { }, Sleep, Now)
        {
            Files = Files, Network = Network, RawStdout = stdout, RawStderr = stderr,
        };

    /// <summary>Where stdout text goes unsplit (an exec stream); when null it goes to <see cref="Output"/> line by line.</summary>
    public Action<string>? RawStdout { get; private init; }

    /// <summary>Where stderr text goes unsplit (an exec stream); when null it goes to <see cref="Output"/> line by line.</summary>
    public Action<string>? RawStderr { get; private init; }
}

/// <summary>
/// Runs a parsed script the way busybox sh would for the commands it knows (<see cref="Builtins"/>): echo, printf,
/// sleep, true/false/:, exit, date, env/printenv, hostname, cat, touch, rm, mkdir, test/[, seq, export, whoami, uname.
/// Lines go to the host's output as they complete (the container log); the result is the exit status.
/// </summary>
public sealed class ShellInterpreter
{
    public static readonly IReadOnlySet<string> Builtins = new HashSet<string>(StringComparer.Ordinal)
    {
        "echo", "printf", "sleep", "true", "false", ":", "exit", "date", "env", "printenv", "hostname", "cat", "touch", "rm", "mkdir",
        "test", "[", "seq", "export", "whoami", "uname", "tail", "grep", "head", "wc", "wget", "nc", "nslookup", "curl",
    };

    private readonly ShellHost _host;
    private readonly Dictionary<string, string> _vars;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder? _capture;
    private int _status;

    /// <summary>What the commands being run read on stdin: the previous stage's output inside a pipeline, else nothing.</summary>
    private string _stdin = "";

    private ShellInterpreter(ShellHost host, Dictionary<string, string> vars, StringBuilder? capture)
    {
        _host = host;
        _vars = vars;
        _capture = capture;
    }

    private sealed class ExitException(int code) : Exception
    {
        public int Code { get; } = code;
    }

    /// <summary>Names of programs the script would run that the interpreter does not know; empty when it can run it all.</summary>
    public static IReadOnlyList<string> UnknownCommands(ShellNode node)
    {
        var unknown = new List<string>();
        void Walk(ShellNode n)
        {
            switch (n)
            {
                case SimpleCommand c:
                    foreach (var w in c.Words.SelectMany(w => w.Parts).Concat(c.Assignments.SelectMany(a => a.Value.Parts)))
                        if (w is CommandSubstitution s) Walk(s.Script);
                    if (c.Words.Count == 0) break;
                    var name = c.Words[0].Static;
                    if (name is null) unknown.Add("(computed command name)");
                    else if (!Builtins.Contains(Path.GetFileName(name))) unknown.Add(name);
                    else if (Path.GetFileName(name) == "tail" && !(c.Words.Count == 3 && c.Words[1].Static == "-f" && c.Words[2].Static == "/dev/null"))
                        unknown.Add("tail");
                    break;
                case Sequence s: foreach (var i in s.Items) Walk(i); break;
                case Pipeline p: foreach (var i in p.Stages) Walk(i); break;
                case AndOr a: Walk(a.Left); Walk(a.Right); break;
                case Not x: Walk(x.Inner); break;
                case WhileLoop w: Walk(w.Condition); Walk(w.Body); break;
                case ForLoop f:
                    foreach (var p in f.Items?.SelectMany(i => i.Parts) ?? []) if (p is CommandSubstitution cs) Walk(cs.Script);
                    Walk(f.Body);
                    break;
                case IfClause i: Walk(i.Condition); Walk(i.Then); if (i.Else is not null) Walk(i.Else); break;
            }
        }
        Walk(node);
        return unknown.Distinct().ToList();
    }

    /// <summary>Runs <paramref name="script"/> to its end (or cancellation) and returns its exit status.</summary>
    public static async Task<int> RunAsync(ShellNode script, ShellHost host, IReadOnlyList<string> positional, CancellationToken ct, string stdin = "")
    {
        var shell = new ShellInterpreter(host, Positional(positional), null) { _stdin = stdin };
        try
        {
            await shell.ExecAsync(script, ct);
            return shell._status;
        }
        catch (ExitException e)
        {
            return e.Code;
        }
        finally
        {
            shell.FlushPartialLine();
        }
    }

    private static Dictionary<string, string> Positional(IReadOnlyList<string> positional)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < positional.Count; i++) vars[i.ToString(CultureInfo.InvariantCulture)] = positional[i];
        vars["#"] = Math.Max(0, positional.Count - 1).ToString(CultureInfo.InvariantCulture);
        return vars;
    }

    /// <summary>An interactive shell: one interpreter whose variables and status carry from one command line to the next.</summary>
    public static Session StartSession(ShellHost host, IReadOnlyList<string> positional) => new(new ShellInterpreter(host, Positional(positional), null));

    public sealed class Session
    {
        private readonly ShellInterpreter _shell;

        internal Session(ShellInterpreter shell) => _shell = shell;

        /// <summary>The status of the last command, which a shell leaving at end of input exits with.</summary>
        public int Status => _shell._status;

        /// <summary>Runs one command line; returns the exit code when it ran <c>exit</c>, else null.</summary>
        public async Task<int?> RunAsync(ShellNode line, CancellationToken ct)
        {
            try
            {
                await _shell.ExecAsync(line, ct);
                return null;
            }
            catch (ExitException e)
            {
                return e.Code;
            }
            finally
            {
                _shell.FlushPartialLine();
            }
        }
    }

    private void Write(string text)
    {
        if (_capture is not null) { _capture.Append(text); return; }
        if (_host.RawStdout is { } raw) { raw(text); return; }
        _stdout.Append(text);
        var all = _stdout.ToString();
        var last = all.LastIndexOf('\n');
        if (last < 0) return;
        foreach (var line in all[..last].Split('\n')) _host.Output(line);
        _stdout.Clear().Append(all[(last + 1)..]);
    }

    /// <summary>stderr goes to the container log even inside $(...) or a pipe, as it does from a real container.</summary>
    private void WriteError(string text)
    {
        if (_host.RawStderr is { } raw) { raw(text); return; }
        foreach (var line in text.TrimEnd('\n').Split('\n')) _host.Output(line);
    }

    private void FlushPartialLine()
    {
        if (_capture is null && _stdout.Length > 0) _host.Output(_stdout.ToString());
        _stdout.Clear();
    }

    private async Task ExecAsync(ShellNode node, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        switch (node)
        {
            case Sequence s:
                foreach (var item in s.Items) await ExecAsync(item, ct);
                break;
            case Pipeline p:
            {
                var input = _stdin;
                for (var i = 0; i < p.Stages.Count - 1; i++)
                {
                    // Stages run one after the other in a subshell each: the next one reads all the previous one wrote.
                    var capture = new StringBuilder();
                    var stage = new ShellInterpreter(_host, new Dictionary<string, string>(_vars, StringComparer.Ordinal), capture) { _stdin = input };
                    try
                    {
                        await stage.ExecAsync(p.Stages[i], ct);
                    }
                    catch (ExitException)
                    {
                    }
                    input = capture.ToString();
                }
                var saved = _stdin;
                _stdin = input;
                try
                {
                    await ExecAsync(p.Stages[^1], ct);
                }
                finally
                {
                    _stdin = saved;
                }
                break;
            }
            case AndOr a:
                await ExecAsync(a.Left, ct);
                if ((_status == 0) == a.And) await ExecAsync(a.Right, ct);
                break;
            case Not n:
                await ExecAsync(n.Inner, ct);
                _status = _status == 0 ? 1 : 0;
                break;
            case WhileLoop w:
            {
                var last = 0;
                var rounds = 0;
                while (true)
                {
                    await ExecAsync(w.Condition, ct);
                    if ((_status == 0) == w.Until) break;
                    await ExecAsync(w.Body, ct);
                    last = _status;
                    // A loop that never sleeps would spin the emulator (a real busy loop burns a CPU of its node, not
                    // of the machine every pod shares): it pauses a millisecond every hundred rounds.
                    if (++rounds % 100 == 0) await _host.Sleep(TimeSpan.FromMilliseconds(1), ct);
                }
                _status = last;
                break;
            }
            case ForLoop f:
            {
                var items = f.Items is null ? [] : await ExpandAsync(f.Items, ct);
                _status = 0;
                foreach (var item in items)
                {
                    _vars[f.Variable] = item;
                    await ExecAsync(f.Body, ct);
                }
                break;
            }
            case IfClause i:
                await ExecAsync(i.Condition, ct);
                if (_status == 0) await ExecAsync(i.Then, ct);
                else if (i.Else is not null) await ExecAsync(i.Else, ct);
                else _status = 0;
                break;
            case SimpleCommand c:
                await RunSimpleAsync(c, ct);
                break;
        }
    }

    private async Task RunSimpleAsync(SimpleCommand c, CancellationToken ct)
    {
        foreach (var (name, value) in c.Assignments) _vars[name] = string.Join(" ", await ExpandWordAsync(value, split: false, ct));
        if (c.Words.Count == 0) { _status = 0; return; }
        var argv = await ExpandAsync(c.Words, ct);
        if (argv.Count == 0) { _status = 0; return; }
        // Where fd 1 and fd 2 go, applied left to right as the shell does (">/dev/null 2>&1" silences both).
        Destination stdout = Destination.Stdout, stderr = Destination.Stderr;
        var stdin = _stdin;
        foreach (var r in c.Redirects)
        {
            var target = string.Join(" ", await ExpandWordAsync(r.Target!, split: false, ct));
            var append = r.Operator.EndsWith(">>", StringComparison.Ordinal);
            var to = target == "/dev/null" ? Destination.Discard : new Destination(DestinationKind.File, target, append);
            switch (r.Operator)
            {
                case ">" or "1>" or ">>" or "1>>": stdout = to; break;
                case "2>" or "2>>": stderr = to; break;
                case "2>&" when target == "1": stderr = stdout; break;
                case ">&" or "1>&" when target == "2": stdout = stderr; break;
                case "<": stdin = _host.Files.GetValueOrDefault(target, ""); break;
            }
        }
        var io = new CommandIo(stdin, new StringBuilder(), new StringBuilder());
        _status = await BuiltinAsync(Path.GetFileName(argv[0]), argv.Skip(1).ToList(), io, ct);
        Deliver(io.Stderr.ToString(), stderr);
        Deliver(io.Stdout.ToString(), stdout);
    }

    private enum DestinationKind { Stdout, Stderr, Discard, File }

    private sealed record Destination(DestinationKind Kind, string? File = null, bool Append = false)
    {
        public static readonly Destination Stdout = new(DestinationKind.Stdout);
        public static readonly Destination Stderr = new(DestinationKind.Stderr);
        public static readonly Destination Discard = new(DestinationKind.Discard);
    }

    private void Deliver(string text, Destination to)
    {
        switch (to.Kind)
        {
            case DestinationKind.Discard: return;
            case DestinationKind.File:
                _host.Files[to.File!] = (to.Append && _host.Files.TryGetValue(to.File!, out var old) ? old : "") + text;
                return;
            case DestinationKind.Stderr:
                if (text.Length > 0) WriteError(text);
                return;
            default:
                if (text.Length > 0) Write(text);
                return;
        }
    }

    private async Task<List<string>> ExpandAsync(IEnumerable<Word> words, CancellationToken ct)
    {
        var result = new List<string>();
        foreach (var w in words) result.AddRange(await ExpandWordAsync(w, split: true, ct));
        return result;
    }

    /// <summary>Expands one word; unquoted expansions split on whitespace into several fields.</summary>
    private async Task<List<string>> ExpandWordAsync(Word word, bool split, CancellationToken ct)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var any = false;
        foreach (var part in word.Parts)
        {
            string value;
            switch (part)
            {
                case Literal l: current.Append(l.Text); any = true; continue;
                case Variable v: value = Lookup(v.Name); break;
                case Arithmetic a: value = ShellArithmetic.Evaluate(a.Expression, Lookup).ToString(CultureInfo.InvariantCulture); break;
                case CommandSubstitution s:
                {
                    var capture = new StringBuilder();
                    var sub = new ShellInterpreter(_host, new Dictionary<string, string>(_vars, StringComparer.Ordinal), capture);
                    try
                    {
                        await sub.ExecAsync(s.Script, ct);
                    }
                    catch (ExitException)
                    {
                    }
                    value = capture.ToString().TrimEnd('\n');
                    break;
                }
                default: continue;
            }
            if (part.Quoted || !split) { current.Append(value); any = true; continue; }
            var pieces = value.Split([' ', '\t', '\n'], StringSplitOptions.None);
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i > 0)
                {
                    if (current.Length > 0 || any) fields.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
                current.Append(pieces[i]);
                if (pieces[i].Length > 0) any = true;
            }
        }
        if (current.Length > 0 || any) fields.Add(current.ToString());
        return fields;
    }

    private string Lookup(string name) => name switch
    {
        "?" => _status.ToString(CultureInfo.InvariantCulture),
        "$" => "1",
        _ => _vars.TryGetValue(name, out var v) ? v : _host.Environment.TryGetValue(name, out var e) ? e : "",
    };

    private async Task<int> BuiltinAsync(string name, List<string> args, CommandIo io, CancellationToken ct)
    {
        var output = io.Stdout;
        if (NetworkCommands.Names.Contains(name)) return await NetworkCommands.RunAsync(name, args, _host, io, ct);
        switch (name)
        {
            case "grep": return TextCommands.Grep(args, io, _host.Files);
            case "head": return TextCommands.Head(args, io, _host.Files);
            case "wc": return TextCommands.Wc(args, io, _host.Files);
            case "cat" when args.Count == 0 || args is ["-"]: output.Append(io.Stdin); return 0;
            case "true" or ":": return 0;
            case "false": return 1;
            case "exit":
                throw new ExitException(args.Count > 0 && int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code & 0xFF : _status);
            case "echo": return Echo(args, output);
            case "printf": output.Append(ShellPrintf.Format(args)); return 0;
            case "sleep": return await SleepAsync(args, output, ct);
            case "tail":
                await _host.Sleep(Timeout.InfiniteTimeSpan, ct);
                return 0;
            case "date": output.Append(Date(_host.Now(), args)).Append('\n'); return 0;
            case "hostname": output.Append(_host.Hostname).Append('\n'); return 0;
            case "whoami": output.Append("root\n"); return 0;
            case "uname": output.Append(args.Contains("-a") ? $"Linux {_host.Hostname} 6.8.0 #1 SMP x86_64 GNU/Linux\n" : "Linux\n"); return 0;
            case "env" or "printenv": return PrintEnv(name, args, output);
            case "export":
                foreach (var a in args)
                {
                    var eq = a.IndexOf('=');
                    var key = eq < 0 ? a : a[..eq];
                    var value = eq < 0 ? Lookup(a) : a[(eq + 1)..];
                    _host.Environment[key] = value;
                    _vars.Remove(key);
                }
                return 0;
            case "cat": return Cat(args, output);
            case "touch":
                foreach (var f in args.Where(a => !a.StartsWith('-'))) _host.Files.TryAdd(f, "");
                return 0;
            case "rm":
            {
                var force = args.Any(a => a.StartsWith('-') && a.Contains('f'));
                var status = 0;
                foreach (var f in args.Where(a => !a.StartsWith('-')))
                {
                    if (_host.Files.Remove(f) || force) continue;
                    output.Append(CultureInfo.InvariantCulture, $"rm: can't remove '{f}': No such file or directory\n");
                    status = 1;
                }
                return status;
            }
            case "mkdir": return 0;
            case "seq": return Seq(args, output);
            case "test": return ShellTest.Evaluate(args, _host.Files) ? 0 : 1;
            case "[":
                if (args.Count == 0 || args[^1] != "]") { output.Append("sh: missing ]\n"); return 2; }
                return ShellTest.Evaluate(args[..^1], _host.Files) ? 0 : 1;
            default:
                io.Stderr.Append(CultureInfo.InvariantCulture, $"sh: {name}: not found\n");
                return 127;
        }
    }

    private static int Echo(List<string> args, StringBuilder output)
    {
        var newline = true;
        var escapes = false;
        var i = 0;
        for (; i < args.Count && args[i].Length > 1 && args[i][0] == '-' && args[i][1..].All(ch => ch is 'n' or 'e' or 'E'); i++)
        {
            if (args[i].Contains('n')) newline = false;
            if (args[i].Contains('e')) escapes = true;
        }
        var text = string.Join(" ", args.Skip(i));
        if (escapes) text = text.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);
        output.Append(text);
        if (newline) output.Append('\n');
        return 0;
    }

    private async Task<int> SleepAsync(List<string> args, StringBuilder output, CancellationToken ct)
    {
        if (args.Count == 0) { output.Append("sleep: missing operand\n"); return 1; }
        var total = TimeSpan.Zero;
        foreach (var a in args)
        {
            if (a == "infinity") { total = Timeout.InfiniteTimeSpan; break; }
            var unit = a[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
            var number = unit == 0 ? a : a[..^1];
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0)
            {
                output.Append(CultureInfo.InvariantCulture, $"sleep: invalid number '{a}'\n");
                return 1;
            }
            total += TimeSpan.FromSeconds(n * (unit == 0 ? 1 : unit));
        }
        await _host.Sleep(total, ct);
        return 0;
    }

    private int PrintEnv(string name, List<string> args, StringBuilder output)
    {
        if (name == "printenv" && args.Count > 0)
        {
            var status = 0;
            foreach (var a in args)
            {
                if (_host.Environment.TryGetValue(a, out var v)) output.Append(v).Append('\n');
                else status = 1;
            }
            return status;
        }
        foreach (var (k, v) in _host.Environment) output.Append(k).Append('=').Append(v).Append('\n');
        return 0;
    }

    private int Cat(List<string> args, StringBuilder output)
    {
        var status = 0;
        foreach (var f in args)
        {
            if (_host.Files.TryGetValue(f, out var content)) output.Append(content);
            else
            {
                output.Append(CultureInfo.InvariantCulture, $"cat: can't open '{f}': No such file or directory\n");
                status = 1;
            }
        }
        return status;
    }

    private static int Seq(List<string> args, StringBuilder output)
    {
        var n = args.Select(a => long.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (long?)null).ToList();
        if (n.Count is 0 or > 3 || n.Any(v => v is null)) { output.Append("seq: invalid argument\n"); return 1; }
        long first = n.Count > 1 ? n[0]!.Value : 1, step = n.Count == 3 ? n[1]!.Value : 1, last = n[^1]!.Value;
        if (step == 0) return 1;
        for (var v = first; step > 0 ? v <= last : v >= last; v += step) output.Append(v.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return 0;
    }

    /// <summary>busybox date: "Thu Nov 26 08:28:52 UTC 2026"; +FORMAT with the common % fields.</summary>
    public static string Date(DateTimeOffset now, List<string> args)
    {
        var t = now.UtcDateTime;
        var format = args.FirstOrDefault(a => a.StartsWith('+'));
        if (format is null)
            return t.ToString("ddd MMM ", CultureInfo.InvariantCulture) + t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
                + t.ToString(" HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        for (var i = 1; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length) { sb.Append(format[i]); continue; }
            var f = format[++i];
            sb.Append(f switch
            {
                'Y' => t.ToString("yyyy", CultureInfo.InvariantCulture), 'm' => t.ToString("MM", CultureInfo.InvariantCulture),
                'd' => t.ToString("dd", CultureInfo.InvariantCulture), 'H' => t.ToString("HH", CultureInfo.InvariantCulture),
                'M' => t.ToString("mm", CultureInfo.InvariantCulture), 'S' => t.ToString("ss", CultureInfo.InvariantCulture),
                's' => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), 'T' => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                'F' => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 'Z' => "UTC", '%' => "%",
                _ => "%" + f,
            });
        }
        return sb.ToString();
    }
}
