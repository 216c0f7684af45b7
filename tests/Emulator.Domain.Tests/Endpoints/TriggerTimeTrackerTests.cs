using Emulator.Domain.Endpoints;
using static Emulator.Domain.Tests.Endpoints.EndpointFixtures;

namespace Emulator.Domain.Tests.Endpoints;

/// <summary>services-spec.md §4.6: endpoints.kubernetes.io/last-change-trigger-time.</summary>
public sealed class TriggerTimeTrackerTests
{
    [Fact]
    public void First_sync_reports_the_earliest_of_service_creation_and_pod_readiness()
    {
        var tracker = new TriggerTimeTracker();
        Assert.Equal(Created, tracker.Compute(Service(), [Pod("a", readySince: Created.AddSeconds(9))]));
    }

    [Fact]
    public void Nothing_changed_means_no_trigger_time()
    {
        var tracker = new TriggerTimeTracker();
        tracker.Compute(Service(), [Pod("a")]);
        Assert.Null(tracker.Compute(Service(), [Pod("a")]));
    }

    [Fact]
    public void A_pod_readiness_change_reports_its_transition_time()
    {
        var tracker = new TriggerTimeTracker();
        tracker.Compute(Service(), [Pod("a"), Pod("b", "10.244.1.6")]);
        var changed = Created.AddMinutes(2);
        Assert.Equal(changed, tracker.Compute(Service(), [Pod("a"), Pod("b", "10.244.1.6", ready: false, readySince: changed)]));
    }

    [Fact]
    public void A_forgotten_service_starts_over()
    {
        var tracker = new TriggerTimeTracker();
        tracker.Compute(Service(), []);
        tracker.Forget("default", "web");
        Assert.Equal(Created, tracker.Compute(Service(), []));
    }
}
