using Emulator.Api.Endpoints;

namespace Emulator.Api.Hosting;

/// <summary>API-layer registrations added by feature work: subresource handlers (scale, log, portforward, proxy).</summary>
public static class ApiExtensionsRegistration
{
    public static IServiceCollection AddApiExtensions(this IServiceCollection services) =>
        services.AddSingleton<ISubresourceHandler, ScaleHandler>()
            .AddSingleton<ISubresourceHandler, EvictionHandler>()
            .AddHostedService<OpenApi.OpenApiWarmup>()
            .AddSingleton<ISubresourceHandler, PodLogHandler>()
            .AddSingleton<Proxy.UpstreamRelay>()
            .AddSingleton<ISubresourceHandler, Proxy.ServiceProxyHandler>()
            .AddSingleton<ISubresourceHandler, Proxy.PodProxyHandler>()
            .AddSingleton<ISubresourceHandler, Proxy.PortForward.PortForwardHandler>()
            .AddSingleton<ISubresourceHandler, Proxy.Exec.ExecHandler>();
}
