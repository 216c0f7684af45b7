using System.Diagnostics;
using System.Text.RegularExpressions;
using Emulator.E2E.Tests.Harness;
using Xunit.Sdk;

namespace Emulator.E2E.Tests.Kubelet;

/// <summary>Repeats a kubectl command until its stdout matches, for states the kubelet reaches on its own time.</summary>
public static class KubectlPolling
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<CommandResult> UntilAsync(this Kubectl kubectl, string pattern, params string[] arguments)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline);
        var clock = Stopwatch.StartNew();
        CommandResult last;
        do
        {
            last = await kubectl.RunAsync(arguments);
            if (last.ExitCode == 0 && regex.IsMatch(last.Stdout)) return last;
            await Task.Delay(250);
        } while (clock.Elapsed < Deadline);
        throw new XunitException($"kubectl never printed /{pattern}/ within {Deadline.TotalSeconds} s.\n{last.Describe()}");
    }

    /// <summary>The pod's IP once it runs.</summary>
    public static async Task<string> PodIpAsync(this Kubectl kubectl, string ns, string pod)
    {
        var result = await kubectl.UntilAsync(@"^127\.\d+\.\d+\.\d+$", "get", "pod", pod, "-n", ns, "-o", "jsonpath={.status.podIP}");
        return result.Stdout.Trim();
    }
}
