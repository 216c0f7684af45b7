namespace Emulator.Api.Proxy.Exec;

/// <summary>
/// corev1.PodExecOptions / PodAttachOptions as query parameters: <c>command</c> repeated, <c>container</c>, and the
/// <c>stdin</c>, <c>stdout</c>, <c>stderr</c>, <c>tty</c> switches.
/// </summary>
public sealed record ExecRequest(IReadOnlyList<string> Command, string Container, bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    public static ExecRequest From(IQueryCollection query) =>
        new(query["command"].Select(c => c ?? "").ToList(), query["container"].ToString(), Flag(query, "stdin"), Flag(query, "stdout"),
            Flag(query, "stderr"), Flag(query, "tty"));

    private static bool Flag(IQueryCollection query, string name) =>
        query[name].ToString() is var v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));
}
