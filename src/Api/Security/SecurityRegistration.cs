using Emulator.Api.Endpoints;
using Emulator.Api.Hosting;
using Emulator.Infrastructure.Security;

namespace Emulator.Api.Security;

/// <summary>DI registrations of authentication, impersonation, authorization and the token/review endpoints.</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, EmulatorOptions options)
    {
        RequestAuthorizer.Validate(options);
        services.AddSecurityInfrastructure(options.Controllers);
        services.AddSingleton<ClientCertificates>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<RequestAuthorizer>();
        services.AddSingleton<ISubresourceHandler, TokenRequestHandler>();
        return services;
    }
}
