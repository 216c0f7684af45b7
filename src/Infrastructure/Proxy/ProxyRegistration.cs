using Emulator.Infrastructure.Controllers.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Proxy;

/// <summary>DI registrations of the service data plane: the listener table, the health-check servers and the proxy reconciler.</summary>
public static class ProxyRegistration
{
    /// <summary>The proxy runs with the controllers (it is one of the ControllerManager's reconcilers).</summary>
    public static IServiceCollection AddServiceProxy(this IServiceCollection services, bool controllers)
    {
        services.AddSingleton<ProxyListenerTable>();
        services.AddSingleton<HealthCheckServers>();
        if (!controllers) return services;
        services.AddSingleton<ProxyEventRecorder>();
        services.AddSingleton<IReconciler, ServiceProxyReconciler>();
        return services;
    }
}
