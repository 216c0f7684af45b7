using Emulator.Api.Endpoints;
using Emulator.Api.Watch;
using Emulator.Domain.Resources;
using Emulator.Infrastructure.Controllers;
using Emulator.Infrastructure.Controllers.Framework;
using Emulator.Infrastructure.Endpoints;
using Emulator.Infrastructure.Proxy;
using Emulator.Infrastructure.Services;
using Emulator.Infrastructure.Workloads;
using Emulator.Infrastructure.Registry;
using Emulator.Infrastructure.Storage;

namespace Emulator.Api.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the store, the registry, the API pieces and, when enabled, the background controllers.</summary>
    public static IServiceCollection AddEmulator(this IServiceCollection services, EmulatorOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(new Infrastructure.ClusterOptions
        {
            Nodes = options.Nodes, ServiceCidr = options.ServiceCidr, PodCidr = options.PodCidr, NodePortRange = options.NodePortRange,
            LoadBalancerRange = options.LoadBalancerRange, ClusterDomain = options.ClusterDomain, ApiPort = options.ApiPort,
            DnsPort = options.DnsPort, DataDir = options.DataDir,
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(ResourceCatalog.FromAssembly());
        services.AddSingleton(new StoreOptions { DatabasePath = options.DatabasePath, RetainedChanges = Math.Max(1, options.WatchCacheSize) });
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<GenericRegistry>();
        services.AddSingleton<DiscoveryDocuments>();
        services.AddSingleton<WatchStreamer>();
        services.AddHostedService<ClusterBootstrap>();
        services.AddHostedService<ParentWatchdog>();
        if (options.Controllers)
        {
            services.AddHostedService<NamespaceController>();
            services.AddHostedService<ControllerManager>();
        }
        services.AddServiceNetworking(options.Controllers);
        services.AddWorkloads(options.Controllers);
        services.AddEndpointControllers(options.Controllers);
        services.AddClusterDns();
        services.AddServiceProxy(options.Controllers);
        services.AddApiExtensions();
        Security.SecurityRegistration.AddSecurity(services, options);
        services.AddSingleton<FluentValidation.IValidator<Application.Verbs.ListObjects>, Application.Verbs.ListObjectsValidator>();
        services.AddMediator(o =>
        {
            o.ServiceLifetime = ServiceLifetime.Singleton;
            o.PipelineBehaviors = [typeof(Application.Pipeline.ValidationBehavior<,>)];
        });
        return services;
    }
}
