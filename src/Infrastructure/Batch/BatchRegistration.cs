using Emulator.Infrastructure.Controllers.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Infrastructure.Batch;

/// <summary>DI registrations of the batch/v1 controllers: job, cronjob and TTL-after-finished.</summary>
public static class BatchRegistration
{
    public static IServiceCollection AddBatchControllers(this IServiceCollection services)
    {
        services.AddSingleton<BatchKinds>();
        services.AddSingleton<IReconciler, JobReconciler>();
        services.AddSingleton<IReconciler, CronJobReconciler>();
        services.AddSingleton<IReconciler, TtlAfterFinishedReconciler>();
        return services;
    }
}
