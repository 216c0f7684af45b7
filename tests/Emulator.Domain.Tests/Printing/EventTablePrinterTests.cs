using Emulator.Domain.Resources.Core.Events;
using EventsV1Printer = Emulator.Domain.Resources.EventsK8sIo.Events.EventTablePrinter;

namespace Emulator.Domain.Tests.Printing;

public sealed class EventTablePrinterTests
{
    [Fact]
    public void Core_event_row()
    {
        var obj = PrinterFixtures.Object("httpenv.1821", """
            "apiVersion":"v1","kind":"Event",
            "involvedObject":{"kind":"Deployment","namespace":"default","name":"httpenv","apiVersion":"apps/v1"},
            "reason":"ScalingReplicaSet","message":"Scaled up replica set httpenv-7d9f to 3\n","type":"Normal",
            "source":{"component":"deployment-controller"},
            "firstTimestamp":"2026-01-01T00:01:00Z","lastTimestamp":"2026-01-01T00:05:00Z","count":2
            """);
        var cells = new EventTablePrinter().Cells(obj, PrinterFixtures.Now);
        Assert.Equal<object?>(
            ["5m", "Normal", "ScalingReplicaSet", "deployment/httpenv", "", "deployment-controller",
             "Scaled up replica set httpenv-7d9f to 3", "9m", 2L, "httpenv.1821"],
            cells);
    }

    [Fact]
    public void Event_without_legacy_timestamps_falls_back_to_event_time_and_reporting_fields()
    {
        var obj = PrinterFixtures.Object("web-1.1822", """
            "involvedObject":{"kind":"Pod","name":"web-1","fieldPath":"spec.containers{web}"},
            "reason":"Pulled","message":"ok","type":"Normal",
            "eventTime":"2026-01-01T00:07:00.000000Z","reportingComponent":"kubelet","reportingInstance":"node1"
            """);
        var cells = new EventTablePrinter().Cells(obj, PrinterFixtures.Now);
        Assert.Equal<object?>(["3m", "Normal", "Pulled", "pod/web-1", "spec.containers{web}", "kubelet, node1", "ok", "3m", 1L, "web-1.1822"], cells);
    }

    [Fact]
    public void Series_overrides_last_seen_and_count()
    {
        var obj = PrinterFixtures.Object("e", """
            "involvedObject":{"kind":"Node","name":""},"type":"Warning","reason":"Rebooted",
            "source":{"component":"kubelet","host":"node1"},"reportingComponent":"other",
            "firstTimestamp":"2026-01-01T00:00:00Z","lastTimestamp":"2026-01-01T00:01:00Z","count":7,
            "series":{"count":4,"lastObservedTime":"2026-01-01T00:09:30.000000Z"}
            """);
        var cells = new EventTablePrinter().Cells(obj, PrinterFixtures.Now);
        Assert.Equal<object?>(["30s", "Warning", "Rebooted", "node", "", "kubelet, node1", "", "10m", 4L, "e"], cells);
    }

    [Fact]
    public void Event_without_any_time_is_unknown()
    {
        var cells = new EventTablePrinter().Cells(PrinterFixtures.Object("e", """ "involvedObject":{"kind":"Pod","name":"p"} """), PrinterFixtures.Now);
        Assert.Equal("<unknown>", cells[0]);
        Assert.Equal("<unknown>", cells[7]);
        Assert.Equal(1L, cells[8]);
    }

    [Fact]
    public void Events_k8s_io_event_prints_like_its_core_form()
    {
        var obj = PrinterFixtures.Object("httpenv.1823", """
            "apiVersion":"events.k8s.io/v1","kind":"Event",
            "regarding":{"kind":"ReplicaSet","name":"httpenv-7d9f"},"note":"Created pod: httpenv-7d9f-abcde",
            "reason":"SuccessfulCreate","type":"Normal","action":"Create",
            "reportingController":"replicaset-controller","reportingInstance":"",
            "deprecatedSource":{"component":"replicaset-controller"},
            "deprecatedFirstTimestamp":"2026-01-01T00:02:00Z","deprecatedLastTimestamp":"2026-01-01T00:04:00Z","deprecatedCount":3
            """);
        var printer = new EventsV1Printer();
        Assert.Equal(new EventTablePrinter().Columns, printer.Columns);
        Assert.Equal<object?>(
            ["6m", "Normal", "SuccessfulCreate", "replicaset/httpenv-7d9f", "", "replicaset-controller",
             "Created pod: httpenv-7d9f-abcde", "8m", 3L, "httpenv.1823"],
            printer.Cells(obj, PrinterFixtures.Now));
    }

    [Fact]
    public void Events_k8s_io_printer_passes_a_core_shaped_event_through()
    {
        var obj = PrinterFixtures.Object("e", """
            "apiVersion":"v1","kind":"Event","involvedObject":{"kind":"Pod","name":"p"},"message":"m","count":5,
            "firstTimestamp":"2026-01-01T00:00:00Z","lastTimestamp":"2026-01-01T00:00:00Z"
            """);
        Assert.Equal(new EventTablePrinter().Cells(obj, PrinterFixtures.Now), new EventsV1Printer().Cells(obj, PrinterFixtures.Now));
    }
}
