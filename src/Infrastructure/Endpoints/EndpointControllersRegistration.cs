using Emulator.Infrastructure.Controllers.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>DI registrations of the endpoints issue: Endpoints, EndpointSlice and mirroring controllers.</summary>
public static class EndpointControllersRegistration
{
    public static IServiceCollection AddEndpointControllers(this IServiceCollection services, bool controllers)
    {
        if (!controllers) return services;
        services.AddSingleton<EndpointsLister>();
        services.AddSingleton<EndpointWriter>();
        services.AddSingleton<IReconciler, EndpointsReconciler>();
        services.AddSingleton<IReconciler, EndpointSliceReconciler>();
        services.AddSingleton<IReconciler, EndpointSliceMirroringReconciler>();
        services.AddSingleton<IReconciler, KubernetesServiceEndpointsReconciler>();
        return services;
    }
}
