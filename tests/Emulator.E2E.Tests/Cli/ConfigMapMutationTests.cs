using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Cli;

/// <summary>label, annotate and delete on a configmap, each checked through what a later kubectl sees.</summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class ConfigMapMutationTests(EmulatorFixture fixture)
{
    private static readonly Dictionary<string, string> Data = new() { ["a"] = "b" };

    [Fact]
    public async Task Label_prints_labeled_and_the_label_selects_the_configmap()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-label");
        await fixture.CreateConfigMapAsync(ns, "c", Data);
        await fixture.CreateConfigMapAsync(ns, "other", Data);

        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k=v")).Succeeds().PrintsExactly("configmap/c labeled\n");

        (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-l", "k=v")).Succeeds()
            .PrintsHeader(@"^NAME\s+DATA\s+AGE$")
            .PrintsLine(@"^c\s+1\s+\S+$")
            .DoesNotPrintLine(@"^other\s");
        (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-l", "k=v", "--show-labels")).Succeeds()
            .PrintsHeader(@"^NAME\s+DATA\s+AGE\s+LABELS$")
            .PrintsLine(@"^c\s+1\s+\S+\s+k=v$");
        (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-l", "k=nothing")).Succeeds()
            .PrintsExactly("")
            .PrintsErrorLine($"^No resources found in {ns} namespace\\.$");
    }

    [Fact]
    public async Task Label_overwrite_and_removal_change_what_the_selector_matches()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-relabel");
        await fixture.CreateConfigMapAsync(ns, "c", Data);
        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k=v")).Succeeds();

        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k=w")).FailsWith(1)
            .PrintsErrorLine("already has a value \\(v\\), and --overwrite is false");
        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k=w", "--overwrite")).Succeeds()
            .PrintsExactly("configmap/c labeled\n");
        (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-l", "k=w", "-o", "name")).Succeeds().PrintsExactly("configmap/c\n");

        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k-")).Succeeds().PrintsExactly("configmap/c unlabeled\n");
        (await fixture.Kubectl.RunAsync("get", "cm", "-n", ns, "-l", "k", "-o", "name")).Succeeds().PrintsExactly("");
    }

    [Fact]
    public async Task Removing_the_last_label_leaves_no_labels_field()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-unlabel");
        await fixture.CreateConfigMapAsync(ns, "c", Data);
        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k=v")).Succeeds();

        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k-")).Succeeds();

        // kube-apiserver serializes ObjectMeta.labels with omitempty, so an emptied map disappears rather than print "{}".
        (await fixture.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", "jsonpath={.metadata.labels}")).Succeeds().PrintsExactly("");
    }

    [Fact]
    public async Task Annotate_prints_annotated_and_stores_the_annotation()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-annotate");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        (await fixture.Kubectl.RunAsync("annotate", "cm", "c", "-n", ns, "note=hello world")).Succeeds()
            .PrintsExactly("configmap/c annotated\n");

        (await fixture.Kubectl.RunAsync("get", "cm", "c", "-n", ns, "-o", "jsonpath={.metadata.annotations.note}")).Succeeds()
            .PrintsExactly("hello world");
        (await fixture.Kubectl.RunAsync("describe", "cm", "c", "-n", ns)).Succeeds()
            .PrintsLine(@"^Annotations:\s+note: hello world$");
    }

    [Fact]
    public async Task Label_and_annotate_bump_the_resourceVersion()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-rv");
        var created = await fixture.CreateConfigMapAsync(ns, "c", Data);
        var before = ResourceVersions.Of(created);

        (await fixture.Kubectl.RunAsync("label", "cm", "c", "-n", ns, "k=v")).Succeeds();
        var afterLabel = await ResourceVersions.ReadAsync(fixture.Kubectl, ns, "cm/c");
        (await fixture.Kubectl.RunAsync("annotate", "cm", "c", "-n", ns, "x=y")).Succeeds();
        var afterAnnotate = await ResourceVersions.ReadAsync(fixture.Kubectl, ns, "cm/c");

        Assert.True(afterLabel > before, $"label: resourceVersion {afterLabel} is not above {before}");
        Assert.True(afterAnnotate > afterLabel, $"annotate: resourceVersion {afterAnnotate} is not above {afterLabel}");
    }

    [Fact]
    public async Task Delete_prints_deleted_from_namespace_and_the_configmap_is_gone()
    {
        var ns = await fixture.CreateNamespaceAsync("cm-delete");
        await fixture.CreateConfigMapAsync(ns, "c", Data);

        (await fixture.Kubectl.RunAsync("delete", "cm", "c", "-n", ns)).Succeeds()
            .PrintsExactly($"configmap \"c\" deleted from {ns} namespace\n");

        (await fixture.Kubectl.RunAsync("get", "cm", "c", "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(NotFound\\): configmaps \"c\" not found$");
        (await fixture.Kubectl.RunAsync("delete", "cm", "c", "-n", ns)).FailsWith(1)
            .PrintsErrorLine("^Error from server \\(NotFound\\): configmaps \"c\" not found$");
    }
}
