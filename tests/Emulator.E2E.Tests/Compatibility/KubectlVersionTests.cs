using System.Text;
using Emulator.E2E.Tests.Harness;
using Xunit.Abstractions;

namespace Emulator.E2E.Tests.Compatibility;

/// <summary>
/// The core seed flow (create deployment, expose, get -o wide, scale, rollout status, logs, apply, delete) with each
/// kubectl minor from v1.30 to v1.35 (scripts/install-clients.sh installs .tools/bin/kubectl-1.30 ... -1.34; v1.35 is
/// .tools/bin/kubectl). Assertions accept only what the real clients print; the transcript of each run goes to the
/// test output, which is where the README's version matrix comes from.
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class KubectlVersionTests(EmulatorFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Rollout = TimeSpan.FromSeconds(150);

    public static TheoryData<string> Versions => new() { "1.30", "1.31", "1.32", "1.33", "1.34", "1.35" };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Seed_flow_works_with_kubectl(string version)
    {
        using var home = ClientHome.Create();
        var kubectl = new VersionedKubectl(fixture.Emulator, home, version);
        var ns = await fixture.CreateNamespaceAsync($"kubectl-{version.Replace('.', '-')}");
        var transcript = new StringBuilder();
        async Task<CommandResult> Run(string[] args, string? stdin = null, TimeSpan? timeout = null)
        {
            var result = await kubectl.RunAsync(args, stdin, timeout);
            transcript.Append($"$ kubectl {string.Join(' ', args)}\n{result.Stdout}{(result.Stderr.Length > 0 ? "[stderr] " + result.Stderr : "")}");
            return result;
        }

        try
        {
            (await Run(["version", "--client"])).Succeeds().PrintsLine($@"^Client Version: v{Regex(version)}\.\d+$");
            (await Run(["create", "deployment", "web", "--image=jpetazzo/httpenv", "--replicas=2", "-n", ns])).Succeeds()
                .PrintsExactly("deployment.apps/web created\n");
            (await Run(["expose", "deployment", "web", "--port=80", "--target-port=8888", "-n", ns])).Succeeds()
                .PrintsExactly("service/web exposed\n");
            (await Run(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"], timeout: Rollout)).Succeeds()
                .PrintsLine("^deployment \"web\" successfully rolled out$");

            (await Run(["get", "svc", "web", "-n", ns, "-o", "wide"])).Succeeds()
                .PrintsHeader(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR$")
                .PrintsLine(@"^web\s+ClusterIP\s+127\.\d+\.\d+\.\d+\s+<none>\s+80/TCP\s+\S+\s+app=web$");
            (await Run(["get", "endpoints", "web", "-n", ns])).Succeeds()
                .PrintsHeader(@"^NAME\s+ENDPOINTS\s+AGE$")
                .PrintsLine(@"^web\s+127\.\d+\.\d+\.\d+:8888,127\.\d+\.\d+\.\d+:8888\s+\S+$");
            (await Run(["get", "pods", "-n", ns, "-o", "wide"])).Succeeds()
                .PrintsHeader(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$")
                .PrintsLine(@"^web-[a-z0-9]+-[a-z0-9]{5}\s+1/1\s+Running\s+0\s+\S+\s+127\.244\.\d+\.\d+\s+node-\d+\s+<none>\s+<none>$");

            (await Run(["scale", "deployment", "web", "--replicas=3", "-n", ns])).Succeeds().PrintsExactly("deployment.apps/web scaled\n");
            (await Run(["rollout", "status", "deployment/web", "-n", ns, "--timeout=120s"], timeout: Rollout)).Succeeds()
                .PrintsLine("^deployment \"web\" successfully rolled out$");
            (await Run(["get", "deployment", "web", "-n", ns])).Succeeds()
                .PrintsLine(@"^web\s+3/3\s+3\s+3\s+\S+$");
            (await Run(["logs", "deployment/web", "-n", ns])).Succeeds()
                .PrintsLine("^Starting httpenv listening on port 8888\\.$");

            var manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: blue\n";
            (await Run(["apply", "-n", ns, "-f", "-"], manifest)).Succeeds().PrintsExactly("configmap/settings created\n");
            (await Run(["apply", "-n", ns, "-f", "-"], manifest.Replace("blue", "green", StringComparison.Ordinal))).Succeeds()
                .PrintsExactly("configmap/settings configured\n");
            (await Run(["apply", "-n", ns, "-f", "-"], manifest.Replace("blue", "green", StringComparison.Ordinal))).Succeeds()
                .PrintsExactly("configmap/settings unchanged\n");

            // v1.34 and later name the namespace in the confirmation; older minors do not.
            (await Run(["delete", "deployment", "web", "-n", ns])).Succeeds()
                .PrintsLine($"^deployment\\.apps \"web\" deleted{(Minor(version) >= 34 ? $" from {ns} namespace" : "")}$");
            (await Run(["get", "deployments", "-n", ns])).Succeeds();
        }
        finally
        {
            output.WriteLine($"=== kubectl {version} ===\n{transcript}");
        }
    }

    private static int Minor(string version) => int.Parse(version.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static string Regex(string version) => version.Replace(".", "\\.", StringComparison.Ordinal);

    /// <summary>One kubectl minor from the tools folder, with its own discovery and OpenAPI cache.</summary>
    private sealed class VersionedKubectl(EmulatorProcess emulator, ClientHome home, string version)
    {
        public Task<CommandResult> RunAsync(IEnumerable<string> arguments, string? stdin, TimeSpan? timeout) =>
            ProcessRunner.RunAsync(
                new ToolCommand(
                    RepoPaths.Tool(version == "1.35" ? "kubectl" : $"kubectl-{version}"),
                    ["--kubeconfig", emulator.KubeconfigPath, "--cache-dir", home.KubectlCacheDir, .. arguments],
                    home.Environment),
                stdin,
                timeout ?? Kubectl.DefaultTimeout,
                emulator.RecentOutput);
    }
}
