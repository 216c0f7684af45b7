using Emulator.Domain.Dns;
using Emulator.Infrastructure;
using Emulator.Infrastructure.Dns;

// In the DI namespace (the usual home of Add* extensions) so the host's one registration line needs no using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// DI registrations of the cluster DNS. DNS is part of the cluster, not an optional controller: it runs whenever
/// <c>--dns-port</c> is above 0, whatever <c>--controllers</c> says. Register after <see cref="ClusterOptions"/>.
/// </summary>
public static class DnsRegistration
{
    public static IServiceCollection AddClusterDns(this IServiceCollection services)
    {
        services.AddSingleton<DnsZoneIndex>();
        services.AddSingleton(sp => new DnsAnswerPlanner(new DnsZoneSettings(sp.GetRequiredService<ClusterOptions>().ClusterDomain)));
        // The feeder first, so the zone is loaded before the server answers its first query.
        services.AddHostedService<DnsIndexFeeder>();
        services.AddHostedService<ClusterDnsServer>();
        return services;
    }
}
