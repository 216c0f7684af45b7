using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Cli;

/// <summary><c>kubectl get -w</c> and <c>kubectl wait</c>: a long-running kubectl reacting to writes made by another one.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class WatchCommandTests(EmulatorFixture fixture)
{
    private static readonly Dictionary<string, string> Data = new() { ["a"] = "b" };

    [Fact]
    public async Task Get_configmaps_watch_prints_ADDED_MODIFIED_and_DELETED_lines_for_later_changes()
    {
        var ns = await fixture.CreateNamespaceAsync("watch-events");
        await fixture.CreateConfigMapAsync(ns, "seed", Data);
        await using var watch = fixture.Kubectl.Start("get", "configmaps", "-n", ns, "--watch", "--output-watch-events");
        // The initial list is printed as ADDED lines; once "seed" is out, the watch follows the list's resourceVersion.
        await watch.WaitForStdoutLineAsync(@"^EVENT\s+NAME\s+DATA\s+AGE$", Deadlines.Event);
        await watch.WaitForStdoutLineAsync(@"^ADDED\s+seed\s+1\s+\S+$", Deadlines.Event);

        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.ConfigMapYaml("c", "a", "b"), "-n", ns)).Succeeds();
        await watch.WaitForStdoutLineAsync(@"^ADDED\s+c\s+1\s+\S+$", Deadlines.Event);

        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k=v")).Succeeds();
        await watch.WaitForStdoutLineAsync(@"^MODIFIED\s+c\s+1\s+\S+$", Deadlines.Event);

        (await fixture.Kubectl.RunAsync("delete", "cm", "c", "-n", ns)).Succeeds();
        await watch.WaitForStdoutLineAsync(@"^DELETED\s+c\s+1\s+\S+$", Deadlines.Event);
    }

    [Fact]
    public async Task Get_configmaps_watch_prints_a_row_per_change_without_replaying_the_list()
    {
        var ns = await fixture.CreateNamespaceAsync("watch-rows");
        await fixture.CreateConfigMapAsync(ns, "seed", Data);
        await using var watch = fixture.Kubectl.Start("get", "configmaps", "-n", ns, "--watch");
        await watch.WaitForStdoutLineAsync(@"^NAME\s+DATA\s+AGE$", Deadlines.Event);
        await watch.WaitForStdoutLineAsync(@"^seed\s+1\s+\S+$", Deadlines.Event);

        (await fixture.Kubectl.CreateFromManifestAsync(Manifests.ConfigMapYaml("later", "a", "b"), "-n", ns)).Succeeds();
        await watch.WaitForStdoutLineAsync(@"^later\s+1\s+\S+$", Deadlines.Event);

        // The watch started at the list's resourceVersion, so "seed" must not be printed a second time.
        var printed = await watch.StopAsync();
        Assert.True(
            printed.StdoutLines.Count(line => line.StartsWith("seed ", StringComparison.Ordinal)) == 1,
            $"Expected exactly one \"seed\" line.\n{printed.Describe()}");
    }

    [Fact]
    public async Task Wait_for_delete_returns_condition_met_when_the_configmap_is_deleted()
    {
        var ns = await fixture.CreateNamespaceAsync("wait-delete");
        await fixture.CreateConfigMapAsync(ns, "c", Data);
        // -v=6 logs each response; the watch request's line means kubectl is watching, so the delete cannot slip past it.
        await using var wait = fixture.Kubectl.Start("wait", "--for=delete", "cm/c", "-n", ns, "--timeout=60s", "-v=6");
        await wait.WaitForStderrLineAsync("watch=true", Deadlines.Event);

        (await fixture.Kubectl.RunAsync("delete", "cm", "c", "-n", ns, "--wait=false")).Succeeds();

        (await wait.WaitForExitAsync(TimeSpan.FromSeconds(70))).Succeeds().PrintsLine("^configmap/c condition met$");
    }

    [Fact]
    public async Task Wait_for_a_jsonpath_value_returns_when_a_later_update_sets_it()
    {
        var ns = await fixture.CreateNamespaceAsync("wait-jsonpath");
        await fixture.CreateConfigMapAsync(ns, "c", Data);
        await using var wait = fixture.Kubectl.Start("wait", "--for=jsonpath={.data.a}=done", "cm/c", "-n", ns, "--timeout=60s", "-v=6");
        await wait.WaitForStderrLineAsync("watch=true", Deadlines.Event);

        (await fixture.Api.PutAsync(ApiPaths.ConfigMap(ns, "c"), Manifests.ConfigMap("c", new Dictionary<string, string> { ["a"] = "done" })))
            .HasStatus(System.Net.HttpStatusCode.OK);

        (await wait.WaitForExitAsync(TimeSpan.FromSeconds(70))).Succeeds().PrintsLine("^configmap/c condition met$");
    }
}
