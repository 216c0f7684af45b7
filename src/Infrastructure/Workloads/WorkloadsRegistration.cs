using Emulator.Infrastructure.Batch;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Kubelet;
using Emulator.Infrastructure.Kubelet.Emulations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emulator.Infrastructure.Workloads;

/// <summary>DI registrations of the workloads issue: nodes, scheduler, deployment/replicaset/garbage-collector controllers, simulated kubelet.</summary>
public static class WorkloadsRegistration
{
    public static IServiceCollection AddWorkloads(this IServiceCollection services, bool controllers)
    {
        // Pod logs are served by the API whether or not the kubelet runs (empty without it).
        services.TryAddSingleton<PodLogs>();
        if (!controllers) return services;
        services.TryAddSingleton(new KubeletOptions());
        services.AddSingleton<WorkloadKinds>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<ServiceLinkSource>();
        services.AddImageEmulations();
        services.AddSingleton<ContainerStarter>();
        services.AddSingleton<IReconciler, ReplicaSetReconciler>();
        services.AddSingleton<IReconciler, DeploymentReconciler>();
        services.AddSingleton<IReconciler, DaemonSetReconciler>();
        services.AddSingleton<IReconciler, SchedulerReconciler>();
        services.AddSingleton<IReconciler, GarbageCollector>();
        services.AddSingleton<IReconciler, DisruptionReconciler>();
        services.AddBatchControllers();
        services.AddHostedService<NodeHeartbeat>();
        services.AddSingleton<SimulatedKubelet>();
        services.AddHostedService(sp => sp.GetRequiredService<SimulatedKubelet>());
        return services;
    }
}
