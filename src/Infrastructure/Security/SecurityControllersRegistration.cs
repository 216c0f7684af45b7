using Emulator.Domain.Security;
using Emulator.Infrastructure.Controllers.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Security;

/// <summary>DI registrations of the security pieces that live below the API: RBAC store and bootstrap, SA tokens and controller.</summary>
public static class SecurityControllersRegistration
{
    public static IServiceCollection AddSecurityInfrastructure(this IServiceCollection services, bool controllers)
    {
        services.AddSingleton<RbacPolicyStore>();
        services.AddSingleton<IRbacPolicySource>(sp => sp.GetRequiredService<RbacPolicyStore>());
        services.AddSingleton<RbacAuthorizer>();
        services.AddSingleton<ServiceAccountTokens>();
        services.AddHostedService<RbacBootstrap>();
        if (!controllers) return services;
        services.AddSingleton<IReconciler, DefaultServiceAccountReconciler>();
        services.AddSingleton<IReconciler, ClusterRoleAggregationReconciler>();
        return services;
    }
}
