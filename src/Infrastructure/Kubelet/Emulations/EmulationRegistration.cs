using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Kubelet.Emulations;

/// <summary>The image emulations the simulated kubelet knows, and their catalog.</summary>
public static class EmulationRegistration
{
    public static IServiceCollection AddImageEmulations(this IServiceCollection services)
    {
        services.AddSingleton<IImageEmulation, HttpEnvEmulation>();
        services.AddSingleton<IImageEmulation, NginxEmulation>();
        services.AddSingleton<IImageEmulation, IdleEmulation>();
        services.AddSingleton<IImageEmulation, ShellEmulation>();
        services.AddSingleton<IImageEmulation, AgnhostEmulation>();
        services.AddSingleton<IImageEmulation, HttpEchoEmulation>();
        services.AddSingleton<EmulationCatalog>();
        return services;
    }
}
