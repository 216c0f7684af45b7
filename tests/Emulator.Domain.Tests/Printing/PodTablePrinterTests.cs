using Emulator.Domain.Resources.Core.Pods;

namespace Emulator.Domain.Tests.Printing;

public sealed class PodTablePrinterTests
{
    private static readonly PodTablePrinter Printer = new();

    private static object?[] Cells(string body) => Printer.Cells(PrinterFixtures.Object("web-1", body), PrinterFixtures.Now);

    [Fact]
    public void Running_pod_prints_all_nine_cells()
    {
        var cells = Cells("""
            "spec":{"nodeName":"node1","containers":[{"name":"web","image":"nginx"}]},
            "status":{"phase":"Running","podIP":"10.244.0.11","podIPs":[{"ip":"10.244.0.11"}],
              "conditions":[{"type":"Ready","status":"True"}],
              "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2026-01-01T00:00:05Z"}}}]}
            """);
        Assert.Equal<object?>(["web-1", "1/1", "Running", "0", "10m", "10.244.0.11", "node1", "<none>", "<none>"], cells);
    }

    public static TheoryData<string, string, string> StatusCases => new()
    {
        {
            "waiting container shows its reason",
            """
            "spec":{"containers":[{"name":"web"}]},
            "status":{"phase":"Pending","containerStatuses":[{"name":"web","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}
            """,
            "ContainerCreating"
        },
        {
            "no statuses yet: the phase",
            """ "spec":{"containers":[{"name":"web"}]},"status":{"phase":"Pending"} """,
            "Pending"
        },
        {
            "deletionTimestamp on a running pod",
            """
            "metadata":{"name":"web-1","deletionTimestamp":"2026-01-01T00:09:00Z"},
            "spec":{"containers":[{"name":"web"}]},
            "status":{"phase":"Running","containerStatuses":[{"name":"web","ready":true,"state":{"running":{}}}]}
            """,
            "Terminating"
        },
        {
            "deletionTimestamp on a succeeded pod keeps its terminal reason",
            """
            "metadata":{"name":"web-1","deletionTimestamp":"2026-01-01T00:09:00Z"},
            "spec":{"containers":[{"name":"job"}]},
            "status":{"phase":"Succeeded","containerStatuses":[{"name":"job","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
            """,
            "Completed"
        },
        {
            "deleted pod on an unreachable node",
            """
            "metadata":{"name":"web-1","deletionTimestamp":"2026-01-01T00:09:00Z"},
            "spec":{"containers":[{"name":"web"}]},
            "status":{"phase":"Running","reason":"NodeLost","containerStatuses":[{"name":"web","ready":true,"state":{"running":{}}}]}
            """,
            "Unknown"
        },
        {
            "status.reason overrides the phase",
            """ "spec":{"containers":[{"name":"web"}]},"status":{"phase":"Failed","reason":"Evicted"} """,
            "Evicted"
        },
        {
            "scheduling gates",
            """ "spec":{"containers":[{"name":"web"}]},"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]} """,
            "SchedulingGated"
        },
        {
            "terminated without reason, by signal",
            """ "spec":{"containers":[{"name":"web"}]},"status":{"phase":"Failed","containerStatuses":[{"name":"web","state":{"terminated":{"exitCode":137,"signal":9}}}]} """,
            "Signal:9"
        },
        {
            "terminated without reason, by exit code",
            """ "spec":{"containers":[{"name":"web"}]},"status":{"phase":"Failed","containerStatuses":[{"name":"web","state":{"terminated":{"exitCode":2}}}]} """,
            "ExitCode:2"
        },
        {
            "first container's state wins",
            """
            "spec":{"containers":[{"name":"a"},{"name":"b"}]},
            "status":{"phase":"Running","containerStatuses":[
              {"name":"a","state":{"waiting":{"reason":"CrashLoopBackOff"}}},
              {"name":"b","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}
            """,
            "CrashLoopBackOff"
        },
        {
            "a completed container next to a running one, pod not ready",
            """
            "spec":{"containers":[{"name":"a"},{"name":"b"}]},
            "status":{"phase":"Running","containerStatuses":[
              {"name":"a","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
              {"name":"b","ready":true,"state":{"running":{}}}]}
            """,
            "NotReady"
        },
        {
            "a completed container next to a running one, pod ready",
            """
            "spec":{"containers":[{"name":"a"},{"name":"b"}]},
            "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[
              {"name":"a","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
              {"name":"b","ready":true,"state":{"running":{}}}]}
            """,
            "Running"
        },
        {
            "init container running",
            """
            "spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"web"}]},
            "status":{"phase":"Pending",
              "initContainerStatuses":[{"name":"init","state":{"running":{}}}],
              "containerStatuses":[{"name":"web","state":{"waiting":{"reason":"PodInitializing"}}}]}
            """,
            "Init:0/1"
        },
        {
            "second init container running",
            """
            "spec":{"initContainers":[{"name":"one"},{"name":"two"}],"containers":[{"name":"web"}]},
            "status":{"phase":"Pending","initContainerStatuses":[
              {"name":"one","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
              {"name":"two","state":{"waiting":{"reason":"PodInitializing"}}}]}
            """,
            "Init:1/2"
        },
        {
            "init container waiting for its image",
            """
            "spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"web"}]},
            "status":{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"waiting":{"reason":"ImagePullBackOff"}}}]}
            """,
            "Init:ImagePullBackOff"
        },
        {
            "init container failed with a reason",
            """
            "spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"web"}]},
            "status":{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}
            """,
            "Init:Error"
        },
        {
            "init container failed without a reason",
            """
            "spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"web"}]},
            "status":{"phase":"Pending","initContainerStatuses":[{"name":"init","state":{"terminated":{"exitCode":3}}}]}
            """,
            "Init:ExitCode:3"
        },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void Status_cell_follows_printPod(string because, string body, string expected)
    {
        Assert.NotEmpty(because);
        Assert.Equal(expected, Cells(body)[2]);
    }

    [Fact]
    public void Waiting_container_is_not_ready_and_has_no_ip()
    {
        var cells = Cells("""
            "spec":{"containers":[{"name":"web"}]},
            "status":{"phase":"Pending","containerStatuses":[{"name":"web","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}
            """);
        Assert.Equal<object?>(["web-1", "0/1", "ContainerCreating", "0", "10m", "<none>", "<none>", "<none>", "<none>"], cells);
    }

    [Fact]
    public void Restarts_show_when_the_last_container_restarted()
    {
        var cells = Cells("""
            "spec":{"containers":[{"name":"web"},{"name":"log"}]},
            "status":{"phase":"Running","containerStatuses":[
              {"name":"web","ready":true,"restartCount":2,"state":{"running":{}},
               "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T00:02:00Z"}}},
              {"name":"log","ready":true,"restartCount":1,"state":{"running":{}},
               "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T00:05:00Z"}}}]}
            """);
        Assert.Equal("2/2", cells[1]);
        Assert.Equal("3 (5m ago)", cells[3]);
    }

    [Fact]
    public void Restarts_without_a_termination_time_are_a_bare_count() =>
        Assert.Equal("4", Cells("""
            "spec":{"containers":[{"name":"web"}]},
            "status":{"phase":"Running","containerStatuses":[{"name":"web","ready":false,"restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}
            """)[3]);

    [Fact]
    public void Sidecar_counts_towards_ready_and_its_restarts_stay_after_initialization()
    {
        var cells = Cells("""
            "spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}]},
            "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
              "initContainerStatuses":[{"name":"proxy","started":true,"ready":true,"restartCount":1,"state":{"running":{}},
                "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T00:08:00Z"}}}],
              "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}
            """);
        Assert.Equal<object?>(["2/2", "Running", "1 (2m ago)"], cells[1..4]);
    }

    [Fact]
    public void Wide_cells_show_nominated_node_and_readiness_gates()
    {
        var cells = Cells("""
            "spec":{"containers":[{"name":"web"}],"readinessGates":[{"conditionType":"example.com/lb"},{"conditionType":"example.com/dns"}]},
            "status":{"phase":"Pending","nominatedNodeName":"node2","podIP":"10.0.0.9",
              "conditions":[{"type":"example.com/lb","status":"True"},{"type":"example.com/dns","status":"False"}]}
            """);
        Assert.Equal<object?>(["10.0.0.9", "<none>", "node2", "1/2"], cells[5..]);
    }
}
