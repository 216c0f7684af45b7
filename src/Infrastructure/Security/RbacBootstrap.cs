using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Security;
using Emulator.Infrastructure.Registry;
using k8s;
using Microsoft.Extensions.Hosting;

namespace Emulator.Infrastructure.Security;

/// <summary>
/// The apiserver's rbac/bootstrap-roles post-start hook: the default ClusterRoles and ClusterRoleBindings are created
/// when missing (never overwritten, so an edited default survives a restart). Runs before the API listens: it starts
/// in StartingAsync, which the host calls on every lifecycle service before the first StartAsync, so it runs beside
/// the namespace bootstrap and the other services' start instead of after them, and its StartAsync (ahead of the web
/// server's) waits for it to finish (ADR 0020).
/// </summary>
public sealed class RbacBootstrap(GenericRegistry registry) : IHostedLifecycleService
{
    private Task? _running;

    public Task StartingAsync(CancellationToken ct)
    {
        _running = Task.Run(() => EnsureAllAsync(ct), ct);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken ct) => _running ?? EnsureAllAsync(ct);

    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task EnsureAllAsync(CancellationToken ct)
    {
        var roles = registry.Catalog.Get("rbac.authorization.k8s.io", "ClusterRole");
        var bindings = registry.Catalog.Get("rbac.authorization.k8s.io", "ClusterRoleBinding");
        foreach (var role in BootstrapPolicy.ClusterRoles())
            await EnsureAsync(roles, role.Metadata.Name, role, ct);
        foreach (var binding in BootstrapPolicy.ClusterRoleBindings())
            await EnsureAsync(bindings, binding.Metadata.Name, binding, ct);
    }

    private async Task EnsureAsync(Domain.Resources.ResourceDefinition def, string name, object model, CancellationToken ct)
    {
        if (registry.Get(def, null, name) is not null) return;
        try
        {
            await registry.CreateAsync(def, null, (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(model))!, dryRun: false, ct);
        }
        catch (StatusException e) when (e.Reason == "AlreadyExists")
        {
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
