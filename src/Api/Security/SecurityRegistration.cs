using Emulator.Api.Endpoints;
using Emulator.Api.Hosting;
using Emulator.Domain.Security;
using Emulator.Infrastructure.Security;

namespace Emulator.Api.Security;

/// <summary>DI registrations of authentication, impersonation, authorization and the token/review endpoints.</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddSecurity(this IServiceCollection services, EmulatorOptions options)
    {
        RequestAuthorizer.Validate(options);
        services.AddSecurityInfrastructure(options.Controllers);
        // Read at start-up so a missing or malformed file stops the server, as kube-apiserver refuses to start.
        services.AddSingleton(options.TokenAuthFile is { Length: > 0 } path ? TokenFile.Parse(File.ReadAllText(path)) : TokenFile.Empty);
        services.AddSingleton<ClientCertificates>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<RequestAuthorizer>();
        services.AddSingleton<ISubresourceHandler, TokenRequestHandler>();
        return services;
    }
}
