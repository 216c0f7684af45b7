using System.Text.Json.Nodes;
using Emulator.Domain.Errors;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Registry;
using Microsoft.Extensions.Hosting;

namespace Emulator.Infrastructure.Controllers;

/// <summary>
/// What a fresh cluster has before anyone writes: the four system namespaces (kube-apiserver's
/// system-namespaces controller). Runs at start and is idempotent, so restarts never duplicate anything.
/// </summary>
public sealed class ClusterBootstrap(GenericRegistry registry) : IHostedService
{
    public static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public async Task StartAsync(CancellationToken ct)
    {
        var namespaces = registry.Catalog.Get("", "Namespace");
        foreach (var name in SystemNamespaces)
        {
            if (registry.Get(namespaces, null, name) is not null) continue;
            try
            {
                await registry.CreateAsync(namespaces, null, new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name },
                }, dryRun: false, ct);
            }
            catch (StatusException e) when (e.Reason == "AlreadyExists")
            {
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
