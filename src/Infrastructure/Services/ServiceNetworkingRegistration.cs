using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Services;

/// <summary>
/// DI registrations of the Service issue. Allocation is part of the API (the apiserver does it inside the write), so
/// the admission hook and the built-in Services are always registered; the IPAddress/ServiceCIDR mirror, the repair
/// loop and the load-balancer controller are controllers, registered only when controllers run.
/// </summary>
public static class ServiceNetworkingRegistration
{
    public static IServiceCollection AddServiceNetworking(this IServiceCollection services, bool controllers)
    {
        services.AddSingleton<ServiceAllocators>();
        services.AddSingleton<IAdmissionHook, ServiceAllocationHook>();
        services.AddHostedService<BuiltInServicesSeeder>();
        if (controllers)
        {
            services.AddSingleton<IReconciler, IpAddressReconciler>();
            services.AddSingleton<ServiceEvents>();
            services.AddSingleton<IReconciler, LoadBalancerReconciler>();
        }
        return services;
    }
}
