using Emulator.E2E.Tests.Harness;

namespace Emulator.E2E.Tests.Apply;

/// <summary>
/// The commands that change one field of a live object: patch (three types), edit, scale, set image and
/// rollout restart (a strategic merge patch of a pod-template annotation).
/// </summary>
[Collection(SharedEmulatorCollection.Name)]
public sealed class MutationCommandTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Patch_of_each_type_changes_what_it_names()
    {
        var ns = await CreateAppAsync("patch");

        (await Kubectl(ns, "patch", "deployment", "web", "--type=json", "-p", """[{"op":"replace","path":"/spec/replicas","value":4}]""")).Succeeds()
            .PrintsExactly("deployment.apps/web patched\n");
        (await Kubectl(ns, "patch", "deployment", "web", "--type=merge", "-p", """{"metadata":{"labels":{"tier":"front"}}}""")).Succeeds();
        (await Kubectl(ns, "patch", "service", "web", "--type=strategic", "-p", """{"spec":{"ports":[{"name":"alt","port":9090}]}}""")).Succeeds()
            .PrintsExactly("service/web patched\n");

        (await Kubectl(ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas} {.metadata.labels.tier}")).Succeeds().PrintsExactly("4 front");
        (await Kubectl(ns, "get", "service", "web", "-o", "jsonpath={.spec.ports[*].name}")).Succeeds().PrintsExactly("http https alt");
    }

    [Fact]
    public async Task Strategic_patch_with_a_delete_directive_removes_one_port()
    {
        var ns = await CreateAppAsync("patch-delete");

        (await Kubectl(ns, "patch", "service", "web", "-p", """{"spec":{"ports":[{"$patch":"delete","port":443}]}}""")).Succeeds();

        (await Kubectl(ns, "get", "service", "web", "-o", "jsonpath={.spec.ports[*].name}")).Succeeds().PrintsExactly("http");
    }

    [Fact]
    public async Task Scale_sets_the_replicas_through_the_scale_subresource()
    {
        var ns = await CreateAppAsync("scale");

        (await Kubectl(ns, "scale", "deployment/web", "--replicas=6")).Succeeds().PrintsExactly("deployment.apps/web scaled\n");

        (await Kubectl(ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas} {.metadata.generation}")).Succeeds().PrintsExactly("6 2");
        (await Kubectl(ns, "get", "--raw", $"/apis/apps/v1/namespaces/{ns}/deployments/web/scale")).Succeeds()
            .PrintsLine("\"kind\":\"Scale\"").PrintsLine("\"apiVersion\":\"autoscaling/v1\"").PrintsLine("\"selector\":\"app=web\"");
    }

    [Fact]
    public async Task Set_image_and_rollout_restart_change_the_pod_template()
    {
        var ns = await CreateAppAsync("set-image");

        (await Kubectl(ns, "set", "image", "deployment/web", "web=nginx:1.29")).Succeeds().PrintsExactly("deployment.apps/web image updated\n");
        (await Kubectl(ns, "rollout", "restart", "deployment/web")).Succeeds().PrintsExactly("deployment.apps/web restarted\n");

        (await Kubectl(ns, "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")).Succeeds().PrintsExactly("nginx:1.29");
        (await Kubectl(ns, "get", "deployment", "web", "-o", "jsonpath={.spec.template.metadata.annotations}")).Succeeds()
            .PrintsLine("kubectl.kubernetes.io/restartedAt");
    }

    [Fact]
    public async Task Edit_with_a_scripted_editor_saves_the_change()
    {
        var ns = await CreateAppAsync("edit");

        (await EditorCommand.EditAsync(fixture.Emulator, "s/replicas: 2/replicas: 7/", "deployment/web", "-n", ns)).Succeeds()
            .PrintsExactly("deployment.apps/web edited\n");

        (await Kubectl(ns, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")).Succeeds().PrintsExactly("7");
    }

    private async Task<string> CreateAppAsync(string purpose)
    {
        var ns = await fixture.CreateNamespaceAsync(purpose);
        (await fixture.Kubectl.RunAsync(["apply", "-n", ns, "-f", "-"], ApplyManifests.App("web", "nginx:1.27", withHttps: true))).Succeeds();
        return ns;
    }

    private Task<CommandResult> Kubectl(string ns, params string[] arguments) => fixture.Kubectl.RunAsync([.. arguments, "-n", ns]);
}
