namespace Emulator.Api.Hosting;

/// <summary>API-layer registrations added by feature work: subresource handlers (scale, log, portforward, proxy).</summary>
public static class ApiExtensionsRegistration
{
    public static IServiceCollection AddApiExtensions(this IServiceCollection services) => services;
}
